import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import VotesPage from '@/packages/life/pages/votes/index'
import { fakeCloud } from './support/cloud'
import { setPageParams } from './support/taro-fake'
import { voteView as vote } from './support/votes'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ id: 'v1' })
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
