// subscribeMessage.send as WeChat answers it (emulator/db/README.md, "Subscribe messages"): data that does not fit
// the template's keyword rules fails the whole send with 47003, a missing openid or template id are refused, and the
// test hook answers what only WeChat knows (a member who turned the messages off: 43101). Nothing refused reaches
// the outbox.
import fs from 'fs'
import os from 'os'
import path from 'path'
import { createCollectionsNow } from '../../../emulator/db'
import { createLocalCloud, type LocalCloud } from '../../../emulator/sdk'

let cloud: LocalCloud
let dir: string
type Send = (p: Record<string, unknown>) => Promise<unknown>
let send: Send

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subscribe-'))
  cloud = createLocalCloud({ dbFile: ':memory:', storageDir: dir })
  createCollectionsNow(cloud.store, ['outbox'])
  send = (cloud.sdk.openapi as { subscribeMessage: { send: Send } }).subscribeMessage.send
})
afterEach(() => {
  cloud.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const ok = { touser: 'wx_a', templateId: 'tpl', page: 'pages/home/index' }
const outbox = async () => (await cloud.db().collection('outbox').count()).total
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { errCode?: number }) => e.errCode ?? 'no code',
  )

it('sends data that fits the keyword rules', async () => {
  await send({ ...ok, data: { thing1: { value: '二十个字以内的标题' }, time3: { value: '2026-12-01 18:00' } } })
  expect(await outbox()).toBe(1)
})

it('refuses a value longer than its kind allows, or a key that is no keyword, with 47003 and sends nothing', async () => {
  expect(await refusal(send({ ...ok, data: { thing1: { value: '一'.repeat(21) } } }))).toBe(47003)
  expect(await refusal(send({ ...ok, data: { phrase2: { value: '候补转为成功' } } }))).toBe(47003)
  expect(await refusal(send({ ...ok, data: { title: { value: '标题' } } }))).toBe(47003)
  expect(await refusal(send({ ...ok, data: { thing1: { value: '' } } }))).toBe(47003)
  expect(await outbox()).toBe(0)
})

it('refuses a missing openid (40003) or template id (40037)', async () => {
  expect(await refusal(send({ ...ok, touser: '', data: { thing1: { value: 'x' } } }))).toBe(40003)
  expect(await refusal(send({ ...ok, templateId: '', data: { thing1: { value: 'x' } } }))).toBe(40037)
})

it('answers 43101 for a member who turned the messages off, until the hook is cleared', async () => {
  cloud.openapiFaults.refuseMessagesTo('wx_a', 43101)
  expect(await refusal(send({ ...ok, data: { thing1: { value: 'x' } } }))).toBe(43101)
  await send({ ...ok, touser: 'wx_b', data: { thing1: { value: 'x' } } })
  cloud.openapiFaults.clear()
  await send({ ...ok, data: { thing1: { value: 'x' } } })
  expect(await outbox()).toBe(2)
})
