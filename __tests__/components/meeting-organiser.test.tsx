import './support/mock-boundaries'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { LeaveView } from '@/contract'
import LeavesPage from '@/packages/admin/pages/leaves/index'
import MeetingQrPage from '@/packages/admin/pages/meeting-qr/index'
import CompliancePage from '@/packages/admin/pages/compliance/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeIntoTextarea } from './support/helpers'
import { meetingView, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
})

afterEach(() => {
  jest.useRealTimers()
})

function leave(over: Partial<LeaveView> = {}): LeaveView {
  return {
    id: 'mt1_m3',
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    meetingStartAt: new Date(Date.now() + 3600_000).toISOString(),
    memberId: 'm3',
    memberName: '何雨桐',
    reason: '赴省厅参加业务培训',
    status: 'pending',
    requestedAt: new Date().toISOString(),
    reviewedByName: null,
    reviewReason: null,
    ...over,
  }
}
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

test('approving leave before the meeting asks for confirmation and removes it from the pending list', async () => {
  cloud.reply('meeting.leaves', page([leave()]))
  // After the decision the cloud no longer lists it as pending.
  cloud.reply('meeting.leaves', page([]))
  cloud.reply('meeting.reviewLeave', { leave: leave({ status: 'approved' }) })
  render(<LeavesPage />)
  fireEvent.click(await screen.findByText('批准'))
  await waitFor(() => expect(cloud.calls('meeting.reviewLeave')).toEqual([{ leaveId: 'mt1_m3', approve: true }]))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '批准请假' }))
  expect(await screen.findByText('没有待审批的请假')).toBeInTheDocument()
})

test('rejecting leave asks for a reason', async () => {
  cloud.reply('meeting.leaves', page([leave()]))
  cloud.reply('meeting.reviewLeave', { leave: leave({ status: 'rejected' }) })
  render(<LeavesPage />)
  fireEvent.click(await screen.findByText('驳回'))
  const dialog = await screen.findByRole('dialog')
  await typeIntoTextarea(dialog, 'reason-input', '会议重要，请调整安排')
  fireEvent.click(within(dialog).getByText('驳回'))
  await waitFor(() =>
    expect(cloud.calls('meeting.reviewLeave')).toEqual([
      { leaveId: 'mt1_m3', approve: false, reason: '会议重要，请调整安排' },
    ]),
  )
})

test('approving after the meeting started needs a reason (补批)', async () => {
  cloud.reply('meeting.leaves', page([leave({ meetingStartAt: new Date(Date.now() - 600_000).toISOString() })]))
  cloud.reply('meeting.reviewLeave', { leave: leave({ status: 'approved' }) })
  render(<LeavesPage />)
  expect(await screen.findByText('会议已开始，批准须注明原因')).toBeInTheDocument()
  fireEvent.click(screen.getByText('批准'))
  const dialog = await screen.findByRole('dialog')
  expect(within(dialog).getByText('补批请假：何雨桐')).toBeInTheDocument()
  await typeIntoTextarea(dialog, 'reason-input', '临时公务，已事先口头请假')
  fireEvent.click(within(dialog).getByText('批准'))
  await waitFor(() =>
    expect(cloud.calls('meeting.reviewLeave')).toEqual([
      { leaveId: 'mt1_m3', approve: true, reason: '临时公务，已事先口头请假' },
    ]),
  )
  expect(Taro.showModal).not.toHaveBeenCalled()
})

test('the code screen shows the token and fetches a new one when it expires', async () => {
  jest.useFakeTimers()
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.board', { meeting: meetingView(), tally: tallyOf(), rows: [] })
  cloud.reply('meeting.qrToken', { token: 'm.mt1.100.first', expiresInMs: 4000, signedIn: 2 })
  cloud.reply('meeting.qrToken', { token: 'm.mt1.101.second', expiresInMs: 10000, signedIn: 3 })
  const { container } = render(<MeetingQrPage />)

  await act(async () => {
    await Promise.resolve()
  })
  await waitFor(() => expect(container.querySelector('#qr-token')?.getAttribute('data-token')).toBe('m.mt1.100.first'))
  expect(screen.getByText('7月主题党日')).toBeInTheDocument()
  expect(container.querySelector('#qr-count')?.textContent?.replace(/\s/g, '')).toBe('已签到2人')
  expect(container.querySelector('.qr-code img, .qr-code taro-image-core, .qr-code-img')).not.toBeNull()

  await act(async () => {
    jest.advanceTimersByTime(4200)
  })
  await waitFor(() => expect(container.querySelector('#qr-token')?.getAttribute('data-token')).toBe('m.mt1.101.second'))
  expect(container.querySelector('#qr-count')?.textContent?.replace(/\s/g, '')).toBe('已签到3人')
})

test('组织生活达标 highlights gaps and counts them', async () => {
  useSessionStore.setState({ me: me({ member: member({ role: 'branch_admin', branchId: 'b1' }) }) })
  cloud.reply('member.whoami', me({ member: member({ role: 'branch_admin', branchId: 'b1' }) }))
  cloud.reply('member.tree', { tree: [] })
  cloud.reply('meeting.compliance', {
    branchId: 'b1',
    year: 2026,
    rows: [
      {
        type: 'branch_assembly',
        label: '支部党员大会（每季度至少 1 次）',
        gaps: 1,
        cells: [
          { period: '2026-Q1', held: 1, required: 1, state: 'met' },
          { period: '2026-Q2', held: 0, required: 1, state: 'gap' },
          { period: '2026-Q3', held: 0, required: 1, state: 'in_progress' },
          { period: '2026-Q4', held: 0, required: 1, state: 'upcoming' },
        ],
      },
    ],
    missingRecords: [],
    since: null,
  })
  const { container } = render(<CompliancePage />)
  expect(await screen.findByText(/共有 1 处未达标/)).toBeInTheDocument()
  expect(screen.getByText('缺 1')).toBeInTheDocument()
  expect(container.querySelectorAll('[data-state="gap"]')).toHaveLength(1)
  expect(cloud.calls('meeting.compliance')).toEqual([{ branchId: 'b1', year: expect.any(Number) }])
})

test('the status chips show decided requests with who decided and why', async () => {
  cloud.reply('meeting.leaves', (input) =>
    page(
      input.status === 'rejected'
        ? [leave({ status: 'rejected', reviewedByName: '李秀英', reviewReason: '会议重要，请调整安排' })]
        : [leave()],
    ),
  )
  const { container } = render(<LeavesPage />)
  expect(await screen.findByText('批准')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#leaves-status-rejected')!)
  expect(await screen.findByText(/李秀英 已驳回：会议重要，请调整安排/)).toBeInTheDocument()
  expect(screen.queryByText('批准')).toBeNull()
  expect(cloud.calls('meeting.leaves')).toEqual([
    { status: 'pending', page: 1 },
    { status: 'rejected', page: 1 },
  ])
})
