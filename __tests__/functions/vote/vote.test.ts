import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { addMembers, iso } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

async function branchVote(over: Record<string, unknown> = {}) {
  const admin = await t.openidOf('李秀英')
  const { vote } = await t.ok(admin, 'vote.create', {
    title: '推选优秀党务工作者',
    options: [{ text: '钱文静' }, { text: '何雨桐' }, { text: '马俊杰' }],
    eligibility: 'branch',
    branchId: 'org_office',
    secret: true,
    mode: 'single',
    openAt: iso(t, -1),
    closeAt: iso(t, 60),
    liveResults: false,
    ...over,
  })
  return { admin, vote }
}

describe('votes', () => {
  it('200 simultaneous taps by 100 members count exactly 100 ballots', async () => {
    const voters = await addMembers(t, 'org_budget', 100)
    const { vote } = await t.ok(await t.openidOf('王志强'), 'vote.create', {
      title: '预算处党支部重大事项票决',
      options: [{ text: '同意' }, { text: '不同意' }],
      eligibility: 'branch',
      secret: true,
      mode: 'single',
      openAt: iso(t, -1),
      closeAt: iso(t, 30),
      liveResults: true,
    })
    const taps = voters.flatMap((v, i) =>
      [v, v].map(() => t.call(v, 'vote.cast', { voteId: vote.id, choices: [i % 3 === 0 ? 'o2' : 'o1'] })),
    )
    const answers = await Promise.all(taps)
    expect(answers.map(codeOf).filter((c) => c !== 'ok')).toEqual([])
    expect(answers.filter((a) => a.ok && !a.data.already)).toHaveLength(100)
    expect(await t.count('vote_ballots', { voteId: vote.id })).toBe(100)
    const { results } = await t.ok(voters[0], 'vote.detail', { voteId: vote.id })
    expect(results!.voted).toBe(100)
    expect(results!.rows.map((r) => [r.text, r.votes])).toEqual([
      ['同意', 66],
      ['不同意', 34],
    ])
  })

  it('stores nothing that links a secret ballot to its voter: no shared field, and voter order fixed before voting', async () => {
    const { vote } = await branchVote()
    const names = ['钱文静', '何雨桐', '马俊杰', '孙浩然', '李秀英']
    const votersBefore = (await t.cloud.db().collection('vote_voters').where({ voteId: vote.id }).get()).data
    for (const [i, name] of names.entries())
      await t.ok(await t.openidOf(name), 'vote.cast', { voteId: vote.id, choices: [`o${(i % 3) + 1}`] })
    const db = t.cloud.db()
    const ballots = (await db.collection('vote_ballots').where({ voteId: vote.id }).get()).data
    const voters = (await db.collection('vote_voters').where({ voteId: vote.id }).get()).data
    const members = (await db.collection('members').limit(100).get()).data
    const memberKeys = new Set(members.flatMap((m) => [m._id, m.name, m.openid, m.phone].filter(Boolean)))
    expect(ballots).toHaveLength(5)
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['_id', 'choices', 'voteId'])
      const text = JSON.stringify(b)
      for (const key of memberKeys) expect(text.includes(String(key))).toBe(false)
      for (const v of voters) expect(text.includes(v._id)).toBe(false)
    }
    // Voters keep the order and ids they had before anyone voted; only `voted` flipped. No time anywhere.
    expect(voters.map((v) => v._id)).toEqual(votersBefore.map((v) => v._id))
    expect(voters.map((v) => v._id)).toEqual([...voters.map((v) => v._id)].sort())
    for (const v of voters)
      expect(Object.keys(v).sort()).toEqual(['_id', 'branchId', 'closeAt', 'memberId', 'voteId', 'voted'])
    // The vote's own document does not change when ballots are cast (no counters, no last-voted time).
    const voteDoc = (await db.collection('votes').where({ _id: vote.id }).get()).data[0]
    expect(Object.keys(voteDoc)).not.toContain('updatedAt')
    // A member sees that her ballot was counted, and a second one is not.
    const qian = await t.openidOf('钱文静')
    expect((await t.ok(qian, 'vote.detail', { voteId: vote.id })).myVoted).toBe(true)
    expect(await t.ok(qian, 'vote.cast', { voteId: vote.id, choices: ['o3'] })).toEqual({
      counted: true,
      already: true,
    })
    expect(await t.count('vote_ballots', { voteId: vote.id })).toBe(5)
  })

  it('only the electorate may vote, inside the window, with a valid choice', async () => {
    const { vote } = await branchVote({ mode: 'multi', maxChoices: 2 })
    // Outside the electorate and the vote's branch: the vote answers like a missing one.
    expect(codeOf(await t.call(await t.openidOf('冯涛'), 'vote.cast', { voteId: vote.id, choices: ['o1'] }))).toBe(
      'NOT_FOUND',
    )
    expect(codeOf(await t.call(await t.openidOf('冯涛'), 'vote.detail', { voteId: vote.id }))).toBe('NOT_FOUND')
    // The committee oversees every vote, so outside a branch's electorate it hears the reason.
    const budget = await t.ok(await t.openidOf('王志强'), 'vote.create', {
      title: '预算处推选',
      options: [{ text: '冯涛' }, { text: '王志强' }],
      eligibility: 'branch',
      branchId: 'org_budget',
      secret: true,
      mode: 'single',
      openAt: iso(t, -1),
      closeAt: iso(t, 60),
      liveResults: false,
    })
    expect(
      codeOf(await t.call(await t.openidOf('陈建国'), 'vote.cast', { voteId: budget.vote.id, choices: ['o1'] })),
    ).toBe('VOTE_NOT_ELIGIBLE')
    const qian = await t.openidOf('钱文静')
    expect(codeOf(await t.call(qian, 'vote.cast', { voteId: vote.id, choices: ['o1', 'o2', 'o3'] }))).toBe(
      'VOTE_CHOICE_INVALID',
    )
    expect(codeOf(await t.call(qian, 'vote.cast', { voteId: vote.id, choices: ['o9'] }))).toBe('VOTE_CHOICE_INVALID')
    expect(await t.count('vote_ballots')).toBe(0)
    t.cloud.clock.advance(61 * 60_000)
    expect(codeOf(await t.call(qian, 'vote.cast', { voteId: vote.id, choices: ['o1'] }))).toBe('VOTE_CLOSED')
    // Wider votes are the committee's.
    expect(
      codeOf(
        await t.call(await t.openidOf('李秀英'), 'vote.create', {
          title: '全机关评选',
          options: [{ text: 'A' }, { text: 'B' }],
          eligibility: 'all',
          secret: true,
          mode: 'single',
          openAt: iso(t, 0),
          closeAt: iso(t, 10),
          liveResults: false,
        }),
      ),
    ).toBe('FORBIDDEN')
    const committee = await t.ok(await t.openidOf('陈建国'), 'vote.create', {
      title: '委员票决',
      options: [{ text: '同意' }, { text: '不同意' }],
      eligibility: 'committee',
      secret: false,
      mode: 'single',
      openAt: iso(t, 0),
      closeAt: iso(t, 10),
      liveResults: false,
    })
    expect(committee.vote.electorate).toBe(1)
  })

  it('hides results until the vote closes when so set, then shows the ranking; named votes export who chose what', async () => {
    const { admin, vote } = await branchVote({ secret: false, mode: 'rank', maxChoices: 3 })
    const qian = await t.openidOf('钱文静')
    await t.ok(qian, 'vote.cast', { voteId: vote.id, choices: ['o2', 'o1', 'o3'] })
    await t.ok(await t.openidOf('何雨桐'), 'vote.cast', { voteId: vote.id, choices: ['o2', 'o3', 'o1'] })
    expect((await t.ok(qian, 'vote.detail', { voteId: vote.id })).results).toBeNull()
    expect(codeOf(await t.call(admin, 'archive.voteResults', { voteId: vote.id }))).toBe('VOTE_RESULTS_HIDDEN')
    await t.ok(admin, 'vote.close', { voteId: vote.id })
    const { results } = await t.ok(qian, 'vote.detail', { voteId: vote.id })
    expect(results!.rows.map((r) => [r.text, r.points, r.place])).toEqual([
      ['何雨桐', 6, 1],
      ['钱文静', 3, 2],
      ['马俊杰', 3, 2],
    ])
    const out = await t.ok(admin, 'archive.voteResults', { voteId: vote.id })
    expect(out.fileName).toBe('推选优秀党务工作者-投票结果.xlsx')
    const manage = await t.ok(admin, 'vote.manage', {})
    expect(manage.items[0]).toMatchObject({ id: vote.id, voted: 2, state: 'closed' })
    expect((await t.ok(qian, 'vote.list', {})).items.map((v) => [v.id, v.myVoted])).toEqual([[vote.id, true]])
  })

  it('a retried creation lands on the same vote', async () => {
    const first = await branchVote()
    const again = await branchVote()
    expect(again.vote.id).toBe(first.vote.id)
    expect(await t.count('votes')).toBe(1)
    expect(await t.count('vote_voters')).toBe(first.vote.electorate)
  })
})
