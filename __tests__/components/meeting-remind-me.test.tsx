import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError } from '@/services/api-client'
import MeetingDetailPage from '@/packages/meeting/pages/detail/index'
import { RemindMe } from '@/packages/meeting/components/remind-me'
import { fakeCloud } from './support/cloud'
import { myMeeting } from './support/meetings'
import { setPageParams } from './support/taro-fake'

// 开会前提醒我: consent through WeChat's subscribe-message dialog, recorded as one credit by remind.subscribe, and the
// note saying what the member will get in each outcome.
let cloud: ReturnType<typeof fakeCloud>
const HOUR = 3600_000
const future = (h: number) => new Date(Date.now() + h * HOUR).toISOString()
const TPL = 'tpl-remind-1'
const consent = Taro.requestSubscribeMessage as unknown as jest.Mock
const tap = (c: HTMLElement) => fireEvent.click(c.querySelector('#detail-remind-me')!)
const note = (c: HTMLElement) => c.querySelector('#detail-remind-note')?.textContent

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
})

test('the meeting page offers it to an expected member before the meeting, and not once she asked for leave', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('remind.template', { templateId: TPL })
  cloud.reply('meeting.detail', { meeting: myMeeting({ startAt: future(5), endAt: future(6) }) })
  const { container, unmount } = render(<MeetingDetailPage />)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')).toHaveTextContent('开会前提醒我'))
  expect(note(container)).toBe('开会前 2 小时通过微信提醒您（每次授权提醒一次）')
  unmount()

  cloud = fakeCloud()
  cloud.reply('remind.template', { templateId: TPL })
  const leave = {
    id: 'mt1_m1',
    meetingId: 'mt1',
    meetingTitle: '支部党员大会',
    meetingStartAt: future(5),
    memberId: 'm1',
    memberName: '何雨桐',
    reason: '赴省厅参加业务培训',
    status: 'pending' as const,
    requestedAt: new Date().toISOString(),
    reviewedByName: null,
    reviewReason: null,
  }
  cloud.reply('meeting.detail', { meeting: myMeeting({ startAt: future(5), endAt: future(6), myLeave: leave }) })
  const second = render(<MeetingDetailPage />)
  expect(await screen.findByText('原因：赴省厅参加业务培训')).toBeInTheDocument()
  expect(second.container.querySelector('#detail-remind-me')).toBeNull()
})

test('hidden when the deployment has no reminder template: nothing to consent to', async () => {
  cloud.reply('remind.template', { templateId: null })
  const { container } = render(<RemindMe meetingId="mt1" asksWeChat />)
  await waitFor(() => expect(cloud.calls('remind.template')).toHaveLength(1))
  expect(container.querySelector('#detail-remind-me')).toBeNull()
})

test('accepting in WeChat’s dialog records one credit and says how many reminders she will get; again adds one', async () => {
  cloud.reply('remind.template', { templateId: TPL })
  cloud.reply('remind.subscribe', { credits: 1 })
  cloud.reply('remind.subscribe', { credits: 2 })
  consent.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [TPL]: 'accept' })
  const { container } = render(<RemindMe meetingId="mt1" asksWeChat />)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')).not.toBeNull())

  tap(container)
  await waitFor(() => expect(note(container)).toBe('已开启：开会前会通过微信提醒您（本次会议可收 1 条提醒）'))
  // The dialog asked for this template only, and the cloud was told only after the member answered.
  expect(consent).toHaveBeenCalledTimes(1)
  expect(consent.mock.calls[0][0]).toEqual(expect.objectContaining({ tmplIds: [TPL] }))
  expect(cloud.calls('remind.subscribe')).toEqual([{ templateId: TPL, accepted: true, meetingId: 'mt1' }])
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已开启提醒', icon: 'none' })
  expect(container.querySelector('#detail-remind-me')).toHaveTextContent('再授权一次')

  tap(container)
  await waitFor(() => expect(note(container)).toBe('已开启：开会前会通过微信提醒您（本次会议可收 2 条提醒）'))
  expect(consent).toHaveBeenCalledTimes(2)
  expect(cloud.calls('remind.subscribe')).toHaveLength(2)
})

test('declining is recorded as declined (no credit) and the note says no reminder will come', async () => {
  cloud.reply('remind.template', { templateId: TPL })
  cloud.reply('remind.subscribe', { credits: 0 })
  consent.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [TPL]: 'reject' })
  const { container } = render(<RemindMe meetingId="mt1" asksWeChat />)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')).not.toBeNull())
  tap(container)
  await waitFor(() => expect(note(container)).toBe('您没有同意，开会前不会收到微信提醒'))
  expect(cloud.calls('remind.subscribe')).toEqual([{ templateId: TPL, accepted: false, meetingId: 'mt1' }])
  expect(Taro.showToast).not.toHaveBeenCalled()
  expect(container.querySelector('#detail-remind-me')).toHaveTextContent('开会前提醒我')
})

test('subscriptions switched off in WeChat (errCode 20004): she is told where to turn them on, nothing recorded', async () => {
  cloud.reply('remind.template', { templateId: TPL })
  consent.mockRejectedValue({ errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' })
  const { container } = render(<RemindMe meetingId="mt1" asksWeChat />)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')).not.toBeNull())
  tap(container)
  await waitFor(() => expect(note(container)).toContain('微信的订阅消息已关闭'))
  expect(note(container)).toContain('设置')
  expect(cloud.calls('remind.subscribe')).toEqual([])
})

test('the cloud failing to record it shows its Chinese message, the button stays usable, and a retry succeeds', async () => {
  cloud.reply('remind.template', { templateId: TPL })
  cloud.fail('remind.subscribe', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
  cloud.reply('remind.subscribe', { credits: 1 })
  consent.mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', [TPL]: 'accept' })
  const { container } = render(<RemindMe meetingId="mt1" asksWeChat />)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')).not.toBeNull())
  tap(container)
  await waitFor(() => expect(note(container)).toBe('网络不给力，请检查网络后重试'))
  expect(container.querySelector('#detail-remind-me')!.getAttribute('aria-disabled')).not.toBe('true')
  tap(container)
  await waitFor(() => expect(note(container)).toBe('已开启：开会前会通过微信提醒您（本次会议可收 1 条提醒）'))
})

test('while WeChat’s dialog is open the button is busy, so a second tap cannot ask twice', async () => {
  cloud.reply('remind.template', { templateId: TPL })
  cloud.reply('remind.subscribe', { credits: 1 })
  let answer: (r: unknown) => void = () => {}
  consent.mockImplementation(() => new Promise((r) => (answer = r)))
  const { container } = render(<RemindMe meetingId="mt1" asksWeChat />)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')).not.toBeNull())
  tap(container)
  await waitFor(() => expect(container.querySelector('#detail-remind-me')!.getAttribute('aria-disabled')).toBe('true'))
  tap(container)
  expect(consent).toHaveBeenCalledTimes(1)
  answer({ errMsg: 'requestSubscribeMessage:ok', [TPL]: 'accept' })
  await waitFor(() => expect(note(container)).toContain('可收 1 条提醒'))
  expect(cloud.calls('remind.subscribe')).toHaveLength(1)
})
