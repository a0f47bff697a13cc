import { memberActions } from '@/contract/member.contract'
import { v, validate } from '@/contract/schema'

describe('input validation', () => {
  it('trims text and drops fields the action does not declare', () => {
    const res = validate(memberActions.bind.input, {
      mode: 'phone',
      name: ' 张三 ',
      phoneTail: '1234',
      role: 'org_admin',
    })
    expect(res).toEqual({ ok: true, value: { mode: 'phone', name: '张三', phoneTail: '1234' } })
  })
  it('says in Chinese what to fix, for every field at once', () => {
    const res = validate(memberActions.bind.input, { mode: 'sms', name: '' })
    expect(res).toEqual({
      ok: false,
      issues: [
        { path: 'mode', message: '绑定方式的取值无效' },
        { path: 'name', message: '请填写姓名' },
      ],
    })
  })
  it('checks numbers, ranges and lists', () => {
    const schema = v.object({
      n: v.int({ label: '人数', min: 1, max: 5 }),
      tags: v.array(v.str({ label: '标签', max: 2 }), { max: 2 }),
    })
    expect(validate(schema, { n: 1.5, tags: ['abc'] })).toEqual({
      ok: false,
      issues: [
        { path: 'n', message: '人数应为整数' },
        { path: 'tags.0', message: '标签最多 2 个字' },
      ],
    })
    expect(validate(schema, { n: 9, tags: [] })).toMatchObject({ ok: false, issues: [{ message: '人数不能大于 5' }] })
    expect(validate(schema, { n: 2, tags: ['a'] })).toEqual({ ok: true, value: { n: 2, tags: ['a'] } })
  })
  it('treats a missing input as an empty object', () => {
    expect(validate(memberActions.whoami.input, undefined)).toEqual({ ok: true, value: {} })
  })
})
