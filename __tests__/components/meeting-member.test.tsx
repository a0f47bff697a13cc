import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError } from '@/services/api-client'
import MyMeetingsPage from '@/packages/meeting/pages/index'
import MeetingDetailPage from '@/packages/meeting/pages/detail/index'
import HistoryPage from '@/packages/meeting/pages/history/index'
import { ERRORS } from '@/contract/errors'
import { fakeCloud } from './support/cloud'
import { typeIntoTextarea } from './support/helpers'
import { myMeeting, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>
const HOUR = 3600_000
const future = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
})

const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

test('我的会议 shows each meeting with my status, a pending leave as 请假待批', async () => {
  cloud.reply('meeting.mine', (input) =>
    page(
      input.when === 'upcoming'
        ? [
            myMeeting({
              id: 'a',
              title: '支部委员会',
              startAt: future(24),
              endAt: future(25),
              myLeave: { status: 'pending', reason: '出差' },
            }),
            myMeeting({ id: 'b', title: '党课', startAt: future(48), endAt: future(49) }),
          ]
        : [myMeeting({ id: 'c', title: '6月党员大会', status: 'closed', myStatus: 'late' })],
    ),
  )
  render(<MyMeetingsPage />)
  expect(await screen.findByText('支部委员会')).toBeInTheDocument()
  expect(screen.getByText('请假待批')).toBeInTheDocument()
  // Two days away: not 未签到 yet.
  expect(screen.getByText('待参加')).toBeInTheDocument()
  expect(screen.queryByText('未签到')).toBeNull()
  expect(screen.getByText('扫码签到')).toBeInTheDocument()

  fireEvent.click(screen.getByText('已召开'))
  expect(await screen.findByText('6月党员大会')).toBeInTheDocument()
  expect(screen.getByText('迟到')).toBeInTheDocument()
  expect(cloud.calls('meeting.mine')).toEqual([
    { when: 'upcoming', page: 1 },
    { when: 'past', page: 1 },
  ])
})

test('an empty list says so, and a failed one offers a retry', async () => {
  cloud.fail('meeting.mine', new ApiError('NETWORK', ERRORS.NETWORK))
  cloud.reply('meeting.mine', page([]))
  render(<MyMeetingsPage />)
  expect(await screen.findByText(ERRORS.NETWORK)).toBeInTheDocument()
  fireEvent.click(screen.getByText('重新加载'))
  expect(await screen.findByText('近期没有需要参加的会议')).toBeInTheDocument()
})

test('someone not yet bound is sent to bind from 我的会议 and 我的出勤, not shown 加载失败 with a retry that answers the same', async () => {
  cloud.fail('meeting.mine', new ApiError('NOT_BOUND', ERRORS.NOT_BOUND))
  render(<MyMeetingsPage />)
  expect(await screen.findByText('尚未绑定党员身份')).toBeInTheDocument()
  expect(screen.getByText('绑定花名册中的党员身份后即可使用这里的功能。')).toBeInTheDocument()
  expect(screen.queryByText('加载失败')).toBeNull()
  expect(screen.queryByText('重新加载')).toBeNull()
  fireEvent.click(screen.getByText('去绑定'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/member/pages/bind/index' })
})

test('a member asks for leave before the meeting and then sees it waiting for approval', async () => {
  setPageParams({ id: 'mt1' })
  const meeting = myMeeting({ startAt: future(2), endAt: future(3) })
  cloud.reply('meeting.detail', { meeting })
  cloud.reply('meeting.requestLeave', {
    leave: {
      id: 'mt1_m1',
      meetingId: 'mt1',
      meetingTitle: meeting.title,
      meetingStartAt: meeting.startAt,
      memberId: 'm1',
      memberName: '何雨桐',
      reason: '赴省厅参加业务培训',
      status: 'pending',
      requestedAt: new Date().toISOString(),
      reviewedByName: null,
      reviewReason: null,
    },
  })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('学习习近平总书记重要讲话精神')).toBeInTheDocument()

  // The form is folded behind 请假.
  expect(container.querySelector('#leave-submit')).toBeNull()
  fireEvent.click(container.querySelector('#leave-open')!)

  // Too short: refused in place.
  fireEvent.click(container.querySelector('#leave-submit')!)
  expect(await screen.findByText('请填写请假原因（至少 2 个字）')).toBeInTheDocument()
  expect(cloud.calls('meeting.requestLeave')).toEqual([])

  await typeIntoTextarea(container, 'leave-reason', '赴省厅参加业务培训')
  fireEvent.click(container.querySelector('#leave-submit')!)
  await waitFor(() =>
    expect(cloud.calls('meeting.requestLeave')).toEqual([{ meetingId: 'mt1', reason: '赴省厅参加业务培训' }]),
  )
  expect(await screen.findByText('待审批')).toBeInTheDocument()
  expect(screen.getByText('请假待批')).toBeInTheDocument()
  expect(container.querySelector('#leave-submit')).toBeNull()
})

test('after the start the detail page no longer offers leave', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.detail', { meeting: myMeeting({ startAt: future(-0.1), endAt: future(1) }) })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('会议已开始，不能再请假；如确有原因请联系支部书记补批')).toBeInTheDocument()
  expect(container.querySelector('#leave-submit')).toBeNull()
})

test('我的出勤 shows the rate, the counts and each meeting', async () => {
  cloud.reply('meeting.stats', {
    tally: tallyOf({ expected: 4, present: 2, late: 1, leave: 1, absent: 0, pending: 0, rate: 1 }),
    meetings: 4,
    byMeeting: [
      {
        meetingId: 'x',
        title: '6月党员大会',
        startAt: '2026-06-10T01:00:00.000Z',
        type: 'branch_assembly',
        tally: tallyOf({ expected: 1, late: 1, pending: 0 }),
      },
      {
        meetingId: 'y',
        title: '5月党课',
        startAt: '2026-05-10T01:00:00.000Z',
        type: 'party_lecture',
        tally: tallyOf({ expected: 1, leave: 1, pending: 0 }),
      },
    ],
  })
  const { container } = render(<HistoryPage />)
  await waitFor(() => expect(container.querySelector('#history-rate')?.textContent).toBe('100%'))
  expect(screen.getByText('6月党员大会')).toBeInTheDocument()
  expect(container.querySelector('.att-badge-late')?.textContent).toBe('迟到')
  expect(container.querySelector('.att-badge-leave')?.textContent).toBe('请假')
  expect(cloud.calls('meeting.stats')).toEqual([{ kind: 'member' }])
})

test('a meeting in progress is 进行中, not 缺席, under 即将召开; a finished one keeps its 缺席', async () => {
  cloud.reply('meeting.mine', (input) =>
    page(
      input.when === 'upcoming'
        ? [myMeeting({ id: 'now', title: '正在开的会', startAt: future(-1), endAt: future(1), myStatus: 'absent' })]
        : [myMeeting({ id: 'old', title: '上周的会', startAt: future(-170), endAt: future(-168), myStatus: 'absent' })],
    ),
  )
  render(<MyMeetingsPage />)
  expect(await screen.findByText('正在开的会')).toBeInTheDocument()
  expect(screen.getByText('进行中')).toBeInTheDocument()
  expect(screen.queryByText('缺席')).toBeNull()
  fireEvent.click(screen.getByText('已召开'))
  expect(await screen.findByText('上周的会')).toBeInTheDocument()
  expect(screen.getByText('缺席')).toBeInTheDocument()
})

test('editing a leave opens with the reason given, has 取消, and a reason over 200 characters is refused, not cut', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.detail', {
    meeting: myMeeting({ startAt: future(2), endAt: future(3), myLeave: { status: 'pending', reason: '出差' } }),
  })
  const { container } = render(<MeetingDetailPage />)
  fireEvent.click(await screen.findByText('修改原因'))
  await waitFor(() => expect(container.querySelector('#leave-reason textarea, textarea#leave-reason')).not.toBeNull())
  const box = container.querySelector('#leave-reason textarea, textarea#leave-reason') as HTMLTextAreaElement
  expect(box.value).toBe('出差')

  await typeIntoTextarea(container, 'leave-reason', '因'.repeat(201))
  fireEvent.click(container.querySelector('#leave-submit')!)
  expect(await screen.findByText('请假原因最多 200 个字，现在有 201 个字，请精简后再提交')).toBeInTheDocument()
  expect(cloud.calls('meeting.requestLeave')).toEqual([])

  fireEvent.click(container.querySelector('#leave-cancel')!)
  expect(container.querySelector('#leave-submit')).toBeNull()
  expect(screen.getByText('原因：出差')).toBeInTheDocument()
})

test('a member withdraws her leave after confirming, and the page shows no request any more', async () => {
  setPageParams({ id: 'mt1' })
  const before = myMeeting({ startAt: future(2), endAt: future(3), myLeave: { status: 'approved', reason: '出差' } })
  cloud.reply('meeting.detail', { meeting: before })
  cloud.reply('meeting.detail', { meeting: { ...before, myLeave: null } })
  cloud.reply('meeting.withdrawLeave', { withdrawn: true })
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: true })
  const { container } = render(<MeetingDetailPage />)
  fireEvent.click(await screen.findByText('撤回请假'))
  // Generous waits: a confirm, a write and a reload in a row, on a CI machine others share.
  await waitFor(() => expect(cloud.calls('meeting.withdrawLeave')).toEqual([{ meetingId: 'mt1' }]), { timeout: 4000 })
  await waitFor(() => expect(container.querySelector('#leave-open')).not.toBeNull(), { timeout: 4000 })
  expect(screen.queryByText('撤回请假')).toBeNull()
})

test('an open meeting of another branch offers no leave form', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.detail', {
    meeting: myMeeting({ startAt: future(2), endAt: future(3), open: true, myExpected: false }),
  })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('您不在本次会议的应到名单中，无需请假')).toBeInTheDocument()
  expect(container.querySelector('#leave-open')).toBeNull()
})
