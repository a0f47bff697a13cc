import type { AdminArticle } from '@/contract'

export type ArticlePhase = 'draft' | 'scheduled' | 'published' | 'withdrawn'

export const ARTICLE_PHASE_LABELS: Record<ArticlePhase, string> = {
  draft: '草稿',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
}

/** A published article whose time has not come yet is 定时发布 to the admin. */
export function articlePhase(a: Pick<AdminArticle, 'status' | 'publishAt'>, now = Date.now()): ArticlePhase {
  if (a.status === 'published' && a.publishAt && Date.parse(a.publishAt) > now) return 'scheduled'
  return a.status
}
