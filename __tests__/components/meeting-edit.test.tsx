import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MeetingEditPage from '@/packages/admin/pages/meeting-edit/index'
import AdminMeetingsPage from '@/packages/admin/pages/meetings/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto, typeIntoTextarea } from './support/helpers'
import { meetingView, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'
import { Text } from '@tarojs/components'
import { useWholeRoster } from '@/packages/admin/components/use-whole-roster'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
  useSessionStore.setState({
    me: me({ member: member({ role: 'branch_admin', branchId: 'b1', branchName: '办公室党支部' }) }),
  })
  cloud.reply('member.tree', { tree: [] })
})

function setTime(container: HTMLElement, id: string, value: string) {
  fireEvent.change(container.querySelector(`#${id}`)!, { target: { value } })
}

async function fillBasics(container: HTMLElement) {
  await typeInto(container, 'meeting-title', '7月主题党日')
  await typeInto(container, 'meeting-place', '三楼第一会议室')
  setTime(container, 'meeting-date', '2026-07-01')
  setTime(container, 'meeting-start', '09:00')
}

test('an end before the start is refused with a Chinese message and nothing is sent', async () => {
  const { container } = render(<MeetingEditPage />)
  await fillBasics(container)
  setTime(container, 'meeting-end', '08:30')
  fireEvent.click(container.querySelector('#meeting-submit')!)

  expect(await screen.findByText('结束时间应晚于开始时间')).toBeInTheDocument()
  expect(cloud.calls('meeting.create')).toEqual([])
})

test('a missing title is refused before anything is sent', async () => {
  const { container } = render(<MeetingEditPage />)
  await waitFor(() => expect(container.querySelector('#meeting-submit')).not.toBeNull())
  fireEvent.click(container.querySelector('#meeting-submit')!)
  expect(await screen.findByText('请填写会议名称（2–60 字）')).toBeInTheDocument()
  expect(cloud.calls('meeting.create')).toEqual([])
})

test('a valid form creates the meeting with China-time instants and opens its board', async () => {
  cloud.reply('meeting.create', { meeting: meetingView({ id: 'mtNew' }) })
  const { container } = render(<MeetingEditPage />)
  await fillBasics(container)
  setTime(container, 'meeting-end', '10:30')
  fireEvent.click(container.querySelector('#meeting-submit')!)

  await waitFor(() => expect(cloud.calls('meeting.create')).toHaveLength(1))
  expect(cloud.calls('meeting.create')[0]).toEqual({
    branchId: 'b1',
    title: '7月主题党日',
    type: 'branch_assembly',
    startAt: '2026-07-01T09:00:00+08:00',
    endAt: '2026-07-01T10:30:00+08:00',
    place: '三楼第一会议室',
    open: false,
    window: { opensBeforeMin: 30, closesAfterMin: 30, graceMin: 5 },
    staticCode: false,
  })
  await waitFor(() =>
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/meeting-board/index?id=mtNew' }),
  )
})

test('unticking a member in 选择应到人员 sends the explicit list', async () => {
  const roster = [
    member({ id: 'm1', name: '钱文静' }),
    member({ id: 'm2', name: '孙浩然' }),
    member({ id: 'm3', name: '何雨桐' }),
  ]
  cloud.reply('member.list', { items: roster, total: 3, page: 1, pageSize: 20 })
  cloud.reply('meeting.create', { meeting: meetingView({ id: 'mtNew' }) })
  const { container } = render(<MeetingEditPage />)
  await fillBasics(container)
  setTime(container, 'meeting-end', '10:00')

  fireEvent.click(container.querySelector('#meeting-attendees')!)
  expect(await screen.findByText('已选 3/3 人')).toBeInTheDocument()
  fireEvent.click(container.querySelector('[data-member-id="m3"]')!)
  expect(screen.getByText('已选 2/3 人')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#attendees-done')!)
  expect(await screen.findByText('已选 2 人 ›')).toBeInTheDocument()

  fireEvent.click(container.querySelector('#meeting-submit')!)
  await waitFor(() => expect(cloud.calls('meeting.create')).toHaveLength(1))
  expect((cloud.calls('meeting.create')[0] as { expectedIds: string[] }).expectedIds).toEqual(['m1', 'm2'])
  expect(cloud.calls('member.list')).toEqual([{ orgId: 'b1', page: 1, pageSize: 20 }])
})

test('the cloud refusing the meeting shows its message beside the form', async () => {
  const { ApiError } = jest.requireActual('@/services/api-client')
  cloud.fail('meeting.create', new ApiError('CONFLICT', '该支部同一时间已有一场同类会议'))
  const { container } = render(<MeetingEditPage />)
  await fillBasics(container)
  setTime(container, 'meeting-end', '10:00')
  fireEvent.click(container.querySelector('#meeting-submit')!)
  expect(await screen.findByText('该支部同一时间已有一场同类会议')).toBeInTheDocument()
})

test('cancelling an existing meeting asks for a reason, then confirms', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.board', {
    meeting: meetingView(),
    tally: { expected: 0, present: 0, late: 0, leave: 0, absent: 0, pending: 0, rate: null },
    rows: [],
  })
  cloud.reply('meeting.cancel', { meeting: meetingView({ status: 'cancelled', cancelReason: '与上级会议冲突' }) })
  const { container } = render(<MeetingEditPage />)

  const cancel = await waitFor(() => {
    const el = container.querySelector('#meeting-cancel')
    if (!el) throw new Error('not yet')
    return el
  })
  fireEvent.click(cancel)
  const dialog = await screen.findByRole('dialog')
  await typeIntoTextarea(dialog, 'reason-input', '与上级会议冲突')
  fireEvent.click(screen.getByText('下一步'))

  await waitFor(() => expect(cloud.calls('meeting.cancel')).toEqual([{ meetingId: 'mt1', reason: '与上级会议冲突' }]))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认取消会议' }))
})

test('a saved edit shows at once on 会议管理, the list it came from (still open beneath the form)', async () => {
  let title = '11月主题党日'
  const row = () => ({
    ...meetingView({ id: 'mt1', title }),
    tally: tallyOf({ expected: 8, pending: 8 }),
    recordState: 'complete' as const,
  })
  cloud.reply('meeting.list', () => ({ items: [row()], total: 1, page: 1, pageSize: 20 }))
  render(<AdminMeetingsPage />)
  expect(await screen.findByText('11月主题党日')).toBeInTheDocument()

  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.board', {
    meeting: meetingView({ id: 'mt1', title }),
    tally: { expected: 0, present: 0, late: 0, leave: 0, absent: 0, pending: 0, rate: null },
    rows: [],
  })
  cloud.reply('meeting.update', (input) => {
    title = input.title!
    return { meeting: meetingView({ id: 'mt1', title }) }
  })
  const { container } = render(<MeetingEditPage />)
  await waitFor(() => expect(container.querySelector('#meeting-title')).not.toBeNull())
  await typeInto(container, 'meeting-title', '11月主题党日（改期）')
  fireEvent.click(container.querySelector('#meeting-submit')!)
  await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  expect(await screen.findByText('11月主题党日（改期）')).toBeInTheDocument()
  expect(cloud.calls('meeting.list')).toHaveLength(2)
})

test("an editor opened after another admin's change starts from that change, not from the answer cached earlier", async () => {
  setPageParams({ id: 'mt1' })
  let place = '三楼第一会议室'
  cloud.reply('meeting.board', () => ({
    meeting: meetingView({ id: 'mt1', place }),
    tally: { expected: 0, present: 0, late: 0, leave: 0, absent: 0, pending: 0, rate: null },
    rows: [],
  }))
  cloud.reply('meeting.update', (input) => ({ meeting: meetingView({ id: 'mt1', ...input }) }))
  const placeInput = (c: HTMLElement) =>
    waitFor(() => {
      const el = c.querySelector('input#meeting-place') as HTMLInputElement | null
      if (!el) throw new Error('not yet')
      return el
    })
  // She opened the editor once (the board is now cached) and left without saving.
  const first = render(<MeetingEditPage />)
  expect((await placeInput(first.container)).value).toBe('三楼第一会议室')
  first.unmount()

  // Another admin moves the meeting to another room; she opens the editor again and changes only the title.
  place = '五楼党员活动室'
  const { container } = render(<MeetingEditPage />)
  await waitFor(async () => expect((await placeInput(container)).value).toBe('五楼党员活动室'))
  await typeInto(container, 'meeting-title', '11月主题党日（改期）')
  fireEvent.click(container.querySelector('#meeting-submit')!)
  await waitFor(() => expect(cloud.calls('meeting.update')).toHaveLength(1))
  // Her save keeps the other admin's room (before, the cached board filled the form and put the old room back).
  expect(cloud.calls('meeting.update')[0]).toMatchObject({ title: '11月主题党日（改期）', place: '五楼党员活动室' })
})

test('the whole roster of a branch of more than 1,000 members is read, every page once', async () => {
  const all = Array.from({ length: 1050 }, (_, i) => member({ id: `m${i}`, name: `党员${i}` }))
  cloud.reply('member.list', (input) => {
    const size = input.pageSize ?? 20
    const page = input.page ?? 1
    return { items: all.slice((page - 1) * size, page * size), total: all.length, page, pageSize: size }
  })
  // What 选择应到人员 reads (drawing 1,050 rows in jsdom takes seconds, so the count stands in for the list).
  function Roster() {
    const r = useWholeRoster('b1')
    const ids = new Set(r.data?.map((m) => m.id))
    return (
      <Text>{r.data ? `读到 ${ids.size}/${r.total} 人，含 ${ids.has('m1049') ? '最后一人' : '缺最后一人'}` : ''}</Text>
    )
  }
  render(<Roster />)
  // Before, the hook stopped at 1,000 (50 pages) without saying so: 50 members could not be ticked.
  expect(await screen.findByText('读到 1050/1050 人，含 最后一人')).toBeInTheDocument()
  expect(cloud.calls('member.list')).toHaveLength(53)
})

test('a roster that comes back shorter than its count says on screen that the list is cut', async () => {
  const all = Array.from({ length: 30 }, (_, i) => member({ id: `m${i}`, name: `党员${i}` }))
  // Counted 45 (ten left the branch while the pages were read): the last page comes back empty.
  cloud.reply('member.list', (input) => {
    const size = input.pageSize ?? 20
    const page = input.page ?? 1
    return { items: all.slice((page - 1) * size, page * size), total: 45, page, pageSize: size }
  })
  const { container } = render(<MeetingEditPage />)
  await fillBasics(container)
  fireEvent.click(container.querySelector('#meeting-attendees')!)
  expect(await screen.findByText('名单未读全：共 45 人，仅显示 30 人，请返回后重新打开')).toBeInTheDocument()
})

describe('民主生活会', () => {
  const tree = [
    {
      _id: 'root',
      name: '示范局机关党委',
      type: 'committee',
      parentId: null,
      children: [{ _id: 'b1', name: '办公室党支部', type: 'branch', parentId: 'root', children: [] }],
    },
  ]
  beforeEach(() => {
    cloud = fakeCloud()
    useSessionStore.setState({
      me: me({ member: member({ id: 'c1', role: 'org_admin', branchId: 'b1', branchName: '办公室党支部' }) }),
    })
    cloud.reply('member.tree', { tree } as never)
    setPageParams({ type: 'democratic_life' })
  })

  test('the committee calls one on itself with the leadership ticked, and sends the named list', async () => {
    cloud.reply('member.list', {
      items: [
        member({ id: 'c1', name: '陈建国', role: 'org_admin' }),
        member({ id: 's1', name: '李秀英', role: 'branch_admin', post: '书记' }),
        member({ id: 'm5', name: '钱文静' }),
        member({ id: 's2', name: '王志强', post: '副书记', branchId: 'b2' }),
      ],
      total: 4,
      page: 1,
      pageSize: 20,
    })
    cloud.reply('meeting.create', { meeting: meetingView({ id: 'mtDl' }) })
    const { container } = render(<MeetingEditPage />)
    expect(await screen.findByText('示范局机关党委 ▾')).toBeInTheDocument()
    expect(screen.getByText('召开单位')).toBeInTheDocument()
    expect(screen.getByText('民主生活会 ▾')).toBeInTheDocument()
    await fillBasics(container)
    setTime(container, 'meeting-end', '11:30')

    // Nobody named yet: refused on the phone with the reason.
    fireEvent.click(container.querySelector('#meeting-submit')!)
    expect(await screen.findByText('民主生活会请选择参会的领导班子成员')).toBeInTheDocument()
    expect(cloud.calls('meeting.create')).toEqual([])

    fireEvent.click(container.querySelector('#meeting-attendees')!)
    expect(await screen.findByText('已选 3/4 人')).toBeInTheDocument()
    fireEvent.click(container.querySelector('#attendees-done')!)
    expect(await screen.findByText('已选 3 人 ›')).toBeInTheDocument()
    fireEvent.click(container.querySelector('#meeting-submit')!)
    await waitFor(() => expect(cloud.calls('meeting.create')).toHaveLength(1))
    expect(cloud.calls('meeting.create')[0]).toMatchObject({
      branchId: 'root',
      type: 'democratic_life',
      expectedIds: ['c1', 's1', 's2'],
    })
    expect(cloud.calls('member.list')).toEqual([{ orgId: 'root', page: 1, pageSize: 20 }])
  })

  test('a branch secretary is not offered it: the form opens as an ordinary branch meeting', async () => {
    useSessionStore.setState({
      me: me({ member: member({ role: 'branch_admin', branchId: 'b1', branchName: '办公室党支部' }) }),
    })
    render(<MeetingEditPage />)
    expect(await screen.findByText('支部党员大会 ▾')).toBeInTheDocument()
    expect(screen.queryByText('召开单位')).toBeNull()
  })
})
