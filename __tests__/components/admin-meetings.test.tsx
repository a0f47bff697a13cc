import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AdminMeetingsPage from '@/packages/admin/pages/meetings/index'
import MakeupsPage from '@/packages/admin/pages/makeups/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'
import { meetingView, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>
beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.setState({
    me: me({ member: member({ role: 'branch_admin', branchId: 'b1', branchName: '办公室党支部' }) }),
  })
  cloud.reply('member.tree', { tree: [] })
})

const page = (items: ReturnType<typeof meetingView>[], closed = false) => ({
  items: items.map((m) => ({
    ...m,
    status: closed ? ('closed' as const) : m.status,
    tally: tallyOf({ expected: 8, present: 2, late: 0, leave: 1, absent: 5, pending: 0, rate: 2 / 7 }),
    recordState: 'complete' as const,
  })),
  total: items.length,
  page: 1,
  pageSize: 20,
})

test("会议管理 shows each meeting's tally, and a status filter asks for that status only", async () => {
  cloud.reply('meeting.list', (input) =>
    input.status === 'closed'
      ? page([meetingView({ id: 'mt2', title: '10月支部党员大会', startAt: '2026-10-10T01:00:00.000Z' })], true)
      : page([meetingView({ id: 'mt1', title: '11月主题党日', startAt: '2026-11-01T01:00:00.000Z' })]),
  )
  const { container } = render(<AdminMeetingsPage />)
  expect(await screen.findByText('11月主题党日')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#meetings-status-closed')!)
  const closed = await waitFor(() => {
    const row = container.querySelector('[data-meeting-id="mt2"]')
    expect(row).not.toBeNull()
    return row!
  })
  expect(closed.querySelector('.admin-meeting-tally-main')!.textContent).toBe('实到 2/应到 8')
  expect(closed.textContent).toContain('请假 1 · 缺席 5 · 出勤率 28.6%')
  expect(screen.queryByText('11月主题党日')).toBeNull()
  expect(cloud.calls('meeting.list')).toEqual([{ page: 1 }, { status: 'closed', page: 1 }])
})

test('会议管理 with no meeting says how to add one', async () => {
  cloud.reply('meeting.list', page([]))
  render(<AdminMeetingsPage />)
  expect(await screen.findByText('还没有会议')).toBeInTheDocument()
  expect(screen.getByText('＋ 新建会议')).toBeInTheDocument()
})

test('补学情况 of a meeting: who owes it, who has done it and what they wrote', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.makeups', {
    meeting: meetingView(),
    recordReady: true,
    rows: [
      { memberId: 'm3', name: '何雨桐', kind: 'absent', done: null },
      {
        memberId: 'm4',
        name: '孙浩然',
        kind: 'leave',
        done: { at: '2026-07-03T02:00:00.000Z', reflection: '认真阅读了会议纪实，今后按时参加组织生活。' },
      },
    ],
    done: 1,
    owed: 1,
  })
  const { container } = render(<MakeupsPage />)
  expect(await screen.findByText('应补学 2 人 · 已补学 1 人 · 未补学 1 人')).toBeInTheDocument()
  expect(container.querySelector('[data-member-id="m3"]')!.textContent).toContain('未补学')
  expect(container.querySelector('[data-member-id="m4"]')!.textContent).toContain('认真阅读了会议纪实')
  expect(container.querySelector('[data-member-id="m4"]')!.textContent).toContain('补学于 2026-07-03 10:00')
  expect(cloud.calls('meeting.makeups')).toEqual([{ meetingId: 'mt1' }])
  // A row opens that member's year.
  fireEvent.click(container.querySelector('[data-member-id="m3"]')!)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/meeting/pages/year/index?memberId=m3' })
})
