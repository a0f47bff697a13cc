import { meetingActions } from '@/contract/meeting.contract'
import { studyActions } from '@/contract/study.contract'
import { v, validate } from '@/contract/schema'

const messages = (r: ReturnType<typeof validate>) => (r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`))

describe('dates are real calendar instants between 2000 and 2100', () => {
  const s = v.object({ at: v.instant({ label: '开始时间' }) })
  it.each(['2026-07-01T09:30:00+08:00', '2026-07-01T01:30Z', '2028-02-29T00:00:00.123Z', '2000-01-01T00:00:00Z'])(
    'accepts %s',
    (at) => {
      expect(validate(s, { at })).toEqual({ ok: true, value: { at } })
    },
  )
  it.each([
    ['2026-13-45T99:99Z', '开始时间不是有效的日期时间'],
    ['2026-02-30T10:00:00+08:00', '开始时间不是有效的日期时间'],
    ['2027-02-29T10:00:00Z', '开始时间不是有效的日期时间'],
    ['2026-07-01T24:00:00Z', '开始时间不是有效的日期时间'],
    ['2026-07-01T10:00:00+25:00', '开始时间不是有效的日期时间'],
    ['1970-01-01T00:00:00Z', '开始时间应在 2000 年至 2100 年之间'],
    ['2101-01-01T00:00:00Z', '开始时间应在 2000 年至 2100 年之间'],
    ['tomorrow', '开始时间格式不正确'],
  ])('refuses %s', (at, message) => {
    expect(messages(validate(s, { at }))).toEqual([`at: ${message}`])
  })
  it('a range may not end before it starts', () => {
    const res = validate(meetingActions.stats.input, {
      kind: 'org',
      from: '2026-12-01T00:00:00Z',
      to: '2026-11-01T00:00:00Z',
    })
    expect(messages(res)).toEqual(['to: 结束日期不能早于开始日期'])
  })
})

describe('text and links', () => {
  const s = v.object({ name: v.str({ label: '姓名', max: 20 }) })
  it.each(['a\u0000b', '\u0007', 'x\u001b[31m', 'a\u007fb', '\ud800x'])(
    'refuses control characters and broken text (%j)',
    (name) => {
      expect(messages(validate(s, { name }))).toEqual(['name: 姓名含有无法识别的控制字符，请删除后重试'])
    },
  )
  it('keeps line breaks and tabs in long text', () => {
    const body = v.object({ text: v.str({ label: '正文', max: 100 }) })
    expect(validate(body, { text: '第一段\n\t第二段' }).ok).toBe(true)
  })
  it('gives every text field a ceiling even when the contract names none', () => {
    const open = v.object({ t: v.str({ label: '模板' }) })
    expect(messages(validate(open, { t: 'x'.repeat(1001) }))).toEqual(['t: 模板最多 1000 个字'])
  })
  it.each([
    ['cloud://local/study/cover.png', true],
    ['https://www.12371.cn/a.html', true],
    ['javascript:alert(1)', false],
    ['data:image/svg+xml;base64,PHN2Zz4=', false],
    ['http://example.com/a.png', false],
    ['https://user:pw@example.com/', false],
    ['//example.com/a.png', false],
  ])('a cover or attachment link %s → %s', (cover, ok) => {
    const res = validate(studyActions.save.input, { title: '学习资料', category: '理论学习', cover, markdown: '正文' })
    expect(res.ok ? true : messages(res)).toEqual(ok ? true : ['cover: 封面只能是上传的文件或以 https:// 开头的网址'])
  })
})

describe('hostile shapes', () => {
  const s = v.object({ name: v.str({ label: '姓名', max: 20 }) })
  it.each([{ $where: '1' }, JSON.parse('{"__proto__": {"x": 1}, "name": "张三"}'), { constructor: 'x', name: '张三' }])(
    'refuses operator and prototype keys (%j)',
    (input) => {
      expect(validate(s, input).ok).toBe(false)
    },
  )
  it('an operator object where text belongs is refused', () => {
    expect(messages(validate(s, { name: { $ne: null } }))).toEqual(['name: 姓名应为文字'])
  })
})
