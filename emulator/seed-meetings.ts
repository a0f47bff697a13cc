import type { AttendanceDoc, LeaveDoc, MeetingDoc } from '../cloudfunctions/meeting/docs'
import { recordId } from '../cloudfunctions/meeting/docs'
import type { Db } from '../cloudfunctions/_shared/db-types'
import { DEFAULT_WINDOW } from '../src/domain/attendance.rules'
import { defaultAudience, type MeetingType } from '../src/domain/meeting.types'

const DAY = 24 * 3600_000

interface Plan {
  id: string
  type: MeetingType
  title: string
  daysFromNow: number
  hour: number
  group?: string
  agenda: string
  open?: boolean
  /** Indexes into the expected list: who signed in, who was late, who had approved leave. */
  present?: number[]
  late?: number[]
  leave?: number[]
}

// 办公室党支部's recent and coming meetings, so the demo shows a board, statistics and a member history.
const PLANS: Plan[] = [
  {
    id: 'mt_demo_assembly',
    type: 'branch_assembly',
    title: '第四季度支部党员大会',
    daysFromNow: -26,
    hour: 15,
    agenda: '学习贯彻党的二十届四中全会精神',
    present: [0, 1, 2, 3],
    late: [4],
    leave: [6],
  },
  {
    id: 'mt_demo_committee',
    type: 'branch_committee',
    title: '11 月支部委员会',
    daysFromNow: -12,
    hour: 9,
    agenda: '研究发展党员工作',
    // The committee (书记, 组织委员) both there.
    present: [0, 1],
  },
  {
    id: 'mt_demo_group',
    type: 'group_meeting',
    title: '第一党小组学习会',
    daysFromNow: -5,
    hour: 16,
    group: 'org_office_g1',
    agenda: '《中国共产党纪律处分条例》专题学习',
    present: [0, 1, 2],
  },
  {
    id: 'mt_demo_themeday',
    type: 'theme_day',
    title: '主题党日：走进社区志愿服务',
    daysFromNow: 1,
    hour: 14,
    agenda: '开展“我为群众办实事”志愿服务',
  },
  {
    id: 'mt_demo_lecture',
    type: 'party_lecture',
    title: '书记讲党课：牢记初心使命',
    daysFromNow: 7,
    hour: 15,
    agenda: '深入学习习近平新时代中国特色社会主义思想',
    open: true,
  },
]

/** Seeds demo meetings for 办公室党支部 in the shapes the meeting function writes. */
export async function seedMeetings(
  db: Db,
  now: Date,
  memberIds: { branch: string[]; committee: string[]; groups: Record<string, string[]>; names: Record<string, string> },
  organiser: { id: string; name: string },
): Promise<number> {
  const dayStart = new Date(Math.floor((now.getTime() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000) // 00:00 China time today
  for (const p of PLANS) {
    const startAt = new Date(dayStart.getTime() + p.daysFromNow * DAY + p.hour * 3600_000)
    const endAt = new Date(startAt.getTime() + 90 * 60_000)
    // Who the type expects, as meeting.create does when nobody is named (defaultAudience).
    const audience = defaultAudience(p.type)
    const expectedIds =
      audience === 'group' && p.group
        ? memberIds.groups[p.group]
        : audience === 'committee'
          ? memberIds.committee
          : memberIds.branch
    const past = p.daysFromNow < 0
    const meeting: Omit<MeetingDoc, '_id'> = {
      branchId: 'org_office',
      groupId: p.group ?? null,
      title: p.title,
      type: p.type,
      startAt,
      endAt,
      place: p.type === 'theme_day' ? '幸福里社区党群服务中心' : '机关三楼党员活动室',
      agenda: p.agenda,
      notes: null,
      expectedIds,
      expectedCount: expectedIds.length,
      open: p.open ?? false,
      window: DEFAULT_WINDOW,
      staticCode: false,
      status: past ? 'closed' : 'scheduled',
      cancelReason: null,
      createdBy: organiser.id,
      createdAt: new Date(startAt.getTime() - 7 * DAY),
      updatedAt: now,
      closedAt: past ? endAt : null,
    }
    await db.collection('meetings').doc(p.id).set({ data: meeting })
    const write = async (i: number, status: 'present' | 'late') => {
      const memberId = expectedIds[i]
      if (!memberId) return
      const doc: Omit<AttendanceDoc, '_id'> = {
        meetingId: p.id,
        memberId,
        branchId: 'org_office',
        meetingStartAt: startAt,
        meetingType: p.type,
        status,
        at: new Date(startAt.getTime() + (status === 'late' ? 12 : -8) * 60_000 + i * 30_000),
        method: 'scan',
        extra: false,
        cancelled: false,
        markedById: null,
        markedByName: null,
        reason: null,
      }
      await db.collection('attendance').doc(recordId(p.id, memberId)).set({ data: doc })
    }
    for (const i of p.present ?? []) await write(i, 'present')
    for (const i of p.late ?? []) await write(i, 'late')
    for (const i of p.leave ?? []) {
      const memberId = expectedIds[i]
      if (!memberId) continue
      const leave: Omit<LeaveDoc, '_id'> = {
        meetingId: p.id,
        memberId,
        memberName: memberIds.names[memberId] ?? '',
        branchId: 'org_office',
        meetingStartAt: startAt,
        meetingTitle: p.title,
        reason: '外出公务',
        status: 'approved',
        requestedAt: new Date(startAt.getTime() - 2 * DAY),
        reviewedById: organiser.id,
        reviewedByName: organiser.name,
        reviewedAt: new Date(startAt.getTime() - DAY),
        reviewReason: null,
        cancelled: false,
      }
      await db.collection('leaves').doc(recordId(p.id, memberId)).set({ data: leave })
    }
  }
  return PLANS.length
}
