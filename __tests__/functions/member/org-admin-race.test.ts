import { startTestCloud, type TestCloud } from '../local-cloud'

/**
 * "Never so that no org admin remains" under concurrency: the check needs a count, which no transaction can run, so
 * member/org-admin-guard.ts serialises the changes that take an org admin away. Each case gets a cloud of its own.
 */
let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

describe('the last org admin', () => {
  it.each([
    ['demote each other', (memberId: string) => ({ name: 'member.setRole', input: { memberId, role: 'member' } })],
    [
      'mark each other 转出',
      (memberId: string) => ({
        name: 'member.setStatus',
        input: { memberId, status: 'transferred', reason: '调往他处' },
      }),
    ],
  ] as const)('two org admins who %s at the same moment leave exactly one in office', async (_what, request) => {
    const db = t.cloud.db()
    const idOf = async (name: string) => (await db.collection('members').where({ name }).get()).data[0]._id as string
    const [chen, li] = [await t.openidOf('陈建国'), await t.openidOf('李秀英')]
    const [chenId, liId] = [await idOf('陈建国'), await idOf('李秀英')]
    await t.ok(chen, 'member.setRole', { memberId: liId, role: 'org_admin' })
    // The database is slowed for both calls so that each counts two admins before either writes.
    const calls = [request(liId), request(chenId)]
    const [a, b] = await Promise.all(
      [chen, li].map((who, i) => t.call(who, calls[i].name as never, calls[i].input as never, { dbDelayMs: 15 })),
    )
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    const refused = (a.ok ? b : a) as { ok: false; error: { code: string } }
    expect(['ROLE_LAST_ORG_ADMIN', 'FORBIDDEN', 'NOT_BOUND']).toContain(refused.error.code)
    expect(await t.count('members', { role: 'org_admin', status: 'active' })).toBe(1)
  })
})
