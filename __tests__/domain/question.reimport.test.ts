import { questionChanges, type StoredQuestion } from '@/domain/question.reimport'

const stored: StoredQuestion = {
  _id: 'q1',
  type: 'single',
  options: ['全国代表大会', '中央委员会', '中央政治局'],
  answer: [1],
  explanation: '旧解析',
  category: '党章',
}

describe('a corrected bank row against the stored question', () => {
  it('lists each changed field as a person reads it', () => {
    const { changes, patch } = questionChanges(stored, {
      type: 'single',
      options: ['全国代表大会', '中央委员会', '中央政治局'],
      answer: [0],
      explanation: '党章第十条',
      category: '党章',
    })
    expect(changes).toEqual([
      { field: 'answer', before: 'B', after: 'A' },
      { field: 'explanation', before: '旧解析', after: '党章第十条' },
    ])
    expect(patch).toEqual({ answer: [0], explanation: '党章第十条' })
  })
  it('finds nothing to change in an identical row, and a blank 解析 or 分类 keeps the stored one', () => {
    const { changes } = questionChanges(stored, { ...stored, explanation: null, category: null })
    expect(changes).toEqual([])
  })
  it('shows options with their letters and 判断 answers as 正确/错误', () => {
    expect(questionChanges(stored, { ...stored, options: ['全国代表大会', '中央委员会'] }).changes[0]).toEqual({
      field: 'options',
      before: 'A. 全国代表大会；B. 中央委员会；C. 中央政治局',
      after: 'A. 全国代表大会；B. 中央委员会',
    })
    const judge: StoredQuestion = { ...stored, type: 'judge', options: ['正确', '错误'], answer: [0] }
    expect(questionChanges(judge, { ...judge, answer: [1] }).changes).toEqual([
      { field: 'answer', before: '正确', after: '错误' },
    ])
  })
})
