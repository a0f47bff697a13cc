import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MeetingBoardPage from '@/packages/admin/pages/meeting-board/index'
import MeetingQrPage from '@/packages/admin/pages/meeting-qr/index'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'
import { typeInto, typeIntoTextarea } from './support/helpers'
import { meetingView, row, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ id: 'mt1' })
})

const rowOf = (container: HTMLElement, memberId: string) =>
  waitFor(() => {
    const el = container.querySelector(`[data-member-id="${memberId}"]`) as HTMLElement | null
    if (!el) throw new Error('not yet')
    return el
  })

const future = () => new Date(Date.now() + 3600_000)

test('the figures add up on screen: 已到 includes 迟到, and unbound members among 未到 are counted', async () => {
  cloud.reply('meeting.board', {
    meeting: meetingView({ startAt: '2026-07-01T01:00:00.000Z' }),
    tally: tallyOf({ expected: 8, present: 3, late: 1, leave: 1, pending: 3, rate: 4 / 7 }),
    rows: [row({ memberId: 'm1', name: '周明', unbound: true })],
    unboundMissing: 1,
  })
  const { container } = render(<MeetingBoardPage />)
  expect(await screen.findByText('应到 8 = 已到 4 + 请假 1 + 未到 3')).toBeInTheDocument()
  expect(screen.getByText('含迟到 1')).toBeInTheDocument()
  expect(screen.getByText('未绑定 1')).toBeInTheDocument()
  expect(within(await rowOf(container, 'm1')).getByText('未绑定')).toBeInTheDocument()
})

test('出勤率 is not shown before the meeting starts', async () => {
  const start = future()
  cloud.reply('meeting.board', {
    meeting: meetingView({ startAt: start.toISOString(), endAt: new Date(start.getTime() + 3600_000).toISOString() }),
    tally: tallyOf({ expected: 3, pending: 3, rate: 0 }),
    rows: [],
  })
  render(<MeetingBoardPage />)
  expect(await screen.findByText(/会议开始后显示出勤率/)).toBeInTheDocument()
  expect(screen.queryByText(/出勤率 0%/)).not.toBeInTheDocument()
})

test('a pending leave request shows beside the member and is approved in one tap', async () => {
  const he = row({ memberId: 'm3', name: '何雨桐', pendingLeave: { leaveId: 'mt1_m3', reason: '出差在外' } })
  cloud.reply('meeting.board', { meeting: meetingView(), tally: tallyOf(), rows: [he] })
  cloud.reply('meeting.board', {
    meeting: meetingView(),
    tally: tallyOf({ leave: 1, pending: 0 }),
    rows: [{ ...he, status: 'leave', pendingLeave: null }],
  })
  cloud.reply('meeting.reviewLeave', { leave: {} as never })
  const { container } = render(<MeetingBoardPage />)
  const r = await rowOf(container, 'm3')
  expect(within(r).getByText('请假待批：出差在外')).toBeInTheDocument()
  fireEvent.click(within(r).getByText('批准'))
  await waitFor(() => expect(cloud.calls('meeting.reviewLeave')).toEqual([{ leaveId: 'mt1_m3', approve: true }]))
  // One tap: the row's own mark sheet did not open.
  expect(Taro.showActionSheet).not.toHaveBeenCalled()
  await waitFor(() => expect(screen.queryByText('请假待批：出差在外')).not.toBeInTheDocument())
})

test('a 补录 sends the arrival time the organiser states, on the meeting day in China time', async () => {
  const qian = row({ memberId: 'm1', name: '钱文静' })
  cloud.reply('meeting.board', { meeting: meetingView(), tally: tallyOf(), rows: [qian] })
  cloud.reply('meeting.mark', { row: qian })
  ;(Taro.showActionSheet as jest.Mock).mockResolvedValueOnce({ tapIndex: 0 })
  const { container } = render(<MeetingBoardPage />)
  fireEvent.click(await rowOf(container, 'm1'))
  const dialog = await screen.findByRole('dialog')
  await typeInto(dialog, 'mark-time', '9:03')
  await typeIntoTextarea(dialog, 'reason-input', '纸质签到表')
  fireEvent.click(within(dialog).getByText('确定'))
  await waitFor(() =>
    expect(cloud.calls('meeting.mark')).toEqual([
      { meetingId: 'mt1', memberId: 'm1', status: 'present', reason: '纸质签到表', at: '2026-07-01T09:03:00+08:00' },
    ]),
  )
})

test('the organiser taps 我已到会 on the code screen and sees her time', async () => {
  cloud.reply('meeting.board', { meeting: meetingView(), tally: tallyOf(), rows: [] })
  cloud.reply('meeting.qrToken', { token: 'm.mt1.1.sig', expiresInMs: 10_000, signedIn: 2 })
  cloud.fail(
    'meeting.organiserPresent',
    new ApiError('MEETING_WINDOW_NOT_OPEN', '签到尚未开始，将于 2026-07-01 08:30 开放'),
  )
  cloud.reply('meeting.organiserPresent', {
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    status: 'present',
    at: '2026-07-01T00:58:00.000Z',
    already: false,
  })
  render(<MeetingQrPage />)
  fireEvent.click(await screen.findByText('我已到会'))
  expect(await screen.findByText('签到尚未开始，将于 2026-07-01 08:30 开放')).toBeInTheDocument()
  fireEvent.click(screen.getByText('我已到会'))
  expect(await screen.findByText('您已签到（08:58）')).toBeInTheDocument()
  expect(screen.queryByText('我已到会')).not.toBeInTheDocument()
})

test('投屏模式 shows the code and the count without printing the token text', async () => {
  cloud.reply('meeting.board', { meeting: meetingView(), tally: tallyOf(), rows: [] })
  cloud.reply('meeting.qrToken', { token: 'm.mt1.1.sig', expiresInMs: 10_000, signedIn: 5 })
  const { container } = render(<MeetingQrPage />)
  await waitFor(() => expect(container.querySelector('#qr-token')!.getAttribute('data-token')).toBe('m.mt1.1.sig'))
  expect(container.querySelector('#qr-token')!.textContent).toBe('m.mt1.1.sig')
  fireEvent.click(screen.getByText('投屏模式'))
  await waitFor(() => expect(container.querySelector('.qr-projector')).not.toBeNull())
  expect(container.querySelector('#qr-token')!.textContent).toBe('')
  expect(container.querySelector('#qr-token')!.getAttribute('data-token')).toBe('m.mt1.1.sig')
  expect(container.querySelector('#qr-count')!.textContent).toContain('5')
  expect(screen.getByText('退出投屏')).toBeInTheDocument()
})
