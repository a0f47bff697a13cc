import type { AdminArticle, Attachment, InputOf } from '@/contract'
import type { ArticleCategory } from '@/domain/read.rules'
import { china } from '@/domain/time'
import { chinaInstant } from './meeting-form'

/** What the 编辑学习资料 form holds: text as typed, dates and times as China-time strings. */
export interface StudyForm {
  title: string
  category: ArticleCategory
  summary: string
  /** A fileID (cloud://…) just uploaded, or the current cover's link; '' = none. */
  cover: string
  /** Shown in the form: a temporary link or the local preview. */
  coverPreview: string
  markdown: string
  attachments: Attachment[]
  /**
   * Whether the attachments were changed here. An existing article's attachments arrive as temporary links, so they
   * are only sent back when the admin changed the list (otherwise the cloud keeps its own file ids).
   */
  attachmentsTouched: boolean
  source: string
  audience: 'all' | 'branches'
  branchIds: string[]
  required: boolean
  deadlineDate: string
  deadlineTime: string
  readMinutes: string
  /** 立即发布 or 定时发布 at the date and time below. */
  publishMode: 'now' | 'scheduled'
  publishDate: string
  publishTime: string
}

export type StudyFields = Omit<InputOf<'study.save'>, 'articleId'>

/** A new article: required reading is off; when turned on, the deadline defaults to a week from today at 18:00. */
export function blankStudyForm(now = Date.now()): StudyForm {
  const week = china(now).add(7, 'day')
  const publish = china(now).add(1, 'day').startOf('day').add(8, 'hour')
  return {
    title: '',
    category: '第一议题',
    summary: '',
    cover: '',
    coverPreview: '',
    markdown: '',
    attachments: [],
    attachmentsTouched: false,
    source: '',
    audience: 'all',
    branchIds: [],
    required: false,
    deadlineDate: week.format('YYYY-MM-DD'),
    deadlineTime: '18:00',
    readMinutes: '5',
    publishMode: 'now',
    publishDate: publish.format('YYYY-MM-DD'),
    publishTime: publish.format('HH:mm'),
  }
}

/** The form for an existing article. */
export function studyFormOf(a: AdminArticle, now = Date.now()): StudyForm {
  const blank = blankStudyForm(now)
  const deadline = a.deadline ? china(a.deadline) : null
  const scheduled = a.publishAt && Date.parse(a.publishAt) > now ? china(a.publishAt) : null
  return {
    ...blank,
    title: a.title,
    category: a.category,
    summary: a.summary,
    cover: '',
    coverPreview: a.coverUrl ?? '',
    markdown: a.markdown ?? '',
    attachments: a.attachments,
    source: a.source ?? '',
    audience: a.audienceBranchIds.length ? 'branches' : 'all',
    branchIds: a.audienceBranchIds,
    required: a.required,
    deadlineDate: deadline ? deadline.format('YYYY-MM-DD') : blank.deadlineDate,
    deadlineTime: deadline ? deadline.format('HH:mm') : blank.deadlineTime,
    readMinutes: String(a.readMinutes),
    publishMode: scheduled ? 'scheduled' : 'now',
    publishDate: scheduled ? scheduled.format('YYYY-MM-DD') : blank.publishDate,
    publishTime: scheduled ? scheduled.format('HH:mm') : blank.publishTime,
  }
}

/** Markdown images without a description (`![](…)`, or only spaces between the brackets). */
export function imagesWithoutAlt(markdown: string): number {
  return [...markdown.matchAll(/!\[([^\]]*)\]\(/g)].filter((m) => !m[1].trim()).length
}

/** The Markdown of an uploaded image with its description (brackets in it would end the description early). */
export function imageMarkdown(alt: string, fileID: string): string {
  return `![${alt.replace(/[[\]]/g, ' ').trim()}](${fileID})`
}

/**
 * Checks the form the way the cloud will, so the admin sees a Chinese message before anything is sent; returns the
 * fields to send, or the first problem. `fixedBranch`: a branch admin's articles always go to their own branch.
 * An unchanged cover is not sent (the cloud keeps it).
 */
export function validateStudyForm(
  f: StudyForm,
  fixedBranch: string | null,
): { ok: true; fields: StudyFields } | { ok: false; error: string } {
  const title = f.title.trim()
  if (title.length < 2 || title.length > 80) return { ok: false, error: '请填写标题（2–80 字）' }
  if (f.summary.trim().length > 120) return { ok: false, error: '摘要不能超过 120 字' }
  if (!f.markdown.trim()) return { ok: false, error: '请填写正文' }
  const unnamed = imagesWithoutAlt(f.markdown)
  if (unnamed)
    return {
      ok: false,
      error: `正文中有 ${unnamed} 张图片没有图片说明：请在 ![ ] 的方括号中写一句话说明图片内容（读屏软件会朗读，图片下方也会显示）`,
    }
  const minutes = f.readMinutes.trim()
  if (!/^\d{1,3}$/.test(minutes) || Number(minutes) < 1 || Number(minutes) > 120)
    return { ok: false, error: '预计阅读时间请填写 1–120 之间的整数（分钟）' }
  if (!fixedBranch && f.audience === 'branches' && !f.branchIds.length) return { ok: false, error: '请选择推送的支部' }
  const fields: StudyFields = {
    title,
    category: f.category,
    markdown: f.markdown,
    required: f.required,
    readMinutes: Number(minutes),
    audienceBranchIds: fixedBranch ? [fixedBranch] : f.audience === 'all' ? [] : f.branchIds,
  }
  if (f.summary.trim()) fields.summary = f.summary.trim()
  if (f.source.trim()) fields.source = f.source.trim()
  if (f.cover) fields.cover = f.cover
  if (f.attachmentsTouched) fields.attachments = f.attachments
  if (f.required) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadlineDate) || !/^\d{2}:\d{2}$/.test(f.deadlineTime))
      return { ok: false, error: '必读资料请设置完成期限' }
    fields.deadline = chinaInstant(f.deadlineDate, f.deadlineTime)
  }
  return { ok: true, fields }
}

/** The scheduled publish instant, or an error; null for 立即发布. */
export function publishAtOf(
  f: StudyForm,
  now = Date.now(),
): { ok: true; at: string | null } | { ok: false; error: string } {
  if (f.publishMode === 'now') return { ok: true, at: null }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.publishDate) || !/^\d{2}:\d{2}$/.test(f.publishTime))
    return { ok: false, error: '请选择定时发布的日期和时间' }
  const at = chinaInstant(f.publishDate, f.publishTime)
  if (Date.parse(at) <= now) return { ok: false, error: '定时发布的时间应晚于现在' }
  return { ok: true, at }
}
