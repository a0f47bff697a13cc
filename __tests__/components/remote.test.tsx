import './support/mock-boundaries'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Text, View } from '@tarojs/components'
import { clearAll } from '@/remote/cache'
import { useMutation, useProcedure } from '@/remote'
import { ApiError } from '@/services/api-client'
import DevSignIn from '@/packages/dev/pages/sign-in/index'
import { useQuizTakeStore } from '@/stores/quiz-take.store'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me } from './support/helpers'
import { activityView } from './support/study-activity'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
})

const hours = (totalHours: number) => ({ year: 2026, totalHours, items: [] })

function Hours({ label }: { label: string }) {
  const q = useProcedure('activity.myHours', {})
  if (q.error) return <Text>{`${label}: ${q.error.message}`}</Text>
  return <Text>{q.loading ? `${label}: 加载中` : `${label}: ${q.data?.totalHours}`}</Text>
}

test('two screens asking for the same thing share one answer and one call', async () => {
  cloud.reply('activity.myHours', hours(2.5))
  render(
    <View>
      <Hours label="甲" />
      <Hours label="乙" />
    </View>,
  )
  expect(await screen.findByText('甲: 2.5')).toBeInTheDocument()
  expect(screen.getByText('乙: 2.5')).toBeInTheDocument()
  expect(cloud.calls('activity.myHours')).toHaveLength(1)
})

test('a failed load shows its Chinese message; refetch brings the answer', async () => {
  cloud.fail('activity.myHours', new ApiError('NETWORK'))
  cloud.reply('activity.myHours', hours(1))
  let refetch: () => Promise<void> = async () => {}
  function Probe() {
    const q = useProcedure('activity.myHours', {})
    refetch = q.refetch
    return <Text>{q.error ? q.error.message : String(q.data?.totalHours ?? '')}</Text>
  }
  render(<Probe />)
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
  await act(() => refetch())
  expect(screen.getByText('1')).toBeInTheDocument()
})

function Detail({ id }: { id: string }) {
  const q = useProcedure('activity.detail', { activityId: id })
  return <Text>{q.data ? q.data.activity.title : '…'}</Text>
}

test('when the input changes, a slow answer for the old input never replaces the new one', async () => {
  let releaseOld: () => void = () => {}
  cloud.reply('activity.detail', (input) =>
    input.activityId === 'old'
      ? (new Promise(
          (r) =>
            (releaseOld = () =>
              r({ activity: activityView({ title: '旧活动' }), mine: null, subscribeTemplateId: null })),
        ) as never)
      : { activity: activityView({ title: '新活动' }), mine: null, subscribeTemplateId: null },
  )
  const { rerender } = render(<Detail id="old" />)
  rerender(<Detail id="new" />)
  expect(await screen.findByText('新活动')).toBeInTheDocument()
  await act(async () => releaseOld())
  expect(screen.getByText('新活动')).toBeInTheDocument()
})

test('a write invalidates what it changed: the screen showing it fetches again and shows the new answer', async () => {
  cloud.reply('activity.myHours', hours(1))
  cloud.reply('activity.myHours', hours(3))
  cloud.reply('activity.checkIn', {
    activityId: 'a1',
    activityTitle: '',
    mode: 'out',
    at: '',
    already: false,
    hours: 2,
  })
  function Screen() {
    const q = useProcedure('activity.myHours', {})
    const m = useMutation('activity.checkIn', { invalidates: ['activity.myHours'] })
    return (
      <View>
        <Text>{`时长 ${q.data?.totalHours ?? ''}`}</Text>
        <View onClick={() => void m.run({ token: 'token-123456' }).catch(() => {})}>签退</View>
      </View>
    )
  }
  render(<Screen />)
  expect(await screen.findByText('时长 1')).toBeInTheDocument()
  fireEvent.click(screen.getByText('签退'))
  expect(await screen.findByText('时长 3')).toBeInTheDocument()
  expect(cloud.calls('activity.myHours')).toHaveLength(2)
})

test('sign-out clears everything, and an answer still in flight for the old caller is dropped', async () => {
  let release: () => void = () => {}
  cloud.reply('activity.myHours', () => new Promise((r) => (release = () => r(hours(9)))) as never)
  render(<Hours label="我" />)
  expect(screen.getByText('我: 加载中')).toBeInTheDocument()
  act(() => clearAll())
  await act(async () => release())
  expect(screen.queryByText('我: 9')).toBeNull()
})

test('a screen that appears later asks again instead of showing an answer another screen cached earlier', async () => {
  jest.useFakeTimers({ now: new Date('2026-07-01T01:00:00.000Z'), advanceTimers: true })
  cloud.reply('activity.myHours', hours(2))
  cloud.reply('activity.myHours', hours(5))
  const first = render(<Hours label="活动" />)
  expect(await screen.findByText('活动: 2')).toBeInTheDocument()
  first.unmount()
  jest.setSystemTime(new Date('2026-07-01T01:10:00.000Z'))
  render(<Hours label="我的" />)
  expect(await screen.findByText('我的: 5')).toBeInTheDocument()
  expect(cloud.calls('activity.myHours')).toHaveLength(2)
  jest.useRealTimers()
})

test('退出 on the sign-in page forgets the caller: every cached answer, the session and a test being taken', async () => {
  const fetchMock = jest.fn(async (path: string) => ({
    ok: true,
    json: async () => (path === '/dev/personas' ? [] : {}),
  }))
  const realFetch = globalThis.fetch
  globalThis.fetch = fetchMock as unknown as typeof fetch
  try {
    let total = 9
    cloud.reply('activity.myHours', () => hours(total))
    useSessionStore.setState({ me: me() })
    useQuizTakeStore.setState({ attempt: { attemptId: 'old' } as never })
    const shown = render(<Hours label="我" />)
    expect(await screen.findByText('我: 9')).toBeInTheDocument()
    render(<DevSignIn />)
    fireEvent.click(await screen.findByText('退出'))
    await waitFor(() => expect(fetchMock).toHaveBeenCalledWith('/dev/signout', expect.anything()))
    await waitFor(() => expect(screen.queryByText('我: 9')).toBeNull())
    expect(useSessionStore.getState().me).toBeNull()
    expect(useQuizTakeStore.getState().attempt).toBeNull()
    // Nothing of hers is left to show: the next screen asks the cloud again, as the new caller.
    shown.unmount()
    total = 0
    render(<Hours label="新" />)
    expect(await screen.findByText('新: 0')).toBeInTheDocument()
    expect(cloud.calls('activity.myHours')).toHaveLength(2)
  } finally {
    globalThis.fetch = realFetch
  }
})
