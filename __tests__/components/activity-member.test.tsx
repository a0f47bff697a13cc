import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ERRORS } from '@/contract/errors'
import { ApiError } from '@/services/api-client'
import ActivityCheckInPage from '@/packages/activity/pages/checkin/index'
import ActivityDetailPage from '@/packages/activity/pages/detail/index'
import HoursPage from '@/packages/activity/pages/hours/index'
import ActivityTab from '@/pages/activity/index'
import { invalidate } from '@/remote/cache'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, typeInto } from './support/helpers'
import { activityView, signupView } from './support/study-activity'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  // The tab pages are for bound members; who the caller is comes from the session.
  useSessionStore.setState({ me: me() })
  setPageParams({ id: 'ac1' })
})

const withVest = activityView({
  extraFields: [
    { key: 'f1', label: '马甲尺码', type: 'select', options: ['S', 'M', 'L', 'XL'], required: true },
    { key: 'f2', label: '备注', type: 'text' },
  ],
})

test('the sign-up form refuses a missing required extra field without calling the cloud, then sends the answers', async () => {
  cloud.reply('activity.detail', { activity: withVest, mine: null, subscribeTemplateId: 'tpl_promoted' })
  cloud.reply('activity.signup', {
    signup: signupView({ extra: [{ key: 'f1', value: 'L' }] }),
    already: false,
    activity: { ...withVest, taken: 2, placesLeft: 1 },
  })
  const { container } = render(<ActivityDetailPage />)
  await screen.findByText('幸福里社区环境整治')

  fireEvent.click(container.querySelector('#act-signup')!)
  expect(await screen.findByText('请选择“马甲尺码”')).toBeInTheDocument()
  expect(cloud.calls('activity.signup')).toEqual([])

  fireEvent.click(container.querySelector('#extra-f1 [data-option="L"]')!)
  fireEvent.click(container.querySelector('#act-signup')!)
  await waitFor(() =>
    expect(cloud.calls('activity.signup')).toEqual([{ activityId: 'ac1', extra: [{ key: 'f1', value: 'L' }] }]),
  )
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '报名成功', icon: 'success' }))
  expect(await screen.findByText('马甲尺码：L')).toBeInTheDocument()
  // The places come from the sign-up's answer: the page does not read the activity again.
  expect(container.querySelector('#act-places')).toHaveTextContent('剩余 1')
  expect(cloud.calls('activity.detail')).toHaveLength(1)
})

test('a member on the waitlist sees 候补第 N 位 and can cancel after confirming', async () => {
  cloud.reply('activity.detail', {
    activity: activityView({ placesLeft: 0, taken: 3, waitlistCount: 2 }),
    mine: signupView({ status: 'waitlisted', statusLabel: '候补', position: 2 }),
    subscribeTemplateId: 'tpl_promoted',
  })
  cloud.reply('activity.cancel', {
    signup: signupView({ status: 'cancelled', statusLabel: '已取消' }),
    promoted: false,
    activity: activityView({ placesLeft: 0, taken: 3, waitlistCount: 1 }),
  })
  const { container } = render(<ActivityDetailPage />)
  await waitFor(() => expect(container.querySelector('#act-my-status')).toHaveTextContent('候补第 2 位'))
  expect(container.querySelector('#act-places')).toHaveTextContent('共 3 个，已满·可候补，候补 2 人')

  fireEvent.click(container.querySelector('#act-cancel')!)
  await waitFor(() => expect(cloud.calls('activity.cancel')).toEqual([{ activityId: 'ac1' }]))
  expect(Taro.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '取消报名', content: '取消后将退出候补名单，确定取消吗？' }),
  )
  // The waitlist as the cancellation left it, from its answer alone.
  await waitFor(() => expect(container.querySelector('#act-places')).toHaveTextContent('候补 1 人'))
  expect(cloud.calls('activity.detail')).toHaveLength(1)
})

test('landing on the waitlist offers the promotion notice and records the consent', async () => {
  cloud.reply('activity.detail', {
    activity: activityView({ placesLeft: 0, taken: 3 }),
    mine: null,
    subscribeTemplateId: 'tpl_promoted',
  })
  cloud.reply('activity.signup', {
    signup: signupView({ status: 'waitlisted', statusLabel: '候补', position: 1 }),
    already: false,
    activity: activityView({ placesLeft: 0, taken: 3, waitlistCount: 1 }),
  })
  cloud.reply('activity.subscribe', { credits: 1 })
  const { container } = render(<ActivityDetailPage />)
  await screen.findByText('报名候补')
  fireEvent.click(container.querySelector('#act-signup')!)

  await waitFor(() =>
    expect(cloud.calls('activity.subscribe')).toEqual([{ templateId: 'tpl_promoted', accepted: true }]),
  )
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '有名额时通知我' }))
  expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已进入候补，第 1 位' }))
})

test('a refused sign-up shows the Chinese reason under the form', async () => {
  cloud.reply('activity.detail', {
    activity: activityView({ rotationMonths: 12, subType: '疗休养' }),
    mine: null,
    subscribeTemplateId: 'tpl_promoted',
  })
  cloud.fail('activity.signup', new ApiError('ACTIVITY_ROTATION', ERRORS.ACTIVITY_ROTATION))
  const { container } = render(<ActivityDetailPage />)
  await screen.findByText(/近 12 个月内参加过“疗休养”/)
  fireEvent.click(container.querySelector('#act-signup')!)
  await waitFor(() => expect(container.querySelector('#act-form-error')).toHaveTextContent(ERRORS.ACTIVITY_ROTATION))
})

test('checking out shows 签退成功 with the hours', async () => {
  cloud.reply('activity.checkIn', {
    activityId: 'ac1',
    activityTitle: '幸福里社区环境整治',
    mode: 'out',
    at: '2099-07-04T04:00:00.000Z',
    already: false,
    hours: 2.5,
  })
  const { container } = render(<ActivityCheckInPage />)
  await typeInto(container, 'activity-token', 'a.ac1:out.123.sig')
  fireEvent.click(container.querySelector('#activity-checkin-submit')!)
  expect(await screen.findByText('签退成功')).toBeInTheDocument()
  expect(container.querySelector('#activity-checkin-hours')).toHaveTextContent('本次服务时长 2.5 小时')
  expect(cloud.calls('activity.checkIn')).toEqual([{ token: 'a.ac1:out.123.sig' }])
})

test('checking in says 签到成功 without hours', async () => {
  cloud.reply('activity.checkIn', {
    activityId: 'ac1',
    activityTitle: '幸福里社区环境整治',
    mode: 'in',
    at: '2099-07-04T01:00:00.000Z',
    already: false,
    hours: null,
  })
  const first = render(<ActivityCheckInPage />)
  await typeInto(first.container, 'activity-token', 'a.ac1:in.123.sig')
  fireEvent.click(first.container.querySelector('#activity-checkin-submit')!)
  expect(await screen.findByText('签到成功')).toBeInTheDocument()
  expect(first.container.querySelector('#activity-checkin-hours')).toBeNull()
})

test('an expired on-site code says so in Chinese', async () => {
  cloud.fail('activity.checkIn', new ApiError('MEETING_TOKEN_EXPIRED', ERRORS.MEETING_TOKEN_EXPIRED))
  const { container } = render(<ActivityCheckInPage />)
  await typeInto(container, 'activity-token', 'a.ac1:in.100.sig')
  fireEvent.click(container.querySelector('#activity-checkin-submit')!)
  expect(await screen.findByText('签到码已过期')).toBeInTheDocument()
  expect(screen.getByText(ERRORS.MEETING_TOKEN_EXPIRED)).toBeInTheDocument()
})

test('in a phone browser the camera reads the on-site code and checks in with it, then turns the camera off', async () => {
  const stop = jest.fn()
  const getUserMedia = jest.fn().mockResolvedValue({ getTracks: () => [{ stop }] })
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } })
  // The browser's own decoder, where there is one (Chromium on Android); jsQR stands in elsewhere (qr-decode.test).
  const w = window as unknown as { BarcodeDetector?: unknown }
  w.BarcodeDetector = class {
    async detect() {
      return [{ rawValue: ' a.ac1:in.123.sig ' }]
    }
  }
  const play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  cloud.reply('activity.checkIn', {
    activityId: 'ac1',
    activityTitle: '幸福里社区环境整治',
    mode: 'in',
    at: '2099-07-04T01:00:00.000Z',
    already: false,
    hours: null,
  })
  try {
    const { container } = render(<ActivityCheckInPage />)
    // The paste field stays as the fallback beside the camera.
    expect(container.querySelector('#activity-checkin-submit')).not.toBeNull()
    fireEvent.click(container.querySelector('#activity-camera')!)
    expect(await screen.findByText('签到成功')).toBeInTheDocument()
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: 'environment' }, audio: false })
    expect(cloud.calls('activity.checkIn')).toEqual([{ token: 'a.ac1:in.123.sig' }])
    expect(stop).toHaveBeenCalled()
  } finally {
    play.mockRestore()
    delete w.BarcodeDetector
    Reflect.deleteProperty(navigator, 'mediaDevices')
  }
})

test('without a camera (no getUserMedia) the page offers only the paste field', () => {
  const { container } = render(<ActivityCheckInPage />)
  expect(container.querySelector('#activity-camera')).toBeNull()
  expect(container.querySelector('#activity-checkin-submit')).not.toBeNull()
})

test('a sign-up shows at once on the 活动 tab it was opened from (the tab stays open beneath the detail)', async () => {
  let placesLeft = 2
  const plain = activityView({ id: 'ac1', title: '幸福里社区环境整治', extraFields: [] })
  cloud.reply('activity.list', () => ({
    items: [{ ...plain, placesLeft, taken: 3 - placesLeft, mine: null }],
    total: 1,
    page: 1,
    pageSize: 20,
  }))
  cloud.reply('activity.myHours', { year: 2026, totalHours: 0, items: [] })
  render(<ActivityTab />)
  expect(await screen.findByText('剩余 2 个名额')).toBeInTheDocument()

  cloud.reply('activity.detail', { activity: plain, mine: null, subscribeTemplateId: null })
  cloud.reply('activity.signup', () => {
    placesLeft = 1
    return { signup: signupView(), already: false, activity: { ...plain, taken: 2, placesLeft: 1 } }
  })
  const { container } = render(<ActivityDetailPage />)
  await waitFor(() => expect(container.querySelector('#act-signup')).not.toBeNull())
  fireEvent.click(container.querySelector('#act-signup')!)
  expect(await screen.findByText('剩余 1 个名额')).toBeInTheDocument()
  expect(cloud.calls('activity.list')).toHaveLength(2)
})

test("the 活动 tab shows places left, the member status and this year's hours", async () => {
  cloud.reply('activity.list', {
    items: [
      { ...activityView({ id: 'a1', title: '有名额的活动' }), mine: null },
      {
        ...activityView({ id: 'a2', title: '满员可候补', placesLeft: 0, taken: 3 }),
        mine: signupView({ status: 'waitlisted', statusLabel: '候补', position: 3 }),
      },
      {
        ...activityView({
          id: 'a3',
          title: '健步走',
          kind: 'union',
          kindLabel: '工会活动',
          subType: '职工健步走',
          capacity: null,
          placesLeft: null,
        }),
        mine: null,
      },
    ],
    total: 3,
    page: 1,
    pageSize: 20,
  })
  cloud.reply('activity.myHours', { year: 2026, totalHours: 7.5, items: [] })
  const { container } = render(<ActivityTab />)
  expect(await screen.findByText('剩余 2 个名额')).toBeInTheDocument()
  expect(screen.getByText('已满·可候补')).toBeInTheDocument()
  expect(screen.getByText('不限名额')).toBeInTheDocument()
  expect(screen.getByText('候补第 3 位')).toBeInTheDocument()
  await waitFor(() => expect(container.querySelector('#act-hours')).toHaveTextContent('7.5 小时'))

  fireEvent.click(container.querySelector('#act-filter-mine')!)
  await waitFor(() => expect(cloud.calls('activity.list')).toContainEqual({ page: 1, filter: 'mine' }))
})

test('a finished activity says 已结束 and shows no places left to take', async () => {
  cloud.reply('activity.list', {
    items: [
      {
        ...activityView({
          id: 'old',
          title: '上月义诊',
          startAt: '2026-01-04T01:00:00.000Z',
          endAt: '2026-01-04T04:00:00.000Z',
          signupState: 'closed',
        }),
        mine: null,
      },
    ],
    total: 1,
    page: 1,
    pageSize: 20,
  })
  cloud.reply('activity.myHours', { year: 2026, totalHours: 0, items: [] })
  const { container } = render(<ActivityTab />)
  expect(await screen.findByText('上月义诊')).toBeInTheDocument()
  expect(container.querySelector('[data-activity-id="old"]')).toHaveTextContent('已结束')
  expect(screen.queryByText(/剩余/)).toBeNull()
})

test('a member waiting for approval sees that on the 活动 tab, not 加载失败, and nothing is asked of the cloud', async () => {
  useSessionStore.setState({ me: me({ member: null, pending: { name: '周明', branchName: '办公室党支部' } }) })
  render(<ActivityTab />)
  expect(screen.getByText('等待支部审核')).toBeInTheDocument()
  expect(screen.getByText('查看或修改申请')).toBeInTheDocument()
  expect(screen.queryByText('加载失败')).toBeNull()
  expect(cloud.calls('activity.list')).toEqual([])
})

test('the check-in button appears only once on-site check-in opens; before that the page says when', async () => {
  const started = Date.now() - 5 * 60_000
  let activity = activityView()
  cloud.reply('activity.detail', () => ({
    activity,
    mine: signupView({ status: 'confirmed', statusLabel: '报名成功' }),
    subscribeTemplateId: null,
  }))
  const first = render(<ActivityDetailPage />)
  await waitFor(() => expect(first.container.querySelector('#act-scan-later')).toHaveTextContent('现场签到将于'))
  expect(screen.queryByText('扫码签到')).toBeNull()
  first.unmount()
  // A later visit: the first answer is no longer fresh, so the page asks again (the cache keeps one 2 s at most).
  invalidate(['activity.detail'])

  // Started five minutes ago: on-site check-in opened at the start.
  activity = activityView({
    startAt: new Date(started).toISOString(),
    endAt: new Date(started + 3 * 3600_000).toISOString(),
  })
  render(<ActivityDetailPage />)
  expect(await screen.findByText('扫码签到')).toBeInTheDocument()
  expect(screen.queryByText(/现场签到将于/)).toBeNull()
})

test('志愿服务时长 lists this year’s services with their hours and the total, or says how hours are earned', async () => {
  cloud.reply('activity.myHours', {
    year: 2026,
    totalHours: 5.5,
    items: [
      { activityId: 'a1', title: '社区助老服务', startAt: '2026-10-12T01:00:00.000Z', hours: 3 },
      { activityId: 'a2', title: '义务植树', startAt: '2026-03-12T01:00:00.000Z', hours: 2.5 },
    ],
  })
  const first = render(<HoursPage />)
  expect(await screen.findByText('2026 年志愿服务时长')).toBeInTheDocument()
  expect(first.container.querySelector('#hours-total')).toHaveTextContent('5.5 小时')
  expect(screen.getByText('社区助老服务').closest('.act-hours-item')).toHaveTextContent('3.0 小时')
  first.unmount()

  cloud = fakeCloud()
  cloud.reply('activity.myHours', { year: 2026, totalHours: 0, items: [] })
  render(<HoursPage />)
  expect(await screen.findByText('今年还没有志愿服务记录')).toBeInTheDocument()
})
