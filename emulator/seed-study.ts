import fs from 'fs'
import path from 'path'
import { renderMarkdown, plainText } from '../cloudfunctions/study/content'
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
