import type { BoardRow, MeetingView, MyMeeting } from '@/contract'
import type { Tally } from '@/domain/attendance.rules'

export function meetingView(over: Partial<MeetingView> = {}): MeetingView {
  return {
    id: 'mt1',
    branchId: 'b1',
    branchName: '办公室党支部',
    groupId: null,
    groupName: null,
    title: '7月主题党日',
    type: 'theme_day',
    typeLabel: '主题党日',
    startAt: '2026-07-01T01:00:00.000Z',
    endAt: '2026-07-01T02:30:00.000Z',
    place: '三楼第一会议室',
    agenda: '学习习近平总书记重要讲话精神',
    notes: null,
    open: false,
    window: { opensBeforeMin: 30, closesAfterMin: 30, graceMin: 5 },
    staticCode: false,
    status: 'scheduled',
    expectedCount: 3,
    cancelReason: null,
    revision: 3,
    ...over,
  }
}

export function myMeeting(over: Partial<MyMeeting> = {}): MyMeeting {
  return { ...meetingView(), myExpected: true, myStatus: 'pending', mySignedAt: null, myLeave: null, ...over }
}

export function row(over: Partial<BoardRow> = {}): BoardRow {
  return {
    memberId: 'm1',
    name: '钱文静',
    groupName: '第一党小组',
    status: 'pending',
    at: null,
    method: null,
    markedBy: null,
    reason: null,
    ...over,
  }
}

export function tallyOf(over: Partial<Tally> = {}): Tally {
  return { expected: 3, present: 0, late: 0, leave: 0, absent: 0, pending: 3, rate: 0, ...over }
}
