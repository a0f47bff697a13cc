import type { TestCloud } from '../local-cloud'

/** Creates a meeting of 办公室党支部 starting `startsInMin` minutes from the test clock, as its branch admin. */
export async function officeMeeting(
  t: TestCloud,
  opts: { startsInMin?: number; title?: string; type?: string; open?: boolean; staticCode?: boolean } = {},
) {
  const admin = await t.openidOf('李秀英')
  const start = new Date(t.cloud.clock.now().getTime() + (opts.startsInMin ?? 0) * 60_000)
  const end = new Date(start.getTime() + 90 * 60_000)
  const { meeting } = await t.ok(admin, 'meeting.create', {
    branchId: 'org_office',
    title: opts.title ?? '11 月支部党员大会',
    type: (opts.type ?? 'branch_assembly') as 'branch_assembly',
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    place: '三楼会议室',
    agenda: '学习贯彻党的二十届四中全会精神',
    open: opts.open,
    staticCode: opts.staticCode,
  })
  return { admin, meeting }
}

export async function tokenFor(t: TestCloud, admin: string, meetingId: string): Promise<string> {
  return (await t.ok(admin, 'meeting.qrToken', { meetingId })).token
}
