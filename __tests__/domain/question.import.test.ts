import { parseChoiceAnswer, parseJudgeAnswer, parseQuestionBank, questionKey } from '@/domain/question.import'

const HEAD = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '分类']

describe('reading answers the way people type them', () => {
  it.each([
    ['A', [0]],
    ['ABD', [0, 1, 3]],
    ['A,B,D', [0, 1, 3]],
    ['A、B、D', [0, 1, 3]],
    ['a b d', [0, 1, 3]],
    ['ＡＢ', [0, 1]],
    [' C ', [2]],
    ['B，A', [0, 1]],
    ['A；C', [0, 2]],
  ])('choice answer %p', (text, expected) => {
    expect(parseChoiceAnswer(text)).toEqual(expected)
  })
  it.each([
    ['正确', 0],
    ['对', 0],
    ['√', 0],
    ['错误', 1],
    ['错', 1],
    ['×', 1],
    [' 正确 ', 0],
    ['Ｔ', 0],
    ['F', 1],
  ])('判断 answer %p', (text, expected) => {
    expect(parseJudgeAnswer(text)).toBe(expected)
  })
  it('refuses what is not an answer', () => {
    expect(parseChoiceAnswer('第一个')).toBeNull()
    expect(parseJudgeAnswer('也许')).toBeNull()
  })
})

describe('reading a question bank', () => {
  it('reads the committee layout with a title row, short option headers and empty trailing options', () => {
    const res = parseQuestionBank([
      ['2026 年党内法规知识题库'],
      ['题型', '题目', 'A', 'B', 'C', 'D', 'E', 'F', '正确答案', '解析', '分类'],
      [
        '单选',
        '  党的最高领导机关是（  ）。',
        '党的全国代表大会和它所产生的中央委员会',
        '中央政治局',
        '',
        '',
        '',
        '',
        'A',
        '见党章第十条',
        '党章',
      ],
      [
        '多选题',
        '党员的权利包括（ ）',
        '参加党的有关会议',
        '行使表决权',
        '在党内提出建议',
        '不受纪律约束',
        '',
        '',
        'A、B、C',
        '',
        '党章',
      ],
      ['判断', '预备党员的预备期为一年。', '', '', '', '', '', '', '√', '', '党章'],
    ])
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.questions.map((q) => [q.row, q.type, q.options.length, q.answer])).toEqual([
      [3, 'single', 2, [0]],
      [4, 'multi', 4, [0, 1, 2]],
      [5, 'judge', 2, [0]],
    ])
    expect(res.questions[0].stem).toBe('党的最高领导机关是（ ）。')
    expect(res.questions[2].options).toEqual(['正确', '错误'])
  })

  it('lists every real error by row and field, and imports nothing', () => {
    const res = parseQuestionBank([
      HEAD,
      ['单选', '', '甲', '乙', '', '', '', '', 'A', '', ''],
      ['单选', '题二', '甲', '乙', '', '', '', '', 'AB', '', ''],
      ['单选', '题三', '甲', '乙', '', '', '', '', 'D', '', ''],
      ['多选', '题四', '甲', '', '丙', '', '', '', 'AC', '', ''],
      ['判断', '题五', '', '', '', '', '', '', '大概', '', ''],
      ['问答', '题六', '', '', '', '', '', '', 'A', '', ''],
      ['单选', '题七', '甲', '乙', '', '', '', '', '', '', ''],
    ])
    expect(res).toEqual({
      ok: false,
      errors: [
        { row: 2, field: '题干', message: '题干不能为空' },
        { row: 3, field: '答案', message: '单选题只能有一个答案，填写的是“AB”' },
        { row: 4, field: '答案', message: '答案中的 D 没有对应的选项' },
        { row: 5, field: '选项B', message: '选项B为空，但后面还有选项' },
        { row: 6, field: '答案', message: '判断题答案“大概”无法识别，应为正确/错误、对/错或√/×' },
        { row: 7, field: '题型', message: '题型“问答”无法识别，应为单选、多选或判断' },
        { row: 8, field: '答案', message: '答案不能为空' },
      ],
    })
  })

  it('reports duplicates within the file and of questions already in the bank, and skips them', () => {
    const existing = new Set([questionKey('judge', '党的宗旨是全心全意为人民服务。')])
    const res = parseQuestionBank(
      [
        HEAD,
        ['判断', '党的宗旨是全心全意为人民服务', '', '', '', '', '', '', '对', '', ''],
        ['单选', '题甲', '一', '二', '', '', '', '', 'B', '', ''],
        ['单选', '题 甲。', '一', '二', '', '', '', '', 'B', '', ''],
      ],
      existing,
    )
    expect(res).toMatchObject({
      ok: true,
      duplicates: [
        { row: 2, of: 'existing' },
        { row: 4, of: 3 },
      ],
    })
    expect(res.ok && res.questions.map((q) => q.row)).toEqual([3])
  })

  it('needs a header with 题干 and 答案, and 题型', () => {
    expect(parseQuestionBank([['随便', '什么']])).toMatchObject({ ok: false, errors: [{ field: '表头' }] })
    expect(
      parseQuestionBank([
        ['题干', '答案'],
        ['x', 'A'],
      ]),
    ).toMatchObject({ ok: false, errors: [{ message: '缺少“题型”列' }] })
  })
})
