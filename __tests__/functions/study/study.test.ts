import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const inDays = (d: number) => new Date(t.cloud.clock.now().getTime() + d * 86400_000).toISOString()

async function publishArticle(
  opts: {
    title?: string
    audienceBranchIds?: string[]
    required?: boolean
    readMinutes?: number
    as?: string
    publishAt?: string
  } = {},
) {
  const admin = await t.openidOf(opts.as ?? '陈建国')
  const { article } = await t.ok(admin, 'study.save', {
    title: opts.title ?? '学习贯彻党的二十届四中全会精神',
    category: '第一议题',
    markdown: '## 一、总体要求\n\n深入学习**全会精神**。\n\n- 原原本本学\n- 联系实际学\n\n> 学而信、学而思、学而行。',
    audienceBranchIds: opts.audienceBranchIds,
    required: opts.required ?? true,
    deadline: opts.required === false ? undefined : inDays(7),
    readMinutes: opts.readMinutes ?? 4,
  })
  const published = await t.ok(admin, 'study.publish', { articleId: article.id, publishAt: opts.publishAt })
  return { admin, article, notified: published.notified }
}

describe("a secretary follows up the committee's required reading", () => {
  it('her list holds it read-only beside her own, and its statistics name her branch only', async () => {
    const forOffice = await publishArticle({ title: '机关党委必读：办公室', audienceBranchIds: ['org_office'] })
    const forAll = await publishArticle({ title: '机关党委必读：全体' })
    await publishArticle({ title: '机关党委选读', required: false })
    await publishArticle({ title: '机关党委必读：预算处', audienceBranchIds: ['org_budget'] })
    const li = await t.openidOf('李秀英')
    await publishArticle({ title: '办公室支部资料', as: '李秀英', required: false })

    const list = await t.ok(li, 'study.adminList', {})
    const byTitle = new Map(list.items.map((a) => [a.title, a]))
    expect([...byTitle.keys()].sort()).toEqual(['办公室支部资料', '机关党委必读：全体', '机关党委必读：办公室'].sort())
    expect(byTitle.get('办公室支部资料')!.editable).toBe(true)
    expect(byTitle.get('机关党委必读：办公室')!.editable).toBe(false)
    // Drafts are hers alone: the committee's items are not listed under 草稿.
    expect((await t.ok(li, 'study.adminList', { status: 'draft' })).items).toEqual([])
    // Read-only means read-only.
    expect(codeOf(await t.call(li, 'study.withdraw', { articleId: forOffice.article.id }))).toBe('OUT_OF_SCOPE')
    // Its statistics: her branch's names, nobody else's.
    const stats = await t.ok(li, 'study.articleStats', { articleId: forAll.article.id })
    expect(stats.byBranch.map((b) => b.branchId)).toEqual(['org_office'])
    expect(stats.branch?.notRead.map((m) => m.name)).toContain('钱文静')
  })
})

describe('who sees what', () => {
  it("a member of another branch never sees a branch's item, not even by id", async () => {
    const { article } = await publishArticle({ audienceBranchIds: ['org_office'] })
    const office = await t.openidOf('钱文静')
    const budget = await t.openidOf('冯涛')
    expect((await t.ok(office, 'study.feed', {})).required.map((a) => a.id)).toEqual([article.id])
    const other = await t.ok(budget, 'study.feed', {})
    expect([...other.required, ...other.items].map((a) => a.id)).not.toContain(article.id)
    for (const action of ['study.get', 'study.open', 'study.finish'] as const) {
      const res = await t.call(budget, action, { articleId: article.id, reachedEnd: true })
      expect(codeOf(res)).toBe('NOT_FOUND')
    }
    expect(
      codeOf(await t.call(budget, 'study.reflect', { articleId: article.id, text: '这是一段足够长的学习心得内容。' })),
    ).toBe('NOT_FOUND')
  })

  it('a branch admin can push only to their own branch', async () => {
    const res = await t.call(await t.openidOf('李秀英'), 'study.save', {
      title: '越权推送',
      category: '理论学习',
      markdown: '正文',
      audienceBranchIds: ['org_budget'],
    })
    expect(codeOf(res)).toBe('OUT_OF_SCOPE')
    const own = await t.ok(await t.openidOf('李秀英'), 'study.save', {
      title: '本支部学习',
      category: '理论学习',
      markdown: '正文内容',
    })
    expect(own.article.audienceBranchIds).toEqual(['org_office'])
  })

  it('the edit form reads an article, drafts included, and only its editors may', async () => {
    const own = await t.ok(await t.openidOf('李秀英'), 'study.save', {
      title: '支部草稿',
      category: '理论学习',
      markdown: '草稿正文',
    })
    expect(
      (await t.ok(await t.openidOf('李秀英'), 'study.getArticle', { articleId: own.article.id })).article,
    ).toMatchObject({ title: '支部草稿', status: 'draft' })
    // Another branch's draft answers exactly like a missing article: its id cannot be probed.
    expect(codeOf(await t.call(await t.openidOf('王志强'), 'study.getArticle', { articleId: own.article.id }))).toBe(
      'NOT_FOUND',
    )
  })

  it('a scheduled item stays hidden until its time, and a withdrawn one disappears', async () => {
    const { admin, article } = await publishArticle({ publishAt: inDays(1) })
    const me = await t.openidOf('钱文静')
    expect(codeOf(await t.call(me, 'study.get', { articleId: article.id }))).toBe('NOT_FOUND')
    t.cloud.clock.advance(86400_000 + 1000)
    expect((await t.ok(me, 'study.get', { articleId: article.id })).article.title).toBe(article.title)
    await t.ok(admin, 'study.withdraw', { articleId: article.id })
    expect(codeOf(await t.call(me, 'study.get', { articleId: article.id }))).toBe('NOT_FOUND')
  })
})

describe('read receipts', () => {
  it('opened but not finished gives no receipt; finished too fast gives none; long enough and finished does', async () => {
    const { article } = await publishArticle({ readMinutes: 4 }) // 72 seconds needed
    const me = await t.openidOf('钱文静')
    const { minReadSeconds, secondsSoFar } = await t.ok(me, 'study.open', { articleId: article.id })
    expect([minReadSeconds, secondsSoFar]).toEqual([72, 0])
    t.cloud.clock.advance(5_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })).toMatchObject({
      recorded: false,
      reason: 'too_fast',
      secondsSpent: 5,
      needSeconds: 72,
    })
    expect(await t.count('reads')).toBe(0)
    t.cloud.clock.advance(70_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })).toMatchObject({
      recorded: true,
      already: false,
      secondsSpent: 75,
    })
    expect((await t.ok(me, 'study.get', { articleId: article.id })).article).toMatchObject({
      read: true,
      secondsSpent: 75,
    })
  })

  it('reading time adds up over visits: 60 s today and the rest tomorrow is a read (issue 13, defect 4)', async () => {
    const { article } = await publishArticle({ readMinutes: 5 }) // 90 seconds needed
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(60_000)
    // Leaving the page pauses the clock: the visit's 60 s are kept.
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: false })).toMatchObject({
      recorded: false,
      reason: 'not_finished',
      secondsSpent: 60,
    })
    // A second pause of the same visit (a retry) counts nothing more.
    t.cloud.clock.advance(5_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: false })).toMatchObject({
      secondsSpent: 60,
    })
    // A day away is not reading.
    t.cloud.clock.advance(24 * 3600_000)
    expect((await t.ok(me, 'study.open', { articleId: article.id })).secondsSoFar).toBe(60)
    t.cloud.clock.advance(20_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })).toMatchObject({
      recorded: false,
      reason: 'too_fast',
      secondsSpent: 80,
      needSeconds: 90,
    })
    t.cloud.clock.advance(10_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })).toMatchObject({
      recorded: true,
      secondsSpent: 90,
    })
  })

  it('a visit that was never paused (the app was killed) counts nothing; reaching the end while paused asks to reopen', async () => {
    const { article } = await publishArticle({ readMinutes: 5 }) // 90 seconds needed
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(3600_000)
    expect((await t.ok(me, 'study.open', { articleId: article.id })).secondsSoFar).toBe(0)
    t.cloud.clock.advance(30_000)
    await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: false })
    // Paused: no clock runs, so waiting would not help.
    t.cloud.clock.advance(600_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })).toMatchObject({
      recorded: false,
      reason: 'not_opened',
      secondsSpent: 30,
    })
    expect(await t.count('reads')).toBe(0)
  })

  it('concurrent pauses of one visit bank it once', async () => {
    const { article } = await publishArticle({ readMinutes: 5 })
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(40_000)
    await Promise.all(
      Array.from({ length: 8 }, () => t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: false })),
    )
    expect((await t.ok(me, 'study.open', { articleId: article.id })).secondsSoFar).toBe(40)
  })

  it('finishing without ever opening gives no receipt', async () => {
    const { article } = await publishArticle()
    expect(
      await t.ok(await t.openidOf('钱文静'), 'study.finish', { articleId: article.id, reachedEnd: true }),
    ).toMatchObject({ recorded: false, reason: 'not_opened' })
  })

  it('repeated and concurrent finish calls write one receipt and keep the first time', async () => {
    const { article } = await publishArticle({ readMinutes: 1 })
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(30_000)
    const all = await Promise.all(
      Array.from({ length: 10 }, () => t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })),
    )
    expect(all.every((r) => r.recorded && r.secondsSpent === 30)).toBe(true)
    t.cloud.clock.advance(60_000)
    expect(await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })).toMatchObject({
      already: true,
      secondsSpent: 30,
    })
    expect(await t.count('reads', { articleId: article.id })).toBe(1)
  })

  it('editing after publishing keeps the receipts', async () => {
    const { admin, article } = await publishArticle({ readMinutes: 1 })
    const me = await t.openidOf('钱文静')
    await t.ok(me, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(30_000)
    await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })
    await t.ok(admin, 'study.save', {
      articleId: article.id,
      revision: article.revision,
      title: '（修订）学习贯彻全会精神',
      category: '第一议题',
      markdown: '修订后的正文。',
    })
    expect((await t.ok(me, 'study.get', { articleId: article.id })).article).toMatchObject({
      title: '（修订）学习贯彻全会精神',
      read: true,
    })
  })

  it('the home badge counts unread required items', async () => {
    await publishArticle({ title: '必读一', readMinutes: 1 })
    const { article } = await publishArticle({ title: '必读二', readMinutes: 1 })
    await publishArticle({ title: '选读', required: false })
    const me = await t.openidOf('钱文静')
    expect((await t.ok(me, 'study.unreadRequired', {})).count).toBe(2)
    await t.ok(me, 'study.open', { articleId: article.id })
    t.cloud.clock.advance(20_000)
    await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })
    expect((await t.ok(me, 'study.unreadRequired', {})).count).toBe(1)
  })
})

describe('stored HTML', () => {
  it('is sanitised: scripts, styles, frames, event handlers and javascript: links are stripped', async () => {
    const admin = await t.openidOf('陈建国')
    const { article } = await t.ok(admin, 'study.save', {
      title: '粘贴的网页内容',
      category: '理论学习',
      html: '<h2 onclick="alert(1)">标题</h2><p style="color:red">正文<script>alert("x")</script></p><img src="https://example.org/a.png" onerror="steal()"><a href="javascript:alert(1)">链接</a><iframe src="https://evil"></iframe><style>p{}</style><blockquote>引文</blockquote>',
    })
    const doc = (await t.cloud.db().collection('articles').where({ _id: article.id }).get()).data[0]
    expect(doc.html).not.toMatch(/<script|onclick|onerror|javascript:|<iframe|<style|color:red/i)
    expect(doc.html).toContain('<h2>标题</h2>')
    expect(doc.html).toContain('<blockquote>引文</blockquote>')
    expect(doc.html).toMatch(
      /<img src="https:\/\/example.org\/a.png" style="max-width:100%;height:auto;display:block;margin:8px auto" \/>/,
    )
  })

  it('Markdown is rendered to the same safe subset', async () => {
    const { article } = await publishArticle()
    const doc = (await t.cloud.db().collection('articles').where({ _id: article.id }).get()).data[0]
    expect(doc.html).toContain('<h2>一、总体要求</h2>')
    expect(doc.html).toContain('<strong>全会精神</strong>')
    expect(doc.html).toContain('<li>原原本本学</li>')
  })
})

describe('notifications', () => {
  it('a required item notifies members who subscribed, once per consent, never twice for one item', async () => {
    const qian = await t.openidOf('钱文静')
    await t.ok(qian, 'study.subscribe', { templateId: 'local_study_required', accepted: true })
    await t.ok(await t.openidOf('冯涛'), 'study.subscribe', { templateId: 'local_study_required', accepted: true })
    const { admin, article, notified } = await publishArticle({ audienceBranchIds: ['org_office'] })
    // Publishing queues the notices; the timer sends them (study/notice-job.ts).
    expect(notified).toBe(0)
    expect(await t.count('outbox')).toBe(0)
    expect(await t.timer('study', 'dispatchDue')).toEqual({ ok: true, data: { notified: 1, articles: 0 } })
    const outbox = (await t.cloud.db().collection('outbox').get()).data
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      touser: qian,
      templateId: 'local_study_required',
      page: `packages/study/pages/article/index?id=${article.id}`,
    })
    await t.ok(admin, 'study.publish', { articleId: article.id })
    await t.timer('study', 'dispatchDue')
    expect(await t.count('outbox')).toBe(1)
    expect((await t.ok(qian, 'study.subscribe', { templateId: 'local_study_required', accepted: false })).credits).toBe(
      0,
    )
  })

  it('a scheduled required item notifies when the timer finds it due', async () => {
    await t.ok(await t.openidOf('钱文静'), 'study.subscribe', { templateId: 'local_study_required', accepted: true })
    await publishArticle({ publishAt: inDays(1) })
    expect(await t.count('outbox')).toBe(0)
    t.cloud.clock.advance(86400_000 + 1000)
    const res = await t.timer('study', 'dispatchDue')
    expect(res).toEqual({ ok: true, data: { notified: 1, articles: 1 } })
    expect(await t.count('outbox')).toBe(1)
  })
})

describe('reflections and statistics', () => {
  it('a reflection goes through the content check', async () => {
    const { article } = await publishArticle()
    const me = await t.openidOf('钱文静')
    expect(
      codeOf(await t.call(me, 'study.reflect', { articleId: article.id, text: '这段心得里有违禁词，应当被拦下。' })),
    ).toBe('STUDY_TEXT_RISKY')
    expect(await t.count('reflections')).toBe(0)
    const ok = await t.ok(me, 'study.reflect', { articleId: article.id, text: '通过学习，我更加深刻理解了全会精神。' })
    expect(ok.reflection.text).toBe('通过学习，我更加深刻理解了全会精神。')
  })

  it('per article: audience, read, not read by name, average time; per branch: completion', async () => {
    const { admin, article } = await publishArticle({ readMinutes: 1 })
    for (const [name, secs] of [
      ['钱文静', 20],
      ['孙浩然', 40],
    ] as const) {
      const me = await t.openidOf(name)
      await t.ok(me, 'study.open', { articleId: article.id })
      t.cloud.clock.advance(secs * 1000)
      await t.ok(me, 'study.finish', { articleId: article.id, reachedEnd: true })
    }
    const org = await t.ok(admin, 'study.articleStats', { articleId: article.id })
    expect(org).toMatchObject({ audience: 32, read: 2, notRead: 30, averageSeconds: 30 })
    const branch = await t.ok(await t.openidOf('李秀英'), 'study.articleStats', { articleId: article.id })
    expect(branch.byBranch).toEqual([{ branchId: 'org_office', branchName: '办公室党支部', audience: 8, read: 2 }])
    expect(branch.branch?.read.map((r) => r.name).sort()).toEqual(['孙浩然', '钱文静'])
    expect(branch.branch?.notRead).toHaveLength(6)
    const completion = await t.ok(admin, 'study.completion', {})
    expect(completion.branches.find((b) => b.branchId === 'org_office')).toMatchObject({
      requiredItems: 1,
      expected: 8,
      done: 2,
      rate: 0.25,
    })
    const exported = await t.ok(admin, 'study.exportStats', { articleId: article.id })
    expect(exported.fileName).toMatch(/阅读情况\.xlsx$/)
  })
})
