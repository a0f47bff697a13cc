import './support/mock-boundaries'
import { ERRORS } from '@/contract/errors'
import type { TodayCard } from '@/contract'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError } from '@/services/api-client'
import HomePage from '@/pages/home/index'
import { applyElder, setElderPref } from '@/components/elder-mode'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud, held } from './support/cloud'
import { me, member } from './support/helpers'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.getState().reset()
})

test('a bound member sees their name, branch, role and the four areas', async () => {
  cloud.reply(
    'member.whoami',
    me({ member: member({ name: '王志强', branchName: '预算处党支部', role: 'branch_admin' }) }),
  )
  cloud.reply('member.waiting', { leaves: 2, bindings: 0, signups: null })
  const { container } = render(<HomePage />)

  await waitFor(() => expect(container.querySelector('.home-branch')).toHaveTextContent('预算处党支部'))
  expect(container.querySelector('.home-role')).toHaveTextContent('支部管理员')
  expect(container.querySelector('.home-name')).toHaveTextContent('王志强')
  for (const area of ['会议签到', '法规测试', '学习资料', '活动']) expect(screen.getByText(area)).toBeInTheDocument()

  fireEvent.click(screen.getByText('会议签到'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/meeting/pages/index' })
})

test('someone not yet bound is sent to the bind page', async () => {
  cloud.reply('member.whoami', me({ member: null }))
  render(<HomePage />)
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/member/pages/bind/index' }))
})

test('an invite-code bind waiting for approval shows the waiting state, not the bind page', async () => {
  cloud.reply('member.whoami', me({ member: null, pending: { name: '周明', branchName: '办公室党支部' } }))
  render(<HomePage />)
  expect(await screen.findByText('等待支部审核')).toBeInTheDocument()
  expect(screen.getByText(/办公室党支部/)).toBeInTheDocument()
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})

test('a network failure shows the Chinese message and retrying loads the page', async () => {
  cloud.fail('member.whoami', new ApiError('NETWORK'))
  cloud.reply('member.whoami', me())
  const { container } = render(<HomePage />)

  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
  fireEvent.click(screen.getByText('重新加载'))
  await waitFor(() => expect(container.querySelector('.home-branch')).toHaveTextContent('第一党支部'))
})

test('on H5, a browser that has not signed in to the local cloud is sent to the dev sign-in page', async () => {
  cloud.fail('member.whoami', new ApiError('NOT_SIGNED_IN', ERRORS.NOT_SIGNED_IN))
  render(<HomePage />)
  await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/dev/pages/sign-in/index' }))
})

test('staff see how many leave requests and bindings wait for them, and tapping opens 管理', async () => {
  cloud.reply('member.whoami', me({ member: member({ role: 'branch_admin' }) }))
  cloud.reply('member.waiting', { leaves: 3, bindings: 1, signups: null })
  const { container } = render(<HomePage />)
  await waitFor(() => expect(container.querySelector('#home-waiting')).toHaveTextContent('请假审批 3 · 绑定审核 1'))
  fireEvent.click(container.querySelector('#home-waiting')!)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/index' })
})

test('an ordinary member is not asked for waiting counts', async () => {
  cloud.reply('member.whoami', me({ member: member({ role: 'member' }) }))
  const { container } = render(<HomePage />)
  await waitFor(() => expect(container.querySelector('.home-branch')).toBeInTheDocument())
  expect(cloud.calls('member.waiting')).toHaveLength(0)
  expect(container.querySelector('#home-waiting')).toBeNull()
})

test('首页 cards: an open sign-in, a test and reading with their deadlines, a pending leave; each opens its place', async () => {
  cloud.reply('member.whoami', me({ member: member({ name: '钱文静', role: 'member' }) }))
  cloud.reply('member.today', {
    cards: [
      { kind: 'signIn', id: 'm1', title: '11 月支部党员大会', at: '2026-11-23T06:00:00.000Z' },
      { kind: 'test', id: 'q1', title: '七一党内法规测试', at: '2026-11-30T10:00:00.000Z' },
      { kind: 'reading', id: 'a1', title: '必读：党纪学习', at: '2020-01-01T10:00:00.000Z' },
      { kind: 'leave', id: 'm2', title: '党课', at: '2026-11-25T07:00:00.000Z' },
    ],
  })
  const { container } = render(<HomePage />)
  expect(await screen.findByText('签到：11 月支部党员大会')).toBeInTheDocument()
  expect(screen.getByText('正在签到 · 14:00 开始')).toBeInTheDocument()
  expect(screen.getByText('截止 11-30 18:00')).toBeInTheDocument()
  expect(screen.getByText('已逾期 · 截止 01-01 18:00')).toBeInTheDocument()
  expect(screen.getByText('请假待审批 · 11-25 15:00 开会')).toBeInTheDocument()
  fireEvent.click(container.querySelector('.today-signIn')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/meeting/pages/checkin/index?scan=1' })
  fireEvent.click(container.querySelector('.today-reading')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/study/pages/article/index?id=a1' })
  fireEvent.click(container.querySelector('.today-leave')!)
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/meeting/pages/detail/index?id=m2' })
})

test('首页 draws what is below the greeting once what is due is known, so the cards never push the areas down', async () => {
  cloud.reply('member.whoami', me({ member: member({ name: '钱文静', role: 'member' }) }))
  const today = held<{ cards: TodayCard[] }>()
  cloud.reply('member.today', today.answer)
  const { container } = render(<HomePage />)
  // Who she is is known, what is due is not yet: the greeting, and a skeleton where the cards and areas will be.
  await waitFor(() => expect(container.querySelector('.home-name')).toHaveTextContent('钱文静'))
  expect(container.querySelector('.home-grid')).toBeNull()
  expect(container.querySelector('.kit-skeleton')).not.toBeNull()
  today.resolve({ cards: [{ kind: 'test', id: 'q1', title: '七一党内法规测试', at: '2026-11-30T10:00:00.000Z' }] })
  expect(await screen.findByText('测试：七一党内法规测试')).toBeInTheDocument()
  expect(container.querySelector('.home-grid')).not.toBeNull()
  expect(container.querySelector('.kit-skeleton')).toBeNull()
})

test('what is due failing to load does not keep 首页 from showing', async () => {
  cloud.reply('member.whoami', me({ member: member({ name: '钱文静', role: 'member' }) }))
  cloud.fail('member.today', new ApiError('NETWORK'))
  const { container } = render(<HomePage />)
  await waitFor(() => expect(container.querySelector('.home-name')).toHaveTextContent('钱文静'))
  expect(container.querySelector('.home-grid')).not.toBeNull()
})

test('a second load() while whoami is on its way joins it (H5 asks at boot, the page asks again on show)', async () => {
  const who = held<ReturnType<typeof me>>()
  cloud.reply('member.whoami', who.answer)
  const first = useSessionStore.getState().load()
  const second = useSessionStore.getState().load()
  who.resolve(me({ member: member({ name: '钱文静' }) }))
  expect((await first)?.member?.name).toBe('钱文静')
  expect((await second)?.member?.name).toBe('钱文静')
  expect(cloud.calls('member.whoami')).toHaveLength(1)
  // Once answered, the next load() asks again (a page coming back on screen refreshes who she is).
  const third = useSessionStore.getState().load()
  expect(cloud.calls('member.whoami')).toHaveLength(2)
  who.resolve(me({ member: member({ name: '钱文静' }) }))
  await third
})

test('an answer that arrives after sign-out (reset) is dropped: it may be the previous person', async () => {
  const who = held<ReturnType<typeof me>>()
  cloud.reply('member.whoami', who.answer)
  const pending = useSessionStore.getState().load()
  useSessionStore.getState().reset()
  who.resolve(me({ member: member({ name: '钱文静' }) }))
  expect(await pending).toBeNull()
  expect(useSessionStore.getState().me).toBeNull()
})

describe('长辈模式 首页 (a member of the 离退休干部党支部 starts in it)', () => {
  const retired = () =>
    me({ elderDefault: true, member: member({ name: '杨桂兰', branchName: '离退休干部党支部', role: 'member' }) })
  const at = (d: string) => `2026-11-${d}:00.000Z`
  const cards: TodayCard[] = [
    { kind: 'leave', id: 'm9', title: '十一月支部党员大会', at: at('28T01:00') },
    { kind: 'reading', id: 'a2', title: '学习贯彻党的二十届四中全会精神', at: at('30T15:00') },
    { kind: 'test', id: 'q1', title: '七一党内法规知识测试', at: at('25T10:00') },
    { kind: 'reading', id: 'a1', title: '《中国共产党章程》第一章', at: at('24T15:00') },
    { kind: 'signIn', id: 'm1', title: '十一月主题党日', at: at('23T01:30') },
  ]
  afterEach(() => {
    Taro.clearStorageSync()
    applyElder(false)
  })

  test('shows the three things due soonest, big rows with their action, says how many more wait, and no grid', async () => {
    cloud.reply('member.whoami', retired())
    cloud.reply('member.today', { cards })
    const { container } = render(<HomePage />)

    await waitFor(() => expect(container.querySelectorAll('#home-today .kit-info-row')).toHaveLength(3))
    expect(document.documentElement).toHaveClass('elder')
    const rows = [...container.querySelectorAll('#home-today .kit-info-row')].map((r) => r.textContent)
    expect(rows).toEqual([
      expect.stringMatching(/^签到：十一月主题党日.*扫码/),
      expect.stringMatching(/^必读：《中国共产党章程》第一章.*去阅读/),
      expect.stringMatching(/^测试：七一党内法规知识测试.*去答题/),
    ])
    expect(screen.getByText('先办这 3 件，另有 2 件办完后显示')).toBeInTheDocument()
    // The areas are rows with their description, not the two-column grid; tapping one still opens it.
    expect(container.querySelector('.home-grid')).toBeNull()
    fireEvent.click(container.querySelector('#home-area-meeting')!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/meeting/pages/index' })
    fireEvent.click(screen.getByText(/^必读：《中国共产党章程》/))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/study/pages/article/index?id=a1' })
  })

  test('refreshing is a button (no pull needed): it asks again who she is and what is due', async () => {
    cloud.reply('member.whoami', retired())
    let due: typeof cards = []
    cloud.reply('member.today', () => ({ cards: due }))
    render(<HomePage />)
    expect(await screen.findByText('现在没有要办的事')).toBeInTheDocument()
    const before = { who: cloud.calls('member.whoami').length, today: cloud.calls('member.today').length }
    due = cards.slice(4)
    fireEvent.click(screen.getByText('刷新'))
    expect(await screen.findByText('签到：十一月主题党日')).toBeInTheDocument()
    expect(cloud.calls('member.whoami').length).toBeGreaterThan(before.who)
    expect(cloud.calls('member.today').length).toBeGreaterThan(before.today)
    expect(screen.queryByText('现在没有要办的事')).toBeNull()
  })

  test('her own choice wins over the branch default: switched off, she gets the full 首页 with every card', async () => {
    setElderPref(false)
    cloud.reply('member.whoami', retired())
    cloud.reply('member.today', { cards })
    const { container } = render(<HomePage />)
    await waitFor(() => expect(container.querySelectorAll('#home-today .kit-info-row')).toHaveLength(5))
    expect(container.querySelector('.home-grid')).not.toBeNull()
    expect(document.documentElement).not.toHaveClass('elder')
    expect(screen.queryByText('刷新')).toBeNull()
  })
})
