import type { ActivityView, SignupView } from '@/contract'
import type { Tone } from './kit/status-tag'

/** `剩余 3 个名额` / `不限名额` / `已满·可候补` / `已满`. */
export function placesText(a: Pick<ActivityView, 'capacity' | 'placesLeft' | 'waitlist'>): string {
  if (a.capacity === null || a.placesLeft === null) return '不限名额'
  if (a.placesLeft > 0) return `剩余 ${a.placesLeft} 个名额`
  return a.waitlist ? '已满·可候补' : '已满'
}

/** The member's own status as a short badge text: `候补第 2 位` for the waitlist. */
export function myStatusText(s: Pick<SignupView, 'status' | 'statusLabel' | 'position'>): string {
  if (s.status === 'waitlisted') return s.position ? `候补第 ${s.position} 位` : '候补中'
  return s.statusLabel
}

/** Colour class of a sign-up status badge. */
export function statusTone(s: Pick<SignupView, 'status' | 'checkInAt'>): 'ok' | 'wait' | 'pending' | 'off' {
  if (s.status === 'confirmed') return 'ok'
  if (s.status === 'waitlisted') return 'wait'
  if (s.status === 'pending') return 'pending'
  return 'off'
}

export const SIGNUP_STATE_LABELS: Record<ActivityView['signupState'], string> = {
  not_open: '报名未开始',
  open: '报名中',
  closed: '报名已截止',
}

/** Hours as the cloud counts them, to a tenth: `2.5`. */
export function hoursText(h: number | null | undefined): string {
  return (h ?? 0).toFixed(1)
}

/**
 * The one tag a list card shows: the member's own status if they signed up, else where the activity stands
 * (已结束 once it is over, whatever the sign-up window said).
 */
export function activityTag(
  a: Pick<ActivityView, 'signupState' | 'startAt' | 'endAt'> & { mine: SignupView | null },
  now: number,
): { text: string; tone: Tone; mine: boolean } {
  const mine = a.mine && a.mine.status !== 'cancelled' ? a.mine : null
  if (mine) {
    const tone = statusTone(mine)
    return {
      mine: true,
      text: myStatusText(mine),
      tone: tone === 'ok' ? 'success' : tone === 'wait' ? 'warning' : tone === 'pending' ? 'info' : 'neutral',
    }
  }
  if (Date.parse(a.endAt) <= now) return { text: '已结束', tone: 'neutral', mine: false }
  if (Date.parse(a.startAt) <= now) return { text: '进行中', tone: 'primary', mine: false }
  const tones = { not_open: 'info', open: 'primary', closed: 'neutral' } as const
  return { text: SIGNUP_STATE_LABELS[a.signupState], tone: tones[a.signupState], mine: false }
}
