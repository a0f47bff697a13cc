import type { AdminArticle, ArticleCard, Attachment } from '../../src/contract/study.contract'
import { isOverdue, type ArticleCategory } from '../../src/domain/read.rules'
import type { JobState } from '../_shared/job-runner'

export interface ArticleDoc {
  _id: string
  /** Bumped by each editor save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  title: string
  category: ArticleCategory
  summary: string
  cover: string | null
  markdown: string | null
  html: string
  /** The renderer that made `html` from `markdown` (content.ts RENDERER); absent on articles stored before it. */
  renderer?: string | null
  attachments: Attachment[]
  source: string | null
  sourceDate: Date | null
  audienceBranchIds: string[]
  required: boolean
  deadline: Date | null
  readMinutes: number
  status: 'draft' | 'published' | 'withdrawn'
  /** When members may see it; a future time means scheduled. */
  publishAt: Date | null
  /** Set once, conditionally, when its notice job was queued: never twice. */
  notifiedAt: Date | null
  /** The notice job (notice-job.ts, on the shared job runner): null for none. */
  notice?: NoticeJob | null
  /** The branch of a branch admin's article (they edit only theirs); null for the committee's. */
  ownerBranchId: string | null
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** A notice job's state and progress, kept on its article: the admin sees it with the article, at no extra read. */
export interface NoticeJob extends JobState<string> {
  /** The cursor is the last subscription `_id` handled; counts are sent / failed / no_credit / skipped. */
  templateId: string
  /** Recipients a killed run left between "about to send" and the answer (not sent again; see job-runner.ts). */
  unconfirmed: number
}

/** `_id` = `${articleId}_${memberId}`: one receipt per member and article, whatever the retries. */
export interface ReadDoc {
  _id: string
  articleId: string
  memberId: string
  branchId: string
  required: boolean
  secondsSpent: number
  readAt: Date
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function toCard(
  a: Omit<ArticleDoc, 'markdown' | 'html'>,
  urls: ReadonlyMap<string, string>,
  read: boolean,
  now: Date,
): ArticleCard {
  return {
    id: a._id,
    title: a.title,
    category: a.category,
    summary: a.summary,
    coverUrl: a.cover ? (urls.get(a.cover) ?? a.cover) : null,
    source: a.source,
    publishedAt: iso(a.publishAt),
    required: a.required,
    deadline: iso(a.deadline),
    readMinutes: a.readMinutes,
    read,
    overdue: a.required && !read && isOverdue(a.deadline ? new Date(a.deadline) : null, now),
  }
}

export function toAdmin(
  a: ArticleDoc,
  urls: ReadonlyMap<string, string>,
  readCount: number,
  now: Date,
  editable: boolean,
): AdminArticle {
  return {
    editable,
    ...toCard(a, urls, false, now),
    overdue: false,
    status: a.status,
    publishAt: iso(a.publishAt),
    audienceBranchIds: a.audienceBranchIds,
    markdown: a.markdown,
    html: a.html,
    attachments: a.attachments.map((x) => ({ ...x, url: urls.get(x.url) ?? x.url })),
    readCount,
    notice: a.notice
      ? {
          sent: a.notice.counts?.sent ?? 0,
          failed: a.notice.counts?.failed ?? 0,
          unconfirmed: a.notice.unconfirmed,
          done: a.notice.status === 'done',
        }
      : null,
    revision: a.revision ?? 0,
  }
}
