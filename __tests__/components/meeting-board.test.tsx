import './support/mock-boundaries'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MeetingBoardPage from '@/packages/admin/pages/meeting-board/index'
import { fakeCloud } from './support/cloud'
import { typeIntoTextarea } from './support/helpers'
import { meetingView, row, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ id: 'mt1' })
})

const qian = row({ memberId: 'm1', name: '钱文静' })
const sun = row({ memberId: 'm2', name: '孙浩然', status: 'present', at: '2026-07-01T00:55:00.000Z', method: 'scan' })
const he = row({ memberId: 'm3', name: '何雨桐', status: 'leave' })

async function rowOf(container: HTMLElement, memberId: string) {
  return waitFor(() => {
    const el = container.querySelector(`[data-member-id="${memberId}"]`) as HTMLElement | null
    if (!el) throw new Error('not yet')
    return el
  })
}

test('the board shows the counts and groups rows by status', async () => {
  cloud.reply('meeting.board', {
    meeting: meetingView(),
    tally: tallyOf({ present: 1, leave: 1, pending: 1, rate: 0.5 }),
    rows: [qian, sun, he],
  })
  const { container } = render(<MeetingBoardPage />)
  await rowOf(container, 'm1')

  const figure = (key: string) => container.querySelector(`[data-figure="${key}"] .board-figure-value`)!.textContent
  expect(figure('expected')).toBe('3')
  expect(figure('came')).toBe('1')
  expect(figure('leave')).toBe('1')
  expect(figure('missing')).toBe('1')
  expect(screen.getByText('未到（1）')).toBeInTheDocument()
  expect(screen.getByText('已到（1）')).toBeInTheDocument()
  expect(screen.getByText('请假（1）')).toBeInTheDocument()
  expect(screen.getByText('出勤率 50% · 每 5 秒自动刷新')).toBeInTheDocument()
})

test('tapping a row marks the member late with a reason, and the row then shows who marked it', async () => {
  const marked = {
    ...qian,
    status: 'late' as const,
    at: '2026-07-01T01:10:00.000Z',
    method: 'manual' as const,
    markedBy: '由 李秀英 代签/补录',
    reason: '手机没电，现场签字',
  }
  cloud.reply('meeting.board', { meeting: meetingView(), tally: tallyOf(), rows: [qian, sun, he] })
  cloud.reply('meeting.board', {
    meeting: meetingView(),
    tally: tallyOf({ late: 1, pending: 0 }),
    rows: [marked, sun, he],
  })
  cloud.reply('meeting.mark', { row: marked })
  ;(Taro.showActionSheet as jest.Mock).mockResolvedValueOnce({ tapIndex: 1 })
  const { container } = render(<MeetingBoardPage />)

  fireEvent.click(await rowOf(container, 'm1'))
  const dialog = await screen.findByRole('dialog')
  expect(within(dialog).getByText('标记迟到：钱文静')).toBeInTheDocument()
  // No reason yet: refused in place, nothing sent.
  fireEvent.click(within(dialog).getByText('确定'))
  expect(await within(dialog).findByText('请填写原因（至少 2 个字）')).toBeInTheDocument()
  expect(cloud.calls('meeting.mark')).toEqual([])

  await typeIntoTextarea(dialog, 'reason-input', '手机没电，现场签字')
  fireEvent.click(within(dialog).getByText('确定'))

  await waitFor(() =>
    expect(cloud.calls('meeting.mark')).toEqual([
      { meetingId: 'mt1', memberId: 'm1', status: 'late', reason: '手机没电，现场签字' },
    ]),
  )
  expect(await screen.findByText('由 李秀英 代签/补录：手机没电，现场签字')).toBeInTheDocument()
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
})

test('closing the meeting asks first and says how many will count as absent', async () => {
  cloud.reply('meeting.board', {
    meeting: meetingView(),
    tally: tallyOf({ present: 1, leave: 1, pending: 1 }),
    rows: [qian, sun, he],
  })
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  render(<MeetingBoardPage />)

  fireEvent.click(await screen.findByText('结束会议'))
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '结束会议', content: expect.stringContaining('还有 1 人未签到且未请假') }),
    ),
  )
  expect(cloud.calls('meeting.close')).toEqual([])
})

/** The board asked for and refused with `code`: its page once the message is shown. */
async function boardRefused(code: string, message: string) {
  const { ApiError } = jest.requireActual('@/services/api-client')
  cloud.fail('meeting.board', new ApiError(code, message))
  render(<MeetingBoardPage />)
  expect(await screen.findByText(message)).toBeInTheDocument()
}

test('a board that fails to load shows the message and a retry', async () => {
  await boardRefused('NETWORK', '网络不给力，请检查网络后重试')
  expect(screen.getByText('加载失败')).toBeInTheDocument()
  expect(screen.getByText('重新加载')).toBeInTheDocument()
})

test('another branch’s board is not a failure: 无权查看, without a retry that would be refused the same way', async () => {
  await boardRefused('OUT_OF_SCOPE', '只能查看或管理本支部的数据')
  expect(screen.getByText('无权查看')).toBeInTheDocument()
  expect(screen.queryByText('加载失败')).toBeNull()
  expect(screen.queryByText('重新加载')).toBeNull()
})

test('一键提醒 on a running meeting asks the cloud once, then says when it may be used again and what went out', async () => {
  cloud.reply('meeting.board', {
    meeting: meetingView(),
    tally: tallyOf({ present: 1, leave: 1, pending: 1, rate: 0.5 }),
    rows: [qian, sun, he],
  })
  cloud.reply('remind.log', { jobs: [], nextManualAt: null, templateId: 'tpl' })
  cloud.reply('remind.log', {
    jobs: [
      {
        id: 'manual_meeting_mt1_1',
        rule: 'manual',
        byName: '李秀英',
        createdAt: '2026-07-01T00:40:00.000Z',
        finishedAt: '2026-07-01T00:41:00.000Z',
        recipients: 1,
        sent: 1,
        noCredit: 0,
        unconfirmed: 0,
      },
    ],
    nextManualAt: '2026-07-02T00:40:00.000Z',
    templateId: 'tpl',
  })
  cloud.reply('remind.send', { jobId: 'manual_meeting_mt1_1', recipients: 1 })
  const { container } = render(<MeetingBoardPage />)
  const button = await waitFor(() => {
    const el = container.querySelector('#remind-send') as HTMLElement | null
    if (!el || el.getAttribute('aria-disabled') === 'true') throw new Error('not yet')
    return el
  })
  fireEvent.click(button)
  await waitFor(() => expect(screen.getByText(/李秀英 一键提醒：已发送 1 人/)).toBeInTheDocument())
  expect(cloud.calls('remind.send')).toEqual([{ kind: 'meeting', itemId: 'mt1' }])
  expect(container.querySelector('#remind-send')!.getAttribute('aria-disabled')).toBe('true')
  expect(screen.getByText(/后可再次一键提醒/)).toBeInTheDocument()
  expect(Taro.showToast).toHaveBeenCalledWith({ title: '已安排提醒 1 人', icon: 'none' })
})

test('a running board refreshes every 5 seconds; once the meeting is closed it stops asking', async () => {
  jest.useFakeTimers()
  try {
    const running = { meeting: meetingView(), tally: tallyOf({ pending: 1 }), rows: [qian] }
    const closed = {
      meeting: meetingView({ status: 'closed' }),
      tally: tallyOf({ absent: 1 }),
      rows: [{ ...qian, status: 'absent' as const }],
    }
    cloud.reply('meeting.board', running)
    cloud.reply('meeting.board', running)
    cloud.reply('meeting.close', { meeting: closed.meeting, tally: closed.tally })
    cloud.reply('meeting.board', closed)
    const { container } = render(<MeetingBoardPage />)
    await rowOf(container, 'm1')

    await act(async () => {
      jest.advanceTimersByTime(5000)
    })
    await waitFor(() => expect(cloud.calls('meeting.board')).toHaveLength(2))

    fireEvent.click(screen.getByText('结束会议'))
    await waitFor(() => expect(cloud.calls('meeting.close')).toEqual([{ meetingId: 'mt1' }]))
    // The close refetches the board once; it is closed, so the timer asks no more.
    await waitFor(() => expect(screen.getByText('已结束')).toBeInTheDocument())
    const asked = cloud.calls('meeting.board').length
    await act(async () => {
      jest.advanceTimersByTime(20_000)
    })
    expect(cloud.calls('meeting.board')).toHaveLength(asked)
  } finally {
    jest.useRealTimers()
  }
})

test('打印签到码 shows the printable code as an image named for what it is', async () => {
  cloud.reply('meeting.board', { meeting: meetingView({ staticCode: true }), tally: tallyOf(), rows: [qian] })
  cloud.reply('meeting.staticCode', { url: 'https://example.com/code.png', scene: 'mt1' })
  const { container } = render(<MeetingBoardPage />)
  await rowOf(container, 'm1')
  fireEvent.click(container.querySelector('#board-static-code')!)
  // Taro's H5 image attaches its inner <img> a moment after the wrapper: wait for it.
  const img = await screen.findByRole('img', { name: '会议签到二维码' })
  expect(img.getAttribute('src')).toBe('https://example.com/code.png')
  expect(cloud.calls('meeting.staticCode')).toEqual([{ meetingId: 'mt1' }])
})
