import { windowState } from '../../src/domain/attendance.rules'
import { formatDateTime } from '../../src/domain/time'
import { fail } from '../_shared/errors'
import { answer, writeArrival } from './checkin'
import { loadMeetingInScope } from './meetings'
import type { MeetingHandler } from '../_shared/handlers'

/**
 * 我已到会: the organiser showing the rotating code cannot scan her own screen, so she taps once on it. An explicit tap
 * rather than "present on opening the screen": the code screen opens up to the window's start before the meeting
 * and may be opened by a colleague from elsewhere, and neither proves who is in the room. Same rules as a scan: inside
 * the window, on the expected list (or an open meeting), once.
 */
export const organiserPresent: MeetingHandler<'organiserPresent'> = async (input, ctx) => {
  const { meeting } = await loadMeetingInScope(ctx, input.meetingId)
  const me = ctx.caller.member
  const now = ctx.clock.now()
  if (meeting.status === 'cancelled') fail('MEETING_CANCELLED')
  if (meeting.status === 'closed') fail('MEETING_WINDOW_CLOSED')
  const state = windowState(new Date(meeting.startAt), meeting.window, now)
  if (state === 'not_open') {
    const opens = new Date(new Date(meeting.startAt).getTime() - meeting.window.opensBeforeMin * 60_000)
    fail('MEETING_WINDOW_NOT_OPEN', `签到尚未开始，将于 ${formatDateTime(opens)} 开放`)
  }
  if (state === 'closed') fail('MEETING_WINDOW_CLOSED')
  const expected = meeting.expectedIds.includes(me._id)
  if (!expected && !meeting.open) fail('MEETING_NOT_EXPECTED', '您不在本次会议的应到名单中，无需签到')
  const written = await writeArrival(ctx, meeting, me._id, 'organiser', expected, now)
  return answer(meeting, written.doc, written.already)
}
