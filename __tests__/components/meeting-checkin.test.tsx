import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { ApiError } from '@/services/api-client'
import CheckInPage from '@/packages/meeting/pages/checkin/index'
import { ERRORS } from '@/contract/errors'
import { fakeCloud } from './support/cloud'
import { typeInto } from './support/helpers'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
})

async function paste(container: HTMLElement, token: string) {
  await typeInto(container, 'checkin-token', token)
  fireEvent.click(container.querySelector('#checkin-submit')!)
}

test('a pasted code signs the member in and shows 签到成功 with the time', async () => {
  cloud.reply('meeting.checkIn', {
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    status: 'present',
    at: '2026-07-01T00:58:00.000Z',
    already: false,
  })
  const { container } = render(<CheckInPage />)
  await paste(container, 'm.mt1.178000000.sig')

  expect(await screen.findByText('签到成功')).toBeInTheDocument()
  expect(screen.getByText('签到时间 2026-07-01 08:58')).toBeInTheDocument()
  expect(cloud.calls('meeting.checkIn')).toEqual([{ token: 'm.mt1.178000000.sig' }])
})

test('a second scan shows 已签到 with the first sign-in time', async () => {
  cloud.reply('meeting.checkIn', {
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    status: 'present',
    at: '2026-07-01T00:58:00.000Z',
    already: true,
  })
  const { container } = render(<CheckInPage />)
  await paste(container, 'm.mt1.178000001.sig')

  expect(await screen.findByText('已签到（首次签到时间 2026-07-01 08:58）')).toBeInTheDocument()
  expect(screen.queryByText('签到成功')).not.toBeInTheDocument()
})

test('a late sign-in says so', async () => {
  cloud.reply('meeting.checkIn', {
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    status: 'late',
    at: '2026-07-01T01:12:00.000Z',
    already: false,
  })
  const { container } = render(<CheckInPage />)
  await paste(container, 'm.mt1.178000002.sig')
  expect(await screen.findByText('签到成功 · 迟到')).toBeInTheDocument()
})

test('an expired code shows the Chinese error and asks to scan the newest code again', async () => {
  cloud.fail('meeting.checkIn', new ApiError('MEETING_TOKEN_EXPIRED', ERRORS.MEETING_TOKEN_EXPIRED))
  const { container } = render(<CheckInPage />)
  await paste(container, 'm.mt1.177000000.sig')

  expect(await screen.findByText('签到码已过期')).toBeInTheDocument()
  expect(screen.getByText(ERRORS.MEETING_TOKEN_EXPIRED)).toBeInTheDocument()
  expect(screen.getByText('二维码每 10 秒更新一次，截图或转发的二维码很快就会失效')).toBeInTheDocument()
  // 重新扫码 brings back the paste field (H5 without a camera).
  fireEvent.click(screen.getByText('重新扫码'))
  await waitFor(() => expect(container.querySelector('#checkin-submit')).not.toBeNull())
})

test('a member not on the list sees why', async () => {
  cloud.fail('meeting.checkIn', new ApiError('MEETING_NOT_EXPECTED', ERRORS.MEETING_NOT_EXPECTED))
  const { container } = render(<CheckInPage />)
  await paste(container, 'm.mt1.178000003.sig')
  expect(await screen.findByText('签到失败')).toBeInTheDocument()
  expect(screen.getByText(ERRORS.MEETING_NOT_EXPECTED)).toBeInTheDocument()
})

test('opened from a printed code, the page signs in with the scene straight away', async () => {
  setPageParams({ scene: encodeURIComponent('s.mt1abcdef0123.abcdefabcdef') })
  cloud.reply('meeting.checkIn', {
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    status: 'present',
    at: '2026-07-01T00:50:00.000Z',
    already: false,
  })
  render(<CheckInPage />)
  expect(await screen.findByText('签到成功')).toBeInTheDocument()
  expect(cloud.calls('meeting.checkIn')).toEqual([{ token: 's.mt1abcdef0123.abcdefabcdef' }])
})

test('an empty paste is refused without calling the cloud', async () => {
  const { container } = render(<CheckInPage />)
  await waitFor(() => expect(container.querySelector('#checkin-submit')).not.toBeNull())
  fireEvent.click(container.querySelector('#checkin-submit')!)
  expect(await screen.findByText('请粘贴完整的签到码')).toBeInTheDocument()
  expect(cloud.calls('meeting.checkIn')).toEqual([])
})

test("首页's sign-in card (scan=1) opens the camera at once in a phone browser, and the code read signs her in", async () => {
  const getUserMedia = jest.fn().mockResolvedValue({ getTracks: () => [{ stop: jest.fn() }] })
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } })
  const w = window as unknown as { BarcodeDetector?: unknown }
  w.BarcodeDetector = class {
    async detect() {
      return [{ rawValue: 'm.mt1.178000000.sig' }]
    }
  }
  const play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  cloud.reply('meeting.checkIn', {
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    status: 'present',
    at: '2026-07-01T00:58:00.000Z',
    already: false,
  })
  setPageParams({ scan: '1' })
  try {
    const { container } = render(<CheckInPage />)
    expect(await screen.findByText('签到成功')).toBeInTheDocument()
    // No tap on 扫码签到 was needed: the card's tap was the one.
    expect(container.querySelector('#checkin-camera')).toBeNull()
    expect(getUserMedia).toHaveBeenCalledTimes(1)
    expect(cloud.calls('meeting.checkIn')).toEqual([{ token: 'm.mt1.178000000.sig' }])
  } finally {
    play.mockRestore()
    delete w.BarcodeDetector
    Reflect.deleteProperty(navigator, 'mediaDevices')
  }
})
