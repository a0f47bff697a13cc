import { isLeadershipMeeting, isLeadershipMember, LEADERSHIP_ORG_TYPES } from '../../src/domain/meeting.types'
import { talkRow } from '../../src/domain/compliance.rules'
import { orderTopics, recordGaps } from '../../src/domain/record.rules'
import { ballotProblem, maxExcellent, proposalProblems, windowOf } from '../../src/domain/review.rules'
import { choiceProblem, isEligible, pointsOf, rankResults, resultsVisible } from '../../src/domain/vote.rules'

const at = (s: string) => new Date(s)

describe('meeting 纪实', () => {
  const full = {
    hostId: 'a',
    recorderId: 'b',
    topics: [{ title: '议题', first: true }],
    minutes: '会议记录内容足够长了。',
    decisions: [],
    criticism: [],
  }
  it('is complete with host, recorder, a topic and minutes; a 组织生活会 also needs 批评与自我批评', () => {
    expect(recordGaps(full, { needsCriticism: false })).toEqual([])
    expect(recordGaps({ ...full, hostId: null, minutes: '短' }, { needsCriticism: false })).toEqual([
      '请选择主持人',
      '请填写会议记录（至少 10 个字）',
    ])
    expect(recordGaps(full, { needsCriticism: true })).toEqual(['请记录批评与自我批评'])
  })
  it('files the 第一议题 first and keeps only one', () => {
    expect(
      orderTopics([
        { title: 'b', first: false },
        { title: 'a', first: true },
        { title: 'c', first: true },
      ]),
    ).toEqual([
      { title: 'a', first: true },
      { title: 'b', first: false },
      { title: 'c', first: false },
    ])
  })
  it('counts 谈心谈话 against the yearly rule: a gap only once the year is over', () => {
    expect(talkRow(1, 4, 2026, at('2026-06-01T00:00:00Z'), '李秀英').cells[0].state).toBe('in_progress')
    expect(talkRow(1, 4, 2025, at('2026-06-01T00:00:00Z'), '李秀英')).toMatchObject({
      gaps: 1,
      cells: [{ state: 'gap' }],
    })
    expect(talkRow(4, 4, 2026, at('2026-06-01T00:00:00Z'), '李秀英').cells[0].state).toBe('met')
  })
})

describe('民主评议', () => {
  it('a ballot grades every participant once, the voter included', () => {
    expect(
      ballotProblem(
        [
          { memberId: 'a', grade: 'excellent' },
          { memberId: 'b', grade: 'qualified' },
        ],
        ['a', 'b'],
      ),
    ).toBeNull()
    expect(ballotProblem([{ memberId: 'a', grade: 'excellent' }], ['a', 'b'])).toMatch(/全部 2 名/)
    expect(
      ballotProblem(
        [
          { memberId: 'a', grade: 'excellent' },
          { memberId: 'a', grade: 'basic' },
        ],
        ['a', 'b'],
      ),
    ).toMatch(/只能评议一次/)
    expect(ballotProblem([{ memberId: 'x', grade: 'excellent' }], ['a'])).toMatch(/不属于/)
  })
  it('checks the committee limit on the proposal: share of 优秀 rounded down, reasons for the lower grades', () => {
    expect(maxExcellent(8, { excellentMaxPercent: 30 })).toBe(2)
    const ids = ['a', 'b', 'c', 'd']
    expect(
      proposalProblems(
        ids.map((memberId) => ({ memberId, grade: 'qualified' as const })),
        ids,
        { excellentMaxPercent: 30 },
      ),
    ).toEqual([])
    expect(
      proposalProblems(
        [
          { memberId: 'a', grade: 'excellent' },
          { memberId: 'b', grade: 'excellent' },
          { memberId: 'c', grade: 'qualified' },
        ],
        ids,
        { excellentMaxPercent: 50 },
      ),
    ).toEqual(['还有 1 名党员没有建议结果'])
    expect(
      proposalProblems(
        ids.map((memberId) => ({ memberId, grade: 'excellent' as const })),
        ids,
        { excellentMaxPercent: 50 },
      ),
    ).toEqual(['优秀比例不能超过 50%（本支部 4 人，最多 2 名优秀）'])
    expect(
      proposalProblems(
        ids.map((memberId) => ({ memberId, grade: 'unqualified' as const })),
        ids,
        { excellentMaxPercent: 50 },
      ),
    ).toEqual(['建议为不合格的党员须注明理由'])
  })
  it('knows the window', () => {
    const w = { openAt: at('2026-12-01T00:00:00Z'), closeAt: at('2026-12-10T00:00:00Z') }
    expect([
      windowOf(w, at('2026-11-30T00:00:00Z')),
      windowOf(w, at('2026-12-01T00:00:00Z')),
      windowOf(w, at('2026-12-10T00:00:00Z')),
    ]).toEqual(['not_open', 'open', 'closed'])
  })
})

describe('votes', () => {
  it('checks choices against the mode', () => {
    const opts = ['o1', 'o2', 'o3']
    expect(choiceProblem('single', 1, opts, ['o1'])).toBeNull()
    expect(choiceProblem('single', 1, opts, ['o1', 'o2'])).toBe('本次投票只能选一项')
    expect(choiceProblem('multi', 2, opts, ['o1', 'o2', 'o3'])).toBe('最多可选 2 项')
    expect(choiceProblem('rank', 3, opts, ['o1', 'o1'])).toBe('同一项目不能重复选择')
    expect(choiceProblem('multi', 2, opts, ['o4'])).toBe('所选项目不在本次投票中')
    expect(choiceProblem('multi', 2, opts, [])).toBe('请至少选择一项')
  })
  it('counts a ranking as Borda points and places ties together', () => {
    expect(pointsOf('rank', 3, ['o2', 'o1'])).toEqual([
      { optionId: 'o2', points: 3 },
      { optionId: 'o1', points: 2 },
    ])
    expect(pointsOf('multi', 3, ['o2', 'o1'])).toEqual([
      { optionId: 'o2', points: 1 },
      { optionId: 'o1', points: 1 },
    ])
    expect(
      rankResults([
        { votes: 1, points: 2 },
        { votes: 2, points: 5 },
        { votes: 1, points: 2 },
      ]).map((r) => r.place),
    ).toEqual([1, 2, 2])
  })
  it('decides eligibility and when results may be seen', () => {
    expect(isEligible({ eligibility: 'branch', branchId: 'b1' }, { branchId: 'b2', role: 'member' })).toBe(false)
    expect(isEligible({ eligibility: 'committee', branchId: null }, { branchId: 'b2', role: 'org_admin' })).toBe(true)
    expect(isEligible({ eligibility: 'all', branchId: null }, { branchId: 'b2', role: 'member' })).toBe(true)
    // A 支委会 vote: the branch committee's post holders, nobody else of the branch, nobody of another branch.
    const bc = { eligibility: 'branch_committee' as const, branchId: 'b1' }
    expect(isEligible(bc, { branchId: 'b1', role: 'member', post: '组织委员' })).toBe(true)
    expect(isEligible(bc, { branchId: 'b1', role: 'branch_admin', post: null })).toBe(false)
    expect(isEligible(bc, { branchId: 'b2', role: 'member', post: '书记' })).toBe(false)
    const v = {
      openAt: at('2026-12-01T00:00:00Z'),
      closeAt: at('2026-12-02T00:00:00Z'),
      status: 'open' as const,
      liveResults: false,
    }
    expect(resultsVisible(v, at('2026-12-01T12:00:00Z'))).toBe(false)
    expect(resultsVisible({ ...v, liveResults: true }, at('2026-12-01T12:00:00Z'))).toBe(true)
    expect(resultsVisible({ ...v, status: 'closed' }, at('2026-12-01T12:00:00Z'))).toBe(true)
    expect(resultsVisible(v, at('2026-12-02T00:00:00Z'))).toBe(true)
  })
})

describe('民主生活会', () => {
  it('is held by the committee or a 党总支 and starts with the leadership ticked: committee admins, 书记 and 副书记', () => {
    expect(isLeadershipMeeting('democratic_life')).toBe(true)
    expect(isLeadershipMeeting('org_life')).toBe(false)
    expect(LEADERSHIP_ORG_TYPES).toEqual(['committee', 'general_branch'])
    expect(isLeadershipMember({ role: 'org_admin', post: null })).toBe(true)
    expect(isLeadershipMember({ role: 'branch_admin', post: '书记' })).toBe(true)
    expect(isLeadershipMember({ role: 'member', post: '副书记' })).toBe(true)
    // A branch admin without a post (an 组织委员 who keeps the roster) and plain members are not the leadership.
    expect(isLeadershipMember({ role: 'branch_admin', post: '组织委员' })).toBe(false)
    expect(isLeadershipMember({ role: 'member', post: null })).toBe(false)
  })
})
