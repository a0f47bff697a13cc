import { startTestCloud, type TestCloud } from '../local-cloud'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

// 周明 (办公室党支部) and 孙婷 (预算处党支部) are seeded unbound; tails follow the seed's 1390000 + (1001 + 7i).
const ZHOU = { name: '周明', tail: '1022' }
const SUN = { name: '孙婷', tail: '1064' }
const guess = (openid: string, name: string, tail: string) =>
  t.call(openid, 'member.bind', { mode: 'phone', name, phoneTail: tail })
const wrongTails = (n: number, skip: string) =>
  Array.from({ length: n + 1 }, (_, i) => String(9000 + i))
    .filter((x) => x !== skip)
    .slice(0, n)

describe('bind attempt limits', () => {
  it('the 6th wrong guess from one identity is refused, and then the right tail gives no signal either', async () => {
    for (const tail of wrongTails(5, ZHOU.tail))
      expect(await guess('wx_attacker', ZHOU.name, tail)).toMatchObject({ ok: false, error: { code: 'BIND_NO_MATCH' } })
    const sixth = await guess('wx_attacker', ZHOU.name, '9999')
    expect(sixth).toMatchObject({
      ok: false,
      error: {
        code: 'BIND_LIMITED',
        message: expect.stringMatching(/^尝试次数过多，请于 2026-11-24 10:00 后再试，或向支部书记索取邀请码绑定$/),
      },
    })
    const right = await guess('wx_attacker', ZHOU.name, ZHOU.tail)
    expect(right).toEqual(sixth)
    // The same limit holds for any other name from that identity.
    expect(await guess('wx_attacker', SUN.name, SUN.tail)).toEqual(sixth)
    expect(await t.count('members', { name: '周明', bindStatus: 'unbound' })).toBe(1)
    expect(await t.count('audit_logs', { action: 'bind.wrong' })).toBe(5)
    expect(await t.count('audit_logs', { action: 'bind.refused' })).toBe(3)
  })

  it('the 11th wrong guess against one member is refused whatever identity it comes from', async () => {
    const tails = wrongTails(10, ZHOU.tail)
    for (const [i, tail] of tails.entries()) expect((await guess(`wx_bot_${i}`, ZHOU.name, tail)).ok).toBe(false)
    const eleventh = await guess('wx_bot_fresh', ZHOU.name, '9998')
    expect(eleventh).toMatchObject({ ok: false, error: { code: 'BIND_LIMITED' } })
    // The real 周明 from a fresh identity gets the same refusal: he is told when to retry or to ask for an invite code.
    const right = await guess('wx_real_zhou', ZHOU.name, ZHOU.tail)
    expect(right).toEqual(eleventh)
    expect(
      await t.count('bindings', {
        memberId: (await t.cloud.db().collection('members').where({ name: '周明' }).get()).data[0]._id,
      }),
    ).toBe(0)
    // Another member's name is not affected.
    expect(
      await t.ok('wx_real_sun', 'member.bind', { mode: 'phone', name: SUN.name, phoneTail: SUN.tail }),
    ).toMatchObject({ status: 'bound' })
  })

  it('the window lasts 24 hours, then the member can bind', async () => {
    for (const tail of wrongTails(5, ZHOU.tail)) await guess('wx_zhou', ZHOU.name, tail)
    expect(await guess('wx_zhou', ZHOU.name, ZHOU.tail)).toMatchObject({ ok: false, error: { code: 'BIND_LIMITED' } })
    t.cloud.clock.set('2026-11-24T02:00:01Z')
    expect(
      await t.ok('wx_zhou', 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: ZHOU.tail }),
    ).toMatchObject({ status: 'bound' })
  })

  it('a right guess does not use up an attempt', async () => {
    for (const tail of wrongTails(4, ZHOU.tail)) await guess('wx_zhou', ZHOU.name, tail)
    await t.ok('wx_zhou', 'member.bind', { mode: 'phone', name: ZHOU.name, phoneTail: ZHOU.tail })
    const counters = (await t.cloud.db().collection('bind_attempts').get()).data.map((d) => d.count).sort()
    expect(counters).toEqual([4, 4])
  })

  it('a burst of parallel guesses cannot get past the limit', async () => {
    const tails = Array.from({ length: 40 }, (_, i) => String(5000 + i))
    const results = await Promise.all(tails.map((tail) => guess('wx_burst', ZHOU.name, tail)))
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code))
    expect(codes.filter((c) => c === 'BIND_NO_MATCH').length).toBeLessThanOrEqual(5)
    expect(codes.every((c) => c === 'BIND_NO_MATCH' || c === 'BIND_LIMITED' || c === 'CONFLICT')).toBe(true)
  })
})
