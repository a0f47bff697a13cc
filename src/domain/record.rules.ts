/** Rules of a meeting's 纪实 (the record kept for inspection): what it must hold before it counts as 已完成. */

export interface RecordTopic {
  title: string
  /** The 第一议题 (studying the latest instructions) leads every meeting's agenda. */
  first: boolean
}

/** One member's part in the 批评与自我批评 of a 组织生活会, entered by the 记录人. */
export interface CriticismEntry {
  memberId: string
  name: string
  selfCriticism: string
  /** Criticisms raised to this member by others, as the 记录人 wrote them down. */
  criticisms: string
}

export interface RecordDraft {
  hostId: string | null
  recorderId: string | null
  topics: RecordTopic[]
  minutes: string
  decisions: string[]
  criticism: CriticismEntry[]
}

export type RecordState = 'none' | 'draft' | 'complete'

export const RECORD_STATE_LABELS: Record<RecordState, string> = { none: '未完成', draft: '未完成', complete: '已完成' }

/**
 * What still keeps a record from being 已完成, as Chinese phrases ("请选择主持人"). Empty when it is complete.
 * A 组织生活会 also needs its 批评与自我批评 entries.
 */
export function recordGaps(r: RecordDraft, opts: { needsCriticism: boolean }): string[] {
  const gaps: string[] = []
  if (!r.hostId) gaps.push('请选择主持人')
  if (!r.recorderId) gaps.push('请选择记录人')
  if (!r.topics.some((t) => t.title.trim())) gaps.push('请填写议题')
  if (r.minutes.trim().length < 10) gaps.push('请填写会议记录（至少 10 个字）')
  if (opts.needsCriticism && !r.criticism.some((c) => c.selfCriticism.trim())) gaps.push('请记录批评与自我批评')
  return gaps
}

/** Topics in filing order: the 第一议题 first (at most one), the others as entered. */
export function orderTopics(topics: readonly RecordTopic[]): RecordTopic[] {
  const firstIndex = topics.findIndex((t) => t.first)
  return topics
    .map((t, i) => ({ title: t.title, first: i === firstIndex }))
    .sort((a, b) => Number(b.first) - Number(a.first))
}
