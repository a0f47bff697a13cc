import type { MeetingView } from '@/contract'
import { china, formatDateTime } from '@/domain/time'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** `2026-07-01（周三）09:00–10:30` in China time; the end shows its date too when it is another day. */
export function meetingTime(m: Pick<MeetingView, 'startAt' | 'endAt'>): string {
  const s = china(m.startAt)
  const e = china(m.endAt)
  const end = e.format('YYYY-MM-DD') === s.format('YYYY-MM-DD') ? e.format('HH:mm') : formatDateTime(m.endAt)
  return `${s.format('YYYY-MM-DD')}（周${WEEKDAYS[s.day()]}）${s.format('HH:mm')}–${end}`
}

/** `08:30 – 09:30，09:05 后计为迟到`: when members can sign in, in China time. */
export function signInWindowText(m: Pick<MeetingView, 'startAt' | 'window'>): string {
  const start = china(m.startAt)
  const opens = start.subtract(m.window.opensBeforeMin, 'minute')
  const closes = start.add(m.window.closesAfterMin, 'minute')
  const late = start.add(m.window.graceMin, 'minute')
  const fmt = (d: typeof start) =>
    d.format('YYYY-MM-DD') === start.format('YYYY-MM-DD') ? d.format('HH:mm') : d.format('MM-DD HH:mm')
  return `${fmt(opens)} – ${fmt(closes)}，${fmt(late)} 后签到计为迟到`
}

/** Whether sign-in is open now (both ends inclusive, as the cloud decides). */
export function signInOpen(m: Pick<MeetingView, 'startAt' | 'window' | 'status'>, now = Date.now()): boolean {
  const start = new Date(m.startAt).getTime()
  return (
    m.status === 'scheduled' &&
    now >= start - m.window.opensBeforeMin * 60_000 &&
    now <= start + m.window.closesAfterMin * 60_000
  )
}

/** `09:05` for today, `07-01 09:05` otherwise (China time). */
export function shortTime(at: string): string {
  const d = china(at)
  return d.format('YYYY-MM-DD') === china(Date.now()).format('YYYY-MM-DD') ? d.format('HH:mm') : d.format('MM-DD HH:mm')
}
