import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { iso } from './fixtures'

// A 支委会 票决: the branch committee (the posts 组织架构 keeps) votes, not the whole branch.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

it('the electorate is the branch committee as posted in 组织架构, and follows a post given before the vote', async () => {
  const li = await t.openidOf('李秀英')
  // 办公室党支部's committee in the demo: 李秀英 (书记) and 何雨桐 (组织委员). 钱文静 joins as 宣传委员 first.
  const qianId = (await t.cloud.db().collection('members').where({ name: '钱文静' }).get()).data[0]._id as string
  await t.ok(li, 'member.setPost', { memberId: qianId, post: '宣传委员' })
  const { vote } = await t.ok(li, 'vote.create', {
    title: '支委会票决：发展对象人选',
    options: [{ text: '同意' }, { text: '不同意' }],
    eligibility: 'branch_committee',
    secret: false,
    mode: 'single',
    openAt: iso(t, -1),
    closeAt: iso(t, 60),
    liveResults: true,
  })
  expect(vote).toMatchObject({ eligibilityLabel: '支部委员会委员', branchId: 'org_office', electorate: 3 })
  for (const name of ['李秀英', '何雨桐', '钱文静'])
    expect(codeOf(await t.call(await t.openidOf(name), 'vote.cast', { voteId: vote.id, choices: ['o1'] }))).toBe('ok')
  // A member of the branch without a post, and another branch's secretary, are not in it (outside the electorate a
  // vote answers like a missing one).
  expect(codeOf(await t.call(await t.openidOf('马俊杰'), 'vote.cast', { voteId: vote.id, choices: ['o2'] }))).toBe(
    'NOT_FOUND',
  )
  expect(codeOf(await t.call(await t.openidOf('王志强'), 'vote.cast', { voteId: vote.id, choices: ['o2'] }))).toBe(
    'NOT_FOUND',
  )
  expect(await t.count('vote_ballots', { voteId: vote.id })).toBe(3)
  const { results } = await t.ok(li, 'vote.detail', { voteId: vote.id })
  expect(results).toMatchObject({ voted: 3, electorate: 3 })
})
