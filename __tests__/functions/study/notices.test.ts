// Subscribe messages: template ids and keyword keys are the deployment's configuration, checked at start; a send
// WeChat refuses gives the member's credit back and is recorded.
import { readTemplate, STUDY_REQUIRED, templateData } from '../../../cloudfunctions/_shared/templates'
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
const saved = { ...process.env }
afterEach(() => {
  t?.close()
  for (const k of ['STUDY_TEMPLATE_KEYS', 'STUDY_TEMPLATE_ID']) {
    if (saved[k] === undefined) Reflect.deleteProperty(process.env, k)
    else process.env[k] = saved[k]
  }
  jest.restoreAllMocks()
})

const TPL = 'local_study_required'
const inDays = (d: number) => new Date(t.cloud.clock.now().getTime() + d * 86400_000).toISOString()

async function publishRequired(audienceBranchIds = ['org_office']) {
  const admin = await t.openidOf('陈建国')
  const { article } = await t.ok(admin, 'study.save', {
    title: '学习贯彻党的二十届四中全会精神',
    category: '第一议题',
    markdown: '## 一、总体要求\n\n深入学习**全会精神**。',
    audienceBranchIds,
    required: true,
    deadline: inDays(7),
    readMinutes: 4,
  })
  await t.ok(admin, 'study.publish', { articleId: article.id })
  // Publishing queues the notices; the timer sends them (study/notice-job.ts).
  const tick = await t.timer('study', 'dispatchDue')
  return tick.ok ? (tick.data as { notified: number }).notified : -1
}

async function credits(name: string) {
  const member = (await t.cloud.db().collection('members').where({ name }).get()).data[0]
  return (
    await t.cloud
      .db()
      .collection('subscriptions')
      .where({ _id: `${member._id}_${TPL}` })
      .get()
  ).data[0]
}

describe('a send WeChat refuses', () => {
  it('43101 (she turned the messages off): her credit is given back and the refusal recorded; the others are notified once', async () => {
    t = await startTestCloud()
    const qian = await t.openidOf('钱文静')
    const sun = await t.openidOf('孙浩然')
    await t.ok(qian, 'study.subscribe', { templateId: TPL, accepted: true })
    await t.ok(sun, 'study.subscribe', { templateId: TPL, accepted: true })
    t.cloud.openapiFaults.refuseMessagesTo(qian, 43101)
    jest.spyOn(console, 'error').mockImplementation(() => {})

    expect(await publishRequired()).toBe(1)
    const outbox = (await t.cloud.db().collection('outbox').get()).data
    expect(outbox.map((m) => m.touser)).toEqual([sun])
    const hers = await credits('钱文静')
    expect(hers.credits).toBe(1)
    expect(hers.failures).toBe(1)
    expect(hers.lastFailure).toMatchObject({ errCode: 43101 })
    expect((await credits('孙浩然')).credits).toBe(0)
  })
})

describe('template configuration', () => {
  it("fills the keys this deployment's template has (STUDY_TEMPLATE_KEYS), cut to what each kind accepts", async () => {
    process.env.STUDY_TEMPLATE_KEYS = 'title=thing4, category=phrase6, deadline=date2'
    t = await startTestCloud()
    const qian = await t.openidOf('钱文静')
    await t.ok(qian, 'study.subscribe', { templateId: TPL, accepted: true })
    expect(await publishRequired()).toBe(1)
    const [msg] = (await t.cloud.db().collection('outbox').get()).data
    expect(Object.keys(msg.data).sort()).toEqual(['date2', 'phrase6', 'thing4'])
    expect(msg.data.thing4.value).toBe('学习贯彻党的二十届四中全会精神')
    // phrase keywords take at most 5 characters: "第一议题·必读" is cut rather than failing the send with 47003.
    expect(msg.data.phrase6.value).toBe('第一议题·')
  })

  it('keys that do not fit the fields are logged loudly at start, and nothing is sent or spent', async () => {
    process.env.STUDY_TEMPLATE_KEYS = 'title=time1,category=thing2'
    const log = jest.spyOn(console, 'error').mockImplementation(() => {})
    t = await startTestCloud()
    const lines = log.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('模板配置错误'))
    expect(lines.some((l) => l.includes('STUDY_TEMPLATE_KEYS') && l.includes('title'))).toBe(true)
    expect(lines.some((l) => l.includes('缺少字段 deadline'))).toBe(true)

    // Sending is off: the feed offers no template to subscribe to and a publish sends nothing.
    const qian = await t.openidOf('钱文静')
    expect((await t.ok(qian, 'study.feed', {})).subscribeTemplateId).toBeNull()
    expect(await publishRequired()).toBe(0)
    expect(await t.count('outbox')).toBe(0)
  })

  it('a consent for a template this deployment does not use is refused and writes nothing', async () => {
    t = await startTestCloud()
    const qian = await t.openidOf('钱文静')
    const res = await t.call(qian, 'study.subscribe', { templateId: 'someone_elses_template', accepted: true })
    expect(res.ok || res.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/模板/) })
    expect(await t.count('subscriptions')).toBe(0)
  })

  it('reads ids and keys per field, refusing typos, unknown fields and two fields on one key', () => {
    const env = (keys?: string) => ({ STUDY_TEMPLATE_ID: 'tpl', STUDY_TEMPLATE_KEYS: keys })
    expect(readTemplate(STUDY_REQUIRED, {}).template).toBeNull()
    expect(readTemplate(STUDY_REQUIRED, env()).template).toEqual({
      id: 'tpl',
      keys: { title: 'thing1', category: 'thing2', deadline: 'time3' },
    })
    expect(readTemplate(STUDY_REQUIRED, env('title=thing1,category=thing1,deadline=time3')).problems).toEqual([
      '字段 title 和 category 用了同一个关键词 thing1',
    ])
    expect(
      readTemplate(STUDY_REQUIRED, env('title=thing1,category=thing2,deadline=time3,place=thing9')).problems,
    ).toEqual(['未知字段 place（可用：title、category、deadline）'])
    expect(readTemplate(STUDY_REQUIRED, env('title=thng1,category=thing2,deadline=time3')).template).toBeNull()
    const tpl = readTemplate(STUDY_REQUIRED, env())!.template!
    expect(
      templateData(tpl, { title: '一二三四五六七八九十一二三四五六七八九十多', category: '学', deadline: 'x' }).thing1,
    ).toEqual({ value: '一二三四五六七八九十一二三四五六七八九十' })
  })
})
