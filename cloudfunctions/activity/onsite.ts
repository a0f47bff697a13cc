import { formatDateTime } from '../../src/domain/time'
import { onSiteWindow, volunteerHours } from '../../src/domain/activity.rules'
import { issueToken, msToNextSlot, verifyToken } from '../../src/domain/checkin.token'
import { china } from '../../src/domain/time'
import { fail } from '../_shared/errors'
import { checkinSigner } from '../_shared/signing'
import { recordConsent } from '../_shared/subscriptions'
import { promotionTemplate } from './places'
import { activitiesOf, countOnSite, recordCheckIn, recordCheckOut, signupsOf, volunteerLines } from './activity.repo'
import { signupIdOf } from './docs'
import { loadActivity } from './manage'
import type { ActivityHandler } from '../_shared/handlers'

/** The rotating on-site code, the same signed 10-second tokens as meeting sign-in (kind `a`, id `<activity>:in|out`). */
export const qrToken: ActivityHandler<'qrToken'> = async (input, ctx) => {
  const a = await loadActivity(ctx, input.activityId)
  const now = ctx.clock.now()
  // A finished activity offers no code: nobody can check in any more, and a code on screen would suggest otherwise.
  if (now > onSiteWindow(new Date(a.startAt), new Date(a.endAt)).closes)
    fail('ACTIVITY_CHECKIN_CLOSED', '活动已结束，不再提供签到码')
  if (a.status === 'draft') fail('ACTIVITY_CHECKIN_CLOSED', '活动尚未发布')
  const [checkedIn, checkedOut] = await Promise.all([
    countOnSite(ctx.db, a._id, 'checkInAt'),
    countOnSite(ctx.db, a._id, 'checkOutAt'),
  ])
  return {
    token: issueToken(checkinSigner(), 'a', `${a._id}:${input.mode}`, now),
    expiresInMs: msToNextSlot(now),
    checkedIn,
    checkedOut,
  }
}

/** A confirmed member scans the on-site code: check-in, or (volunteers) check-out with hours. Repeats change nothing. */
export const checkIn: ActivityHandler<'checkIn'> = async (input, ctx) => {
  const now = ctx.clock.now()
  const check = verifyToken(checkinSigner(), input.token, now, 'a')
  if (!check.ok)
    fail(check.reason === 'expired' || check.reason === 'future' ? 'MEETING_TOKEN_EXPIRED' : 'MEETING_TOKEN_FORGED')
  const [activityId, mode] = check.payload.id.split(':')
  if (mode !== 'in' && mode !== 'out') fail('MEETING_TOKEN_FORGED')
  const a = await activitiesOf(ctx.db).get(activityId)
  if (!a) fail('MEETING_TOKEN_FORGED')
  const id = signupIdOf(a._id, ctx.caller.member._id)
  const { opens, closes } = onSiteWindow(new Date(a.startAt), new Date(a.endAt))
  if (now < opens)
    fail('ACTIVITY_CHECKIN_CLOSED', `活动尚未开始，现场签到将于 ${formatDateTime(opens)}（活动开始时）开放`)
  if (now > closes) fail('ACTIVITY_CHECKIN_CLOSED', '活动已结束，现场签到已关闭')
  const base = { activityId: a._id, activityTitle: a.title, mode: mode as 'in' | 'out' }
  if (mode === 'in') {
    // Check-in first, read only if it did not apply (three requests for a first scan): the conditional update on a
    // confirmed sign-up with no check-in yet is both the check and the write, so twenty scans record one time.
    if (await recordCheckIn(ctx.db, id, now)) return { ...base, at: now.toISOString(), already: false, hours: null }
    const again = await signupsOf(ctx.db).get(id)
    if (!again || again.status !== 'confirmed' || !again.checkInAt) fail('ACTIVITY_NOT_CONFIRMED')
    return { ...base, at: new Date(again.checkInAt).toISOString(), already: true, hours: again.hours }
  }
  const s = await signupsOf(ctx.db).get(id)
  if (!s || s.status !== 'confirmed') fail('ACTIVITY_NOT_CONFIRMED')
  if (!s.checkInAt) fail('ACTIVITY_CHECKOUT_FIRST')
  if (s.checkOutAt) return { ...base, at: new Date(s.checkOutAt).toISOString(), already: true, hours: s.hours }
  const hours =
    a.kind === 'volunteer'
      ? volunteerHours({
          checkInAt: new Date(s.checkInAt),
          checkOutAt: now,
          startAt: new Date(a.startAt),
          endAt: new Date(a.endAt),
        })
      : null
  if (!(await recordCheckOut(ctx.db, id, hours, now))) {
    const again = (await signupsOf(ctx.db).get(id))!
    return { ...base, at: new Date(again.checkOutAt!).toISOString(), already: true, hours: again.hours }
  }
  return { ...base, at: now.toISOString(), already: false, hours }
}

/** 我的志愿服务时长: this year's total and list, from one aggregation. */
export const myHours: ActivityHandler<'myHours'> = async (input, ctx) => {
  const year = input.year ?? china(ctx.clock.now()).year()
  const from = china(`${year}-01-01T00:00:00+08:00`).toDate()
  const to = china(`${year + 1}-01-01T00:00:00+08:00`).toDate()
  const lines = await volunteerLines(ctx.db, ctx.caller.member._id, from, to)
  const items = lines.map((r) => ({
    activityId: r.activityId,
    title: r.activityTitle,
    startAt: new Date(r.activityStartAt).toISOString(),
    hours: r.hours ?? 0,
  }))
  return { year, totalHours: Math.round(items.reduce((s, x) => s + x.hours, 0) * 10) / 10, items }
}

export const subscribe: ActivityHandler<'subscribe'> = async (input, ctx) => {
  return { credits: await recordConsent(ctx, promotionTemplate(), input.templateId, input.accepted) }
}
