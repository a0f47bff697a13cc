import fs from 'fs'
import path from 'path'
import { contentTools, RENDERER } from '../cloudfunctions/study/content'
import type { ArticleDoc } from '../cloudfunctions/study/docs'
import type { Db } from '../cloudfunctions/_shared/db-types'
import { projectRoot } from './paths'
import { SEED_ARTICLES } from './seed-articles'

const DAY = 24 * 3600_000
/** The demo images and attachment, uploaded to cloud storage at seeding as an editor's uploads would be. */
const assetFile = (name: string) => path.join(projectRoot(), 'emulator', 'assets', 'study', name)

/** Seeds the demo study materials (stored the way the study function stores them: rendered and sanitised). */
export async function seedStudy(
  db: Db,
  now: Date,
  createdBy: string,
  upload: (cloudPath: string, content: Buffer) => string,
): Promise<number> {
  const { renderMarkdown, plainText } = await contentTools()
  const ids: Record<string, string> = {}
  for (const name of ['cover-party.svg', 'cover-study.svg', 'sample.pdf'])
    ids[`/static/study/${name}`] = upload(`study/${name}`, fs.readFileSync(assetFile(name)))
  const swap = (s: string) => s.replace(/\/static\/study\/[\w.-]+/g, (m) => ids[m] ?? m)
  for (const [i, a] of SEED_ARTICLES.entries()) {
    const html = renderMarkdown(swap(a.markdown))
    const publishAt = new Date(now.getTime() - a.publishedDaysAgo * DAY - i * 60_000)
    const doc: Omit<ArticleDoc, '_id'> = {
      title: a.title,
      category: a.category,
      summary: a.summary || plainText(html).slice(0, 60),
      cover: ['第一议题', '党章党规', '纪律教育'].includes(a.category)
        ? ids['/static/study/cover-party.svg']
        : ids['/static/study/cover-study.svg'],
      markdown: swap(a.markdown),
      html,
      renderer: RENDERER,
      attachments: a.attachments.map((x) => ({ ...x, url: swap(x.url) })),
      source: a.source,
      sourceDate: null,
      audienceBranchIds: a.audienceBranchIds,
      required: a.required,
      deadline: a.required && a.deadlineDays ? new Date(now.getTime() + a.deadlineDays * DAY) : null,
      readMinutes: a.readMinutes,
      status: 'published',
      publishAt,
      notifiedAt: publishAt,
      ownerBranchId: null,
      createdBy,
      createdAt: publishAt,
      updatedAt: publishAt,
    }
    await db
      .collection('articles')
      .doc(`ar_demo_${String(i + 1).padStart(2, '0')}`)
      .set({ data: doc })
  }
  return SEED_ARTICLES.length
}

/** Demo 学习心得 on two required articles, so the staff screens that read them have something to show. */
const SEED_REFLECTIONS: Array<{ article: string; name: string; hoursAgo: number; text: string }> = [
  {
    article: 'ar_demo_01',
    name: '钱文静',
    hoursAgo: 96,
    text: '通过学习党的二十大报告，我对“以中国式现代化全面推进中华民族伟大复兴”有了更深的理解。作为办公室的一员，要把学习成果落实到文稿起草、会务保障的每一个细节中，做到严谨细致、担当作为。',
  },
  {
    article: 'ar_demo_01',
    name: '冯涛',
    hoursAgo: 50,
    text: '报告提出健全现代预算制度，这与我们处室的日常工作直接相关。下一步要在预算编制中更加注重绩效导向，把有限的财政资金用在刀刃上。',
  },
  {
    article: 'ar_demo_01',
    name: '孙浩然',
    hoursAgo: 20,
    text: '学习报告后，我体会最深的是“全面从严治党永远在路上”。青年党员要从小事做起，守纪律、讲规矩，在平凡岗位上发挥先锋模范作用。',
  },
  {
    article: 'ar_demo_07',
    name: '钱文静',
    hoursAgo: 30,
    text: '重温党章总纲，进一步明确了党员的义务和权利。要对照党章找差距，经常性开展批评与自我批评，做一名合格党员。',
  },
]

export async function seedReflections(
  db: Db,
  now: Date,
  people: ReadonlyArray<{ id: string; name: string; branchId: string }>,
): Promise<void> {
  for (const r of SEED_REFLECTIONS) {
    const who = people.find((p) => p.name === r.name)
    if (!who) continue
    await db
      .collection('reflections')
      .doc(`${r.article}_${who.id}`)
      .set({
        data: {
          articleId: r.article,
          memberId: who.id,
          branchId: who.branchId,
          text: r.text,
          updatedAt: new Date(now.getTime() - r.hoursAgo * 3600_000),
        },
      })
  }
}
