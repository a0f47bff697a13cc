import type { MeetingView } from '@/contract'
import { chinaFields, formatChina } from '@/domain/china-format'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** `2026-07-01（周三）09:00–10:30` in China time; the end shows its date too when it is another day. */
// Without dayjs: the 活动 tab (main package) shows it.
export function meetingTime(m: Pick<MeetingView, 'startAt' | 'endAt'>): string {
  const day = formatChina(m.startAt, 'YYYY-MM-DD')
  const sameDay = formatChina(m.endAt, 'YYYY-MM-DD') === day
  const end = formatChina(m.endAt, sameDay ? 'HH:mm' : 'YYYY-MM-DD HH:mm')
  return `${day}（周${WEEKDAYS[chinaFields(m.startAt).weekday]}）${formatChina(m.startAt, 'HH:mm')}–${end}`
}

/** `08:30 – 09:30，09:05 后计为迟到`: when members can sign in, in China time. */
export function signInWindowText(m: Pick<MeetingView, 'startAt' | 'window'>): string {
  const start = new Date(m.startAt).getTime()
  const opens = start - m.window.opensBeforeMin * 60_000
  const closes = start + m.window.closesAfterMin * 60_000
  const late = start + m.window.graceMin * 60_000
  const day = formatChina(start, 'YYYY-MM-DD')
  const fmt = (t: number) => formatChina(t, formatChina(t, 'YYYY-MM-DD') === day ? 'HH:mm' : 'MM-DD HH:mm')
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
  const today = formatChina(Date.now(), 'YYYY-MM-DD') === formatChina(at, 'YYYY-MM-DD')
  return formatChina(at, today ? 'HH:mm' : 'MM-DD HH:mm')
}
