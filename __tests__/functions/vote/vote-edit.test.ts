import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { iso } from './fixtures'

// Editing a vote: candidates and rules may change until it opens; never once it has opened or holds a ballot.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const fields = (over: Record<string, unknown> = {}) => ({
  title: '推选优秀党务工作者',
  options: [{ text: '钱文静' }, { text: '何雨桐' }],
  secret: true,
  mode: 'single' as const,
  openAt: iso(t, 60),
  closeAt: iso(t, 60 * 24),
  liveResults: false,
  ...over,
})

async function create(as: string, over: Record<string, unknown> = {}) {
  const { vote } = await t.ok(as, 'vote.create', {
    ...fields(),
    eligibility: 'branch',
    branchId: 'org_office',
    ...over,
  })
  return vote
}

it('before it opens the organiser adds a candidate and changes the rules; members see the new vote; it is audited', async () => {
  const li = await t.openidOf('李秀英')
  const vote = await create(li)
  const changed = await t.ok(li, 'vote.update', {
    voteId: vote.id,
    revision: vote.revision,
    ...fields({
      options: [{ text: '钱文静' }, { text: '何雨桐' }, { text: '马俊杰', detail: '组织委员推荐' }],
      mode: 'multi',
      maxChoices: 2,
      closeAt: iso(t, 60 * 48),
    }),
  })
  expect(changed.vote).toMatchObject({ state: 'not_open', mode: 'multi', maxChoices: 2 })
  expect(changed.vote.options.map((o) => o.text)).toEqual(['钱文静', '何雨桐', '马俊杰'])
  // A member's list shows the new deadline (each voter flag carries it).
  const qian = await t.openidOf('钱文静')
  const mine = (await t.ok(qian, 'vote.list', {})).items.find((v) => v.id === vote.id)!
  expect(mine.closeAt).toBe(changed.vote.closeAt)
  const audit = (await t.cloud.db().collection('audit_logs').where({ action: 'vote.update' }).get()).data
  expect(audit).toHaveLength(1)
  expect(audit[0]).toMatchObject({
    targetId: vote.id,
    actorName: '李秀英',
    before: { mode: 'single' },
    after: { mode: 'multi' },
  })

  // Once it opens and a member has voted, nothing changes any more.
  t.cloud.clock.advance(61 * 60_000)
  await t.ok(qian, 'vote.cast', { voteId: vote.id, choices: ['o1', 'o3'] })
  const late = await t.call(li, 'vote.update', {
    voteId: vote.id,
    revision: changed.vote.revision,
    ...fields({ openAt: iso(t, 60), closeAt: iso(t, 120) }),
  })
  expect(late).toMatchObject({
    ok: false,
    error: { code: 'VOTE_LOCKED', message: expect.stringMatching(/不能再修改/) },
  })
  expect((await t.ok(qian, 'vote.detail', { voteId: vote.id })).vote.options).toHaveLength(3)
  expect(await t.count('audit_logs', { action: 'vote.update' })).toBe(1)
})

it('a vote already open is locked even before its first ballot, and a new start must lie ahead', async () => {
  const li = await t.openidOf('李秀英')
  const open = await create(li, { openAt: iso(t, -1) })
  expect(codeOf(await t.call(li, 'vote.update', { voteId: open.id, ...fields() }))).toBe('VOTE_LOCKED')
  const later = await create(li, { title: '推选优秀共产党员' })
  const past = await t.call(li, 'vote.update', {
    voteId: later.id,
    ...fields({ title: '推选优秀共产党员', openAt: iso(t, -5) }),
  })
  expect(codeOf(past)).toBe('INVALID_INPUT')
  expect(await t.count('audit_logs', { action: 'vote.update' })).toBe(0)
})

it('another branch cannot see it; a secretary cannot change or close the committee’s vote for everyone', async () => {
  const li = await t.openidOf('李秀英')
  const vote = await create(li)
  expect(codeOf(await t.call(await t.openidOf('王志强'), 'vote.update', { voteId: vote.id, ...fields() }))).toBe(
    'NOT_FOUND',
  )
  // 陈建国 (the committee) sits in 李秀英's branch: his vote for everyone is still not hers to manage.
  const chen = await t.openidOf('陈建国')
  const wide = await create(chen, { eligibility: 'all', branchId: undefined, title: '评选优秀党课教案' })
  expect(codeOf(await t.call(li, 'vote.update', { voteId: wide.id, ...fields() }))).toBe('FORBIDDEN')
  expect(codeOf(await t.call(li, 'vote.close', { voteId: wide.id }))).toBe('FORBIDDEN')
  expect(
    codeOf(
      await t.call(chen, 'vote.update', {
        voteId: wide.id,
        revision: wide.revision,
        ...fields({ title: '评选优秀党课教案（修订）' }),
      }),
    ),
  ).toBe('ok')
})
