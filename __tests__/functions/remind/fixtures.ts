import type { TestCloud } from '../local-cloud'

/** The reminder template of the local configuration (every timer reminder and 一键提醒 uses it). */
export const TEMPLATE = 'local_reminder'
/** 办公室党支部's bound members who accept reminders in these tests (周明 is not bound). */
export const CONSENTING = ['李秀英', '钱文静', '孙浩然', '何雨桐', '马俊杰', '赵晓燕']

/** Each named member accepts the reminder template `times` times (one credit per acceptance, as on WeChat). */
export async function consent(t: TestCloud, names: string[], times = 1) {
  for (const n of names) {
    const who = await t.openidOf(n)
    for (let i = 0; i < times; i++) await t.ok(who, 'remind.subscribe', { templateId: TEMPLATE, accepted: true })
  }
}

/** Messages of the template in the outbox, per named member. */
export async function outboxCounts(t: TestCloud, names = CONSENTING): Promise<Record<string, number>> {
  const sent = (await t.cloud.db().collection('outbox').where({ templateId: TEMPLATE }).limit(1000).get()).data
  const out: Record<string, number> = {}
  for (const n of names) {
    const openid = await t.openidOf(n)
    out[n] = sent.filter((m) => m.touser === openid).length
  }
  return out
}

/** A dispatch run cut off by its function timeout just as it records its `nth` reminder. */
export async function cutDispatch(t: TestCloud, nth: number) {
  let adds = 0
  const cut = await t.timer('remind', 'dispatch', {
    timeouts: { remind: 300 },
    beforeRequest: async (action: string, params: unknown) => {
      const p = params as { collectionName?: string }
      if (action === 'database.insertDocument' && p?.collectionName === 'reminders' && ++adds === nth)
        await new Promise(() => {})
    },
  })
  expect(cut).toMatchObject({ errCode: -504002 })
}
