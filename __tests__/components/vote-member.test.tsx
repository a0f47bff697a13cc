import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { VoteView } from '@/contract'
import VotesPage from '@/packages/life/pages/votes/index'
import { fakeCloud } from './support/cloud'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ id: 'v1' })
})

const vote = (over: Partial<VoteView> = {}): VoteView => ({
  id: 'v1',
  title: '推选优秀党务工作者',
  description: null,
  options: [
    { id: 'o1', text: '钱文静', detail: null, images: [] },
    { id: 'o2', text: '何雨桐', detail: null, images: [] },
  ],
  eligibility: 'branch',
  eligibilityLabel: '本支部党员',
  branchId: 'b1',
  branchName: '办公室党支部',
  secret: true,
  mode: 'single',
  maxChoices: 1,
  openAt: '2026-12-01T00:00:00.000Z',
  closeAt: '2026-12-02T00:00:00.000Z',
  liveResults: false,
  state: 'open',
  electorate: 8,
  createdByName: '李秀英',
  ...over,
})

test('a member picks one candidate, casts, and is told her secret ballot counted while results stay hidden', async () => {
  let voted = false
  cloud.reply('vote.detail', () => ({ vote: vote(), myVoted: voted, eligible: true, results: null }))
  cloud.reply('vote.cast', () => {
    voted = true
    return { counted: true as const, already: false }
  })
  const { container } = render(<VotesPage />)
  fireEvent.click(await screen.findByText('何雨桐'))
  fireEvent.click(container.querySelector('#vote-submit')!)
  expect(await screen.findByText(/您的选票已计入（不记名/)).toBeInTheDocument()
  expect(cloud.calls('vote.cast')).toEqual([{ voteId: 'v1', choices: ['o2'] }])
  expect(screen.getByText('投票结束后公布结果')).toBeInTheDocument()
  expect(container.querySelector('#vote-results')).toBeNull()
})

test('a closed vote shows the ranking', async () => {
  cloud.reply('vote.detail', {
    vote: vote({ state: 'closed' }),
    myVoted: true,
    eligible: true,
    results: {
      voted: 2,
      electorate: 8,
      rows: [
        { optionId: 'o2', text: '何雨桐', votes: 2, points: 2, place: 1 },
        { optionId: 'o1', text: '钱文静', votes: 0, points: 0, place: 2 },
      ],
    },
  })
  const { container } = render(<VotesPage />)
  await waitFor(() => expect(container.querySelector('#vote-results')).not.toBeNull())
  expect(screen.getByText('投票结果（应投 8 人，实投 2 人）')).toBeInTheDocument()
  expect(container.querySelector('.vote-result-row')?.getAttribute('data-option')).toBe('何雨桐')
  expect(container.querySelector('#vote-submit')).toBeNull()
})
