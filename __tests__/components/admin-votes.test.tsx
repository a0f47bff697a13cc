import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { VoteView } from '@/contract'
import AdminVotesPage from '@/packages/admin/pages/votes/index'
import { ApiError } from '@/services/api-client'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto } from './support/helpers'
import { voteView } from './support/votes'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.setState({ me: me({ member: member({ role: 'branch_admin', branchId: 'b1' }) }) })
})

const vote = (over: Partial<VoteView> = {}): VoteView & { voted: number } => ({
  ...voteView({
    openAt: '2099-12-02T01:00:00.000Z',
    closeAt: '2099-12-05T01:00:00.000Z',
    state: 'not_open',
  }),
  voted: 0,
  ...over,
})

const page = (items: Array<VoteView & { voted: number }>) => ({ items, total: items.length, page: 1, pageSize: 20 })

test('a vote that has not opened is changed in place: a third candidate, same start and length', async () => {
  let current = vote()
  cloud.reply('vote.manage', () => page([current, vote({ id: 'v2', title: '支部重大事项票决', state: 'open' })]))
  cloud.reply('vote.update', () => {
    current = vote({ options: [...current.options, { id: 'o3', text: '马俊杰', detail: null, images: [] }] })
    return { vote: current }
  })
  const { container } = render(<AdminVotesPage />)
  const open = await waitFor(() => {
    const el = container.querySelector('[data-poll-id="v2"]') as HTMLElement | null
    if (!el) throw new Error('not yet')
    return el
  })
  // An open vote offers no 修改; the one not yet open does.
  expect(within(open).queryByText('修改')).toBeNull()
  fireEvent.click(within(container.querySelector('[data-poll-id="v1"]') as HTMLElement).getByText('修改'))
  expect(await screen.findByText('本支部党员（发起后不能更改）')).toBeInTheDocument()
  fireEvent.click(container.querySelector('#vote-add-option')!)
  await typeInto(container, 'vote-option-2', '马俊杰')
  fireEvent.click(container.querySelector('#vote-save')!)

  await waitFor(() => expect(cloud.calls('vote.update')).toHaveLength(1))
  expect(cloud.calls('vote.update')[0]).toMatchObject({
    voteId: 'v1',
    title: '推选优秀党务工作者',
    options: [{ text: '钱文静' }, { text: '何雨桐' }, { text: '马俊杰' }],
    openAt: '2099-12-02T01:00:00.000Z',
    closeAt: '2099-12-05T01:00:00.000Z',
  })
  // Back on the list, refreshed: three candidates.
  await waitFor(() => expect(container.querySelector('#vote-edit-form')).toBeNull())
  expect(await screen.findByText(/3 个候选项/)).toBeInTheDocument()
})

test('a change refused because members already voted keeps the form with the reason', async () => {
  cloud.reply('vote.manage', page([vote()]))
  cloud.fail('vote.update', new ApiError('VOTE_LOCKED', '投票已开始或已有党员投票，不能再修改'))
  const { container } = render(<AdminVotesPage />)
  fireEvent.click(await screen.findByText('修改'))
  fireEvent.click(await waitFor(() => container.querySelector('#vote-save')!))
  expect(await screen.findByText('投票已开始或已有党员投票，不能再修改')).toBeInTheDocument()
  expect(container.querySelector('#vote-edit-form')).not.toBeNull()
})
