import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ObjectionView } from '@/contract'
import MeetingDetailPage from '@/packages/meeting/pages/detail/index'
import HistoryPage from '@/packages/meeting/pages/history/index'
import ObjectionsPage from '@/packages/admin/pages/objections/index'
import { fakeCloud } from './support/cloud'
import { typeIntoTextarea } from './support/helpers'
import { myMeeting, tallyOf } from './support/meetings'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>
const HOUR = 3600_000
const at = (h: number) => new Date(Date.now() + h * HOUR).toISOString()

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ id: 'mt1' })
})

/** Yesterday's meeting, closed: she is recorded 缺席. */
const missed = (over = {}) =>
  myMeeting({ startAt: at(-26), endAt: at(-24.5), status: 'closed', myStatus: 'absent', ...over })

function objection(over: Partial<ObjectionView> = {}): ObjectionView {
  return {
    id: 'mt1_m1',
    meetingId: 'mt1',
    meetingTitle: '7月主题党日',
    meetingStartAt: at(-26),
    memberId: 'm1',
    memberName: '钱文静',
    recorded: 'absent',
    reason: '我按时到会了，扫码时网络不好没有签上',
    status: 'pending',
    raisedAt: at(-2),
    correctedTo: null,
    resolvedByName: null,
    reply: null,
    resolvedAt: null,
    ...over,
  }
}

test('a member recorded 缺席 objects from the meeting with a reason; too short is refused in place', async () => {
  cloud.reply('meeting.detail', { meeting: missed() })
  cloud.reply('meeting.raiseObjection', (input) => ({ objection: objection({ reason: input.reason as string }) }))
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('记录为“缺席”与实际不符？可向支部书记说明，核实后会更正。')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#objection-open')!)

  await typeIntoTextarea(container, 'objection-reason', '到了')
  fireEvent.click(container.querySelector('#objection-submit')!)
  expect(await screen.findByText(/请写明异议原因（至少 5 个字）/)).toBeInTheDocument()
  expect(cloud.calls('meeting.raiseObjection')).toEqual([])

  await typeIntoTextarea(container, 'objection-reason', '我按时到会了，孙浩然同志可以作证')
  fireEvent.click(container.querySelector('#objection-submit')!)
  await waitFor(() =>
    expect(cloud.calls('meeting.raiseObjection')).toEqual([
      { meetingId: 'mt1', reason: '我按时到会了，孙浩然同志可以作证' },
    ]),
  )
  // Her objection and its state replace the form.
  expect(await screen.findByText('原因：我按时到会了，孙浩然同志可以作证')).toBeInTheDocument()
  expect(container.querySelector('#objection-status')?.textContent).toBe('待处理')
  expect(container.querySelector('#objection-submit')).toBeNull()
  expect(container.querySelector('#objection-edit')).not.toBeNull()
})

test('corrected: she reads what it became and who decided', async () => {
  cloud.reply('meeting.detail', {
    meeting: missed({
      myStatus: 'present',
      myObjection: objection({
        status: 'accepted',
        correctedTo: 'present',
        resolvedByName: '李秀英',
        reply: '经核实已到会',
      }),
    }),
  })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('李秀英 已将记录更正为“出席”：经核实已到会')).toBeInTheDocument()
  expect(container.querySelector('#objection-status')?.textContent).toBe('已更正')
  expect(container.querySelector('#objection-edit')).toBeNull()
})

test('declined: she reads why, and cannot send it again', async () => {
  setPageParams({ id: 'mt2' })
  cloud.reply('meeting.detail', {
    meeting: missed({
      id: 'mt2',
      myObjection: objection({ status: 'rejected', resolvedByName: '李秀英', reply: '签到表上没有本人签名' }),
    }),
  })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('李秀英 未更正记录：签到表上没有本人签名')).toBeInTheDocument()
  expect(container.querySelector('#objection-status')?.textContent).toBe('未更正')
  expect(container.querySelector('#objection-open')).toBeNull()
})

test('no objection is offered for a record that is fine', async () => {
  cloud.reply('meeting.detail', { meeting: missed({ myStatus: 'present', mySignedAt: at(-26) }) })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText(/签到时间/)).toBeInTheDocument()
  expect(container.querySelector('#objection')).toBeNull()
})

test('no objection while sign-in is still open (scanning can still change the record)', async () => {
  cloud.reply('meeting.detail', {
    meeting: myMeeting({ startAt: at(-0.1), endAt: at(1), status: 'scheduled', myStatus: 'pending' }),
  })
  const { container } = render(<MeetingDetailPage />)
  expect(await screen.findByText('扫码签到')).toBeInTheDocument()
  expect(container.querySelector('#objection')).toBeNull()
})

test('我的出勤 marks the meetings she has objected to with the objection state', async () => {
  cloud.reply('meeting.stats', {
    tally: tallyOf({ expected: 2, present: 1, absent: 1, pending: 0, rate: 0.5 }),
    meetings: 2,
    byMeeting: [
      {
        meetingId: 'x',
        title: '6月党员大会',
        startAt: '2026-06-10T01:00:00.000Z',
        type: 'branch_assembly',
        tally: tallyOf({ expected: 1, absent: 1, pending: 0 }),
        objection: 'pending',
      },
      {
        meetingId: 'y',
        title: '5月党课',
        startAt: '2026-05-10T01:00:00.000Z',
        type: 'party_lecture',
        tally: tallyOf({ expected: 1, present: 1, pending: 0 }),
        objection: null,
      },
    ],
  })
  const { container } = render(<HistoryPage />)
  expect(await screen.findByText('异议待处理')).toBeInTheDocument()
  expect(container.querySelectorAll('.history-objection')).toHaveLength(1)
  expect(container.querySelector('[data-meeting-id="x"] .history-objection')).not.toBeNull()
})

test('the secretary corrects an objection to 出席 with a required reply; the list follows', async () => {
  const page = (items: ObjectionView[]) => ({ items, total: items.length, page: 1, pageSize: 20 })
  cloud.reply('meeting.objections', page([objection()]))
  cloud.reply('meeting.objections', page([]))
  cloud.reply('meeting.resolveObjection', (input) => ({
    objection: objection({ status: 'accepted', correctedTo: 'present', reply: input.reply as string }),
    row: null,
  }))
  const { container } = render(<ObjectionsPage />)
  expect(await screen.findByText('异议原因：我按时到会了，扫码时网络不好没有签上')).toBeInTheDocument()
  expect(screen.getByText(/原记录“缺席”/)).toBeInTheDocument()
  expect(cloud.calls('meeting.objections')[0]).toMatchObject({ status: 'pending' })

  fireEvent.click(container.querySelector('.objection-present')!)
  const dialog = await screen.findByRole('dialog')
  expect(within(dialog).getByText('更正为出席：钱文静')).toBeInTheDocument()
  // A reply is required: refused in place, nothing sent.
  fireEvent.click(within(dialog).getAllByText('更正为出席').at(-1)!)
  expect(await within(dialog).findByText('请填写原因（至少 2 个字）')).toBeInTheDocument()
  expect(cloud.calls('meeting.resolveObjection')).toEqual([])

  await typeIntoTextarea(dialog, 'reason-input', '经核实已到会')
  fireEvent.click(within(dialog).getAllByText('更正为出席').at(-1)!)
  await waitFor(() =>
    expect(cloud.calls('meeting.resolveObjection')).toEqual([
      { objectionId: 'mt1_m1', outcome: 'present', reply: '经核实已到会' },
    ]),
  )
  // The list is asked again and the decided one has left 待处理.
  expect(await screen.findByText('没有待处理的出勤异议')).toBeInTheDocument()
})

test('the secretary decides 不应参加: the dialog says she leaves the expected list, and the decision is sent as such', async () => {
  const page = (items: ObjectionView[]) => ({ items, total: items.length, page: 1, pageSize: 20 })
  const wrong = objection({ reason: '我不是支部委员，不应参加支委会' })
  cloud.reply('meeting.objections', page([wrong]))
  cloud.reply('meeting.objections', page([]))
  cloud.reply('meeting.resolveObjection', (input) => ({
    objection: objection({ status: 'accepted', correctedTo: 'not_expected', reply: input.reply as string }),
    row: null,
  }))
  const { container } = render(<ObjectionsPage />)
  expect(await screen.findByText('异议原因：我不是支部委员，不应参加支委会')).toBeInTheDocument()
  fireEvent.click(container.querySelector('.objection-not-expected')!)
  const dialog = await screen.findByRole('dialog')
  expect(within(dialog).getByText('不应参加：钱文静')).toBeInTheDocument()
  expect(within(dialog).getByText(/移出应到名单，缺席不再计入任何统计/)).toBeInTheDocument()
  await typeIntoTextarea(dialog, 'reason-input', '本人不是支委')
  fireEvent.click(within(dialog).getByText('移出应到名单'))
  await waitFor(() =>
    expect(cloud.calls('meeting.resolveObjection')).toEqual([
      { objectionId: 'mt1_m1', outcome: 'not_expected', reply: '本人不是支委' },
    ]),
  )
  expect(await screen.findByText('没有待处理的出勤异议')).toBeInTheDocument()
})

test('decided 不应参加: she reads that she was not expected, and by whom', async () => {
  cloud.reply('meeting.detail', {
    meeting: missed({
      myStatus: null,
      myObjection: objection({
        status: 'accepted',
        correctedTo: 'not_expected',
        resolvedByName: '李秀英',
        reply: '经核实不应列入应到人员',
      }),
    }),
  })
  render(<MeetingDetailPage />)
  expect(await screen.findByText('李秀英 已将记录更正为“不应参加”：经核实不应列入应到人员')).toBeInTheDocument()
})
