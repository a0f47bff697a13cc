import { checkExtraAnswers, extraFieldsProblem, type ExtraFieldRule } from '@/domain/extra-fields'

const fields: ExtraFieldRule[] = [
  { key: 'size', label: '衣服尺码', type: 'select', options: ['M', 'L'], required: true },
  { key: 'family', label: '是否携带家属', type: 'bool' },
  { key: 'note', label: '备注', type: 'text' },
  { key: 'diet', label: '饮食禁忌', type: 'text', required: true },
]

describe('extra sign-up fields', () => {
  it('an organiser may not repeat a key or leave a select without options', () => {
    expect(extraFieldsProblem(fields)).toBeNull()
    expect(extraFieldsProblem([...fields, { key: 'size', label: '尺码', type: 'text' }])).toBe(
      '报名附加信息的字段标识不能重复',
    )
    expect(extraFieldsProblem([{ key: 'x', label: '班车站点', type: 'select', options: [] }])).toBe(
      '“班车站点”请填写选项',
    )
  })

  it('required fields must be answered, with the verb the field asks for', () => {
    expect(checkExtraAnswers(fields, { diet: '无' })).toEqual({ ok: false, message: '请选择“衣服尺码”' })
    expect(checkExtraAnswers(fields, { size: 'M', diet: '  ' })).toEqual({ ok: false, message: '请填写“饮食禁忌”' })
  })

  it('a select takes one of its options and a 是/否 field 是 or 否', () => {
    expect(checkExtraAnswers(fields, { size: 'XXL', diet: '无' })).toEqual({
      ok: false,
      message: '“衣服尺码”请从选项中选择',
    })
    expect(checkExtraAnswers(fields, { size: 'M', family: '也许', diet: '无' })).toEqual({
      ok: false,
      message: '“是否携带家属”请选择是或否',
    })
  })

  it('keeps trimmed answers to the fields asked, dropping empty optional ones and unknown keys', () => {
    expect(checkExtraAnswers(fields, { size: ' L ', family: '是', note: '', diet: '清真', hack: 'x' })).toEqual({
      ok: true,
      values: [
        { key: 'size', value: 'L' },
        { key: 'family', value: '是' },
        { key: 'diet', value: '清真' },
      ],
    })
  })
})
