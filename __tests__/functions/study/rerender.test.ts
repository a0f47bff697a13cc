import { BUDGETS } from '../../../src/contract/budget'
import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const MARKDOWN = '## 学习背景\n\n这就是我们常说的**“两个确立”**。\n\n- 原原本本学'
// What marked stored for it: CommonMark leaves `**` literal next to the Chinese quote and full stop.
const MARKED_HTML = '<h2>学习背景</h2><p>这就是我们常说的**“两个确立”**。</p><ul><li>原原本本学</li></ul>'

/** A published article for everyone, stored the way the study function stored it before markdown-it (no renderer). */
async function oldArticle(over: Record<string, unknown> = {}) {
  const now = t.cloud.clock.now()
  await t.cloud
    .db()
    .collection('articles')
    .doc('ar_old')
    .set({
      data: {
        title: '深刻领悟“两个确立”',
        category: '理论学习',
        summary: '学习背景这就是我们常说的**“两个确立”**。原原本本学',
        cover: null,
        markdown: MARKDOWN,
        html: MARKED_HTML,
        attachments: [],
        source: null,
        sourceDate: null,
        audienceBranchIds: [],
        required: false,
        deadline: null,
        readMinutes: 1,
        status: 'published',
        publishAt: new Date(now.getTime() - 86400_000),
        notifiedAt: null,
        ownerBranchId: null,
        createdBy: 'x',
        createdAt: new Date(now.getTime() - 86400_000),
        updatedAt: new Date(now.getTime() - 86400_000),
        ...over,
      },
    })
}

const stored = async () =>
  (await t.cloud.db().collection('articles').doc('ar_old').get()).data as Record<string, unknown>

it('an article rendered by marked is served and stored as markdown-it renders it, once', async () => {
  await oldArticle()
  const qian = await t.openidOf('钱文静')
  const first = await t.metered(qian, 'study.get', { articleId: 'ar_old' })
  if (!first.res.ok) throw new Error(first.res.error.message)
  expect(first.res.data.article.html).toContain('<strong>“两个确立”</strong>。')
  expect(first.res.data.article.html).not.toContain('**')
  const doc = await stored()
  expect(doc.html).toContain('<strong>“两个确立”</strong>')
  expect(doc.renderer).toBe('markdown-it-cjk@1')
  // The summary was the old body's opening, so it is taken again from the new one.
  expect(doc.summary).not.toContain('**')
  // The next reader pays nothing for it.
  const second = await t.metered(qian, 'study.get', { articleId: 'ar_old' })
  expect(second.requests.total).toBe(first.requests.total - 1)
  // Within the action's budget, the upgrading read included.
  expect(first.requests.total).toBeLessThanOrEqual(BUDGETS['study.get'].max)
  // The editor's form opens on the same rendering.
  const admin = await t.ok(await t.openidOf('陈建国'), 'study.getArticle', { articleId: 'ar_old' })
  expect(admin.article.html).toBe(doc.html)
})

it('a summary the editor wrote is kept; an article pasted as HTML is left as it was cleaned', async () => {
  await oldArticle({ summary: '编辑写的摘要' })
  const qian = await t.openidOf('钱文静')
  await t.ok(qian, 'study.get', { articleId: 'ar_old' })
  expect((await stored()).summary).toBe('编辑写的摘要')

  await oldArticle({ markdown: null, html: '<p>粘贴的**正文**</p>' })
  expect((await t.ok(qian, 'study.get', { articleId: 'ar_old' })).article.html).toBe('<p>粘贴的**正文**</p>')
  expect((await stored()).renderer).toBeUndefined()
})

it('new articles carry the renderer that made them', async () => {
  const { article } = await t.ok(await t.openidOf('陈建国'), 'study.save', {
    title: '新资料',
    category: '理论学习',
    markdown: MARKDOWN,
  })
  const doc = (await t.cloud.db().collection('articles').doc(article.id).get()).data as Record<string, unknown>
  expect(doc.renderer).toBe('markdown-it-cjk@1')
})
