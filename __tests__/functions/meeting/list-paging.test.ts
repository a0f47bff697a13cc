import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

// The committee's 会议管理 pages through every branch's meetings; meetings at the same hour are common (主题党日 on
// the same afternoon). Each must appear exactly once across the pages, or a secretary misses one (or sees it twice).
it('meetings at the same hour appear once each across the pages of the committee list', async () => {
  const committee = await t.openidOf('陈建国')
  const start = new Date(t.cloud.clock.now().getTime() + 24 * 60 * 60_000)
  const end = new Date(start.getTime() + 90 * 60_000)
  const created: string[] = []
  for (const branchId of ['org_office', 'org_budget', 'org_treasury', 'org_retired']) {
    for (const type of [
      'branch_assembly',
      'party_lecture',
      'theme_day',
      'org_life',
      'other',
      'branch_committee',
    ] as const) {
      const { meeting } = await t.ok(committee, 'meeting.create', {
        branchId,
        title: '同一时间的会议',
        type,
        startAt: start.toISOString(),
        endAt: end.toISOString(),
        place: '三楼会议室',
        agenda: '学习',
      })
      created.push(meeting.id)
    }
  }
  const seen: string[] = []
  let total = Infinity
  for (let page = 1; seen.length < total && page < 20; page++) {
    const answer = await t.ok(committee, 'meeting.list', { page })
    total = answer.total
    if (!answer.items.length) break
    seen.push(...answer.items.map((m) => m.id))
  }
  expect(seen).toHaveLength(total)
  expect(new Set(seen).size).toBe(seen.length)
  expect(created.every((id) => seen.includes(id))).toBe(true)
})
