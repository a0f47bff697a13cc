import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { OutputOf, TalkView } from '@/contract'
import { ApiError } from '@/services/api-client'
import RecordCompletenessPage from '@/packages/admin/pages/record-completeness/index'
import TalksPage from '@/packages/admin/pages/talks/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto, typeIntoTextarea } from './support/helpers'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.setState({
    me: me({ member: member({ id: 's1', name: '李秀英', role: 'branch_admin', branchId: 'b1' }) }),
  })
})

const talk = (over: Partial<TalkView> = {}): TalkView => ({
  id: 't1',
  branchId: 'b1',
  secretary: { id: 's1', name: '李秀英' },
  participants: [{ id: 'm2', name: '钱文静' }],
  at: '2026-03-02T07:00:00.000Z',
  topic: '思想动态与工作困难',
  summary: '钱文静谈到近期加班较多，学习时间不足，商定每周集中学习一次。',
  ...over,
})

const talksOut = (items: TalkView[], held: number, required = 4): OutputOf<'meeting.talks'> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 20,
  held,
  required,
})

// The secretary herself is on her branch's roster under her own id.
const roster = (names: string[]) => ({
  items: names.map((name, i) => member({ id: name === '李秀英' ? 's1' : `m${i + 2}`, name, branchId: 'b1' })),
  total: names.length,
  page: 1,
  pageSize: 20,
})

test('a secretary sees her count against the committee rule, records a talk, and the list and count refresh', async () => {
  let saved = false
  cloud.reply('meeting.talks', () =>
    saved ? talksOut([talk({ id: 't2', topic: '入党积极分子培养' }), talk()], 2) : talksOut([talk()], 1),
  )
  cloud.reply('member.list', (input) =>
    roster(['李秀英', '钱文静', '何雨桐'].filter((n) => !input.keyword || n.includes(input.keyword))),
  )
  cloud.reply('meeting.saveTalk', (input) => {
    saved = true
    return { talk: talk({ id: 't2', topic: input.topic }), already: false }
  })
  const { container } = render(<TalksPage />)
  expect(await screen.findByText('还差 3 次')).toBeInTheDocument()
  expect(screen.getByText('机关党委要求：支部书记每年至少谈心谈话 4 次')).toBeInTheDocument()
  expect(screen.getByText('思想动态与工作困难')).toBeInTheDocument()
  expect(container.querySelector('#talk-rule-open')).toBeNull()

  fireEvent.click(container.querySelector('#talk-new')!)
  // The secretary is never offered as her own counterpart.
  await waitFor(() => expect(container.querySelector('[data-member="何雨桐"]')).not.toBeNull())
  expect(container.querySelector('[data-member="李秀英"]')).toBeNull()

  // Saving with nobody chosen is refused on the phone, before any call.
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('请选择谈话对象')).toBeInTheDocument()

  fireEvent.click(container.querySelector('[data-member="何雨桐"]')!)
  await typeInto(container, 'talk-topic', '入党积极分子培养')
  await typeIntoTextarea(container, 'talk-summary', '与何雨桐谈入党动机和近期学习情况，建议多参加支部活动。')
  fireEvent.click(screen.getByText('保存'))

  await waitFor(() => expect(cloud.calls('meeting.saveTalk')).toHaveLength(1))
  expect(cloud.calls('meeting.saveTalk')[0]).toEqual({
    participantIds: ['m4'],
    at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/),
    topic: '入党积极分子培养',
    summary: '与何雨桐谈入党动机和近期学习情况，建议多参加支部活动。',
  })
  expect(await screen.findByText('还差 2 次')).toBeInTheDocument()
  expect(screen.getByText('入党积极分子培养')).toBeInTheDocument()
  expect(container.querySelector('#talk-form')).toBeNull()
})

test('a refused talk keeps the form open with the cloud message', async () => {
  cloud.reply('meeting.talks', talksOut([], 0))
  cloud.reply('member.list', roster(['钱文静']))
  cloud.fail('meeting.saveTalk', new ApiError('INVALID_INPUT', '谈话对象应是本支部在册党员'))
  const { container } = render(<TalksPage />)
  expect(
    await screen.findByText('2026 年还没有谈心谈话记录'.replace('2026', String(new Date().getFullYear()))),
  ).toBeInTheDocument()
  fireEvent.click(container.querySelector('#talk-new')!)
  fireEvent.click(
    await waitFor(() => {
      const el = container.querySelector('[data-member="钱文静"]')
      if (!el) throw new Error('roster not shown yet')
      return el
    }),
  )
  await typeInto(container, 'talk-topic', '工作调动后的想法')
  await typeIntoTextarea(container, 'talk-summary', '了解调动后的工作和生活情况，无特别困难。')
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('谈话对象应是本支部在册党员')).toBeInTheDocument()
  expect(container.querySelector('#talk-form')).not.toBeNull()
})

test('the committee sets the yearly rule from the same screen; secretaries do not see that button', async () => {
  useSessionStore.setState({
    me: me({ member: member({ id: 'c1', name: '陈建国', role: 'org_admin', branchId: 'b1' }) }),
  })
  let rule = 4
  cloud.reply('meeting.talks', () => talksOut([talk()], 0, rule))
  cloud.reply('meeting.setTalkRule', (input) => {
    rule = input.perYear
    return { perYear: rule }
  })
  const { container } = render(<TalksPage />)
  expect(await screen.findByText('各支部谈心谈话记录')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#talk-rule-open')!)
  await typeInto(container, 'talk-rule-input', '0')
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('每年最低次数请填写 1–100 的整数')).toBeInTheDocument()
  await typeInto(container, 'talk-rule-input', '6')
  fireEvent.click(screen.getByText('保存'))
  await waitFor(() => expect(cloud.calls('meeting.setTalkRule')).toEqual([{ perYear: 6 }]))
  expect(await screen.findByText('机关党委要求：支部书记每年至少谈心谈话 6 次')).toBeInTheDocument()
})

test('talks that fail to load say so and retry', async () => {
  cloud.fail('meeting.talks', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
  cloud.reply('meeting.talks', talksOut([talk()], 4))
  render(<TalksPage />)
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
  fireEvent.click(screen.getByText('重新加载'))
  expect(await screen.findByText('已达标')).toBeInTheDocument()
})

test('the committee sees per-branch 纪实 completeness, branches with gaps marked', async () => {
  cloud.reply('meeting.recordCompleteness', (input) => ({
    year: input.year,
    rows: [
      { branchId: 'b1', branchName: '办公室党支部', held: 4, complete: 3 },
      { branchId: 'b2', branchName: '预算科党支部', held: 2, complete: 2 },
      { branchId: 'b3', branchName: '离退休党支部', held: 0, complete: 0 },
    ],
  }))
  const { container } = render(<RecordCompletenessPage />)
  expect(await screen.findByText('全机关已召开 6 场，纪实已完成 5 场（83%）')).toBeInTheDocument()
  expect(screen.getByText('1 个支部有会议纪实未完成，请督促补齐')).toBeInTheDocument()
  expect(container.querySelector('[data-branch="办公室党支部"]')?.textContent).toContain('缺 1 场')
  expect(container.querySelector('[data-branch="预算科党支部"]')?.textContent).toContain('全部完成')
  expect(container.querySelector('[data-branch="离退休党支部"]')?.textContent).toContain('未召开会议')
  const last = String(new Date().getFullYear() - 1)
  fireEvent.click(container.querySelector(`#rc-year-${last}`)!)
  await waitFor(() => expect(cloud.calls('meeting.recordCompleteness')).toContainEqual({ year: Number(last) }))
})

test('completeness: nothing held yet, and a refusal, each say so', async () => {
  cloud.reply('meeting.recordCompleteness', {
    year: 2026,
    rows: [{ branchId: 'b1', branchName: '办公室党支部', held: 0, complete: 0 }],
  })
  const first = render(<RecordCompletenessPage />)
  expect(await screen.findByText(/年还没有已召开的会议/)).toBeInTheDocument()
  first.unmount()
  cloud = fakeCloud()
  cloud.fail('meeting.recordCompleteness', new ApiError('FORBIDDEN', '只有机关党委管理员可以查看'))
  render(<RecordCompletenessPage />)
  expect(await screen.findByText('只有机关党委管理员可以查看')).toBeInTheDocument()
  // Not a failure: no 加载失败, and no 重新加载 that would be refused the same way.
  expect(screen.getByText('无权查看')).toBeInTheDocument()
  expect(screen.queryByText('加载失败')).toBeNull()
  expect(screen.queryByText('重新加载')).toBeNull()
})
