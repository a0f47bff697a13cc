import type { InputOf } from '@/contract'
import { china } from '@/domain/time'

/** What the 登记谈心谈话 form holds: text as typed, the date and time as China-time strings. */
export interface TalkForm {
  people: Array<{ id: string; name: string }>
  /** `2026-07-01` */
  date: string
  /** `15:30` */
  time: string
  topic: string
  summary: string
}

export const TALK_MAX_PEOPLE = 5
export const SUMMARY_MIN = 10

/** A new talk: today, the current time (a talk is recorded after it happened, never ahead). */
export function blankTalk(now = Date.now()): TalkForm {
  const at = china(now)
  return { people: [], date: at.format('YYYY-MM-DD'), time: at.format('HH:mm'), topic: '', summary: '' }
}

/**
 * Checks the form as the cloud will, so the secretary sees the Chinese reason before anything is sent; returns the
 * input for meeting.saveTalk or the first problem.
 */
export function checkTalk(
  f: TalkForm,
  now = Date.now(),
): { ok: true; input: InputOf<'meeting.saveTalk'> } | { ok: false; error: string } {
  if (!f.people.length) return { ok: false, error: '请选择谈话对象' }
  if (f.people.length > TALK_MAX_PEOPLE) return { ok: false, error: `谈话对象最多 ${TALK_MAX_PEOPLE} 人` }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date) || !/^\d{2}:\d{2}$/.test(f.time))
    return { ok: false, error: '请选择谈话时间' }
  const at = `${f.date}T${f.time}:00+08:00`
  if (new Date(at).getTime() > now) return { ok: false, error: '谈话时间不能晚于现在' }
  const topic = f.topic.trim()
  if (topic.length < 2 || topic.length > 60) return { ok: false, error: '请填写谈话主题（2–60 字）' }
  const summary = f.summary.trim()
  if (summary.length < SUMMARY_MIN) return { ok: false, error: `请填写谈话摘要（至少 ${SUMMARY_MIN} 个字）` }
  if (summary.length > 2000) return { ok: false, error: '谈话摘要不能超过 2000 字' }
  return { ok: true, input: { participantIds: f.people.map((p) => p.id), at, topic, summary } }
}

/** `还差 2 次` / `已达标`: where the secretary stands against the committee's yearly rule. */
export function talkProgress(held: number, required: number): { met: boolean; text: string } {
  return held >= required ? { met: true, text: '已达标' } : { met: false, text: `还差 ${required - held} 次` }
}
