// H5's early calls (config/h5-early-calls.js): index.html starts whoami, and a returning member's first-screen data,
// while the code downloads; call() takes the answer of the identical call instead of asking again — once, while fresh,
// and never after the session was reset.
import { earlyCallsScript } from '../../config/h5-early-calls'
import { clearAll, keyOf, read } from '@/remote/cache'
import { call, dropEarlyCalls } from '@/services/api-client'
import { useSessionStore } from '@/stores/session.store'

const fetchMock = jest.fn()
const answer = (body: unknown) => ({ json: async () => body }) as Response
const bodies = () => fetchMock.mock.calls.map(([url, init]) => [url, JSON.parse(init.body)])

/** Runs index.html's inline script as the browser would, at `hash`. */
function loadIndexHtml(hash: string) {
  window.location.hash = hash
  const script = earlyCallsScript('pages/home/index')
    .replace(/^<script>/, '')
    .replace(/<\/script>$/, '')
  new Function(script)()
}

beforeEach(() => {
  fetchMock.mockReset()
  fetchMock.mockImplementation(async () => answer({ ok: true, data: { fresh: true } }))
  globalThis.fetch = fetchMock as unknown as typeof fetch
  localStorage.clear()
  clearAll()
  delete (globalThis as { __earlyCalls?: unknown }).__earlyCalls
})

afterEach(() => jest.useRealTimers())

test('a returning member: index.html asks whoami and the page’s data; the app then asks for neither again', async () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  fetchMock.mockImplementation(async (_url: string, init: RequestInit) =>
    answer({ ok: true, data: { early: JSON.parse(String(init.body)).action } }),
  )
  loadIndexHtml('#/pages/activity/index?from=share')

  expect(bodies()).toEqual([
    ['/cloud/functions/member', { action: 'whoami', input: {} }],
    ['/cloud/functions/activity', { action: 'list', input: { filter: 'all', page: 1 } }],
    ['/cloud/functions/activity', { action: 'myHours', input: {} }],
  ])
  expect(fetchMock.mock.calls[0][1]).toMatchObject({ method: 'POST', credentials: 'include' })

  // The page's own calls, its input's keys in another order: the early answers, no second request.
  await expect(call('activity.list', { page: 1, filter: 'all' })).resolves.toEqual({ early: 'list' })
  await expect(call('member.whoami', {})).resolves.toEqual({ early: 'whoami' })
  expect(fetchMock).toHaveBeenCalledTimes(3)

  // Taken once: pulling to refresh asks the cloud.
  fetchMock.mockImplementation(async () => answer({ ok: true, data: { fresh: true } }))
  await expect(call('activity.list', { filter: 'all', page: 1 })).resolves.toEqual({ fresh: true })
  expect(fetchMock).toHaveBeenCalledTimes(4)
})

test('no member hint (a first visit, or the last answer was not a member): only whoami leaves early', () => {
  loadIndexHtml('#/pages/study/index')
  expect(bodies()).toEqual([['/cloud/functions/member', { action: 'whoami', input: {} }]])

  fetchMock.mockClear()
  localStorage.setItem('session-was-member', JSON.stringify({ data: 0 }))
  loadIndexHtml('#/pages/study/index')
  expect(bodies()).toEqual([['/cloud/functions/member', { action: 'whoami', input: {} }]])
})

test('no route in the address: 首页’s calls', () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  loadIndexHtml('')
  expect(bodies().map(([, b]) => b.action)).toEqual(['whoami', 'unreadRequired', 'today'])
})

test('another input is another call: asked anew', async () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  loadIndexHtml('#/pages/study/index')
  fetchMock.mockClear()
  await call('study.feed', { page: 1, category: '党章党规' })
  expect(bodies()).toEqual([['/cloud/functions/study', { action: 'feed', input: { page: 1, category: '党章党规' } }]])
})

test('an early answer older than ten seconds is not shown: asked anew', async () => {
  jest.useFakeTimers({ now: new Date('2026-12-02T06:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] })
  loadIndexHtml('#/pages/home/index')
  jest.setSystemTime(new Date('2026-12-02T06:00:11Z'))
  fetchMock.mockClear()
  await expect(call('member.whoami', {})).resolves.toEqual({ fresh: true })
  expect(fetchMock).toHaveBeenCalledTimes(1)
})

test('an early request that failed is made again by the app', async () => {
  fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
  loadIndexHtml('#/pages/home/index')
  await expect(call('member.whoami', {})).resolves.toEqual({ fresh: true })
  expect(fetchMock).toHaveBeenCalledTimes(2)
})

test('after a reset (another person signs in) or dropEarlyCalls, nothing early is taken', async () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  loadIndexHtml('#/pages/study/index')
  useSessionStore.getState().reset()
  fetchMock.mockClear()
  await expect(call('study.feed', { page: 1 })).resolves.toEqual({ fresh: true })
  expect(fetchMock).toHaveBeenCalledTimes(1)

  loadIndexHtml('#/pages/study/index')
  dropEarlyCalls()
  fetchMock.mockClear()
  await call('member.whoami', {})
  expect(fetchMock).toHaveBeenCalledTimes(1)
})

test('whoami says not a member: the member data asked for on the hint is dropped', async () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  fetchMock.mockImplementation(async (_url: string, init: RequestInit) => {
    const { action } = JSON.parse(String(init.body))
    if (action === 'whoami')
      return answer({ ok: true, data: { member: null, pending: null, committeeName: '机关党委', elderDefault: false } })
    return answer({ ok: false, error: { code: 'NOT_BOUND', message: '请先绑定党员身份' } })
  })
  loadIndexHtml('#/pages/study/index')
  await useSessionStore.getState().load()
  fetchMock.mockImplementation(async () => answer({ ok: true, data: { fresh: true } }))
  await expect(call('study.feed', { page: 1 })).resolves.toEqual({ fresh: true })
})

test('an early answer already in is the first data a screen reads: drawn at once, not asked for again', async () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  fetchMock.mockImplementation(async () => answer({ ok: true, data: { items: [{ id: 'a1' }], total: 1, page: 1 } }))
  loadIndexHtml('#/pages/activity/index')
  await Promise.all((globalThis as unknown as { __earlyCalls: { p: Promise<unknown> }[] }).__earlyCalls.map((e) => e.p))
  clearAll()

  // usePagedProcedure keeps the list under `page: '*'`; its first page is the early call's answer.
  const entry = read(keyOf('activity.list', { filter: 'all', page: '*' }))
  expect(entry).toMatchObject({ data: { items: [{ id: 'a1' }] }, fetching: false, error: null })
  expect(Date.now() - entry.at).toBeLessThan(1000)
  // Taken once: the same entry from now on, and the call itself is no longer early.
  expect(read(keyOf('activity.list', { filter: 'all', page: '*' }))).toBe(entry)
  fetchMock.mockClear()
  await call('activity.list', { filter: 'all', page: 1 })
  expect(fetchMock).toHaveBeenCalledTimes(1)
})

test('an early error answer is not drawn as data: the screen’s own call takes it', async () => {
  localStorage.setItem('session-was-member', JSON.stringify({ data: 1 }))
  fetchMock.mockImplementation(async () =>
    answer({ ok: false, error: { code: 'NOT_BOUND', message: '请先绑定党员身份' } }),
  )
  loadIndexHtml('#/pages/study/index')
  await Promise.all((globalThis as unknown as { __earlyCalls: { p: Promise<unknown> }[] }).__earlyCalls.map((e) => e.p))
  expect(read(keyOf('study.feed', { page: '*' })).data).toBeUndefined()
  fetchMock.mockClear()
  await expect(call('study.feed', { page: 1 })).rejects.toMatchObject({ code: 'NOT_BOUND' })
  expect(fetchMock).not.toHaveBeenCalled()
})
