import { meetingCountsFor } from '../../src/domain/year.rules'

test("a member's meetings: those she was expected at wherever held, and open ones she came to — not her branch's", () => {
  const committee = { expectedIds: ['m1', 'm9'] }
  expect(meetingCountsFor('m1', committee, null)).toBe(true)
  const otherBranchOpen = { expectedIds: ['m5'] }
  expect(meetingCountsFor('m1', otherBranchOpen, { memberId: 'm1', extra: true })).toBe(true)
  expect(meetingCountsFor('m1', otherBranchOpen, null)).toBe(false)
  expect(meetingCountsFor('m1', otherBranchOpen, { memberId: 'm2', extra: true })).toBe(false)
})
