import './support/mock-boundaries'
import { render, screen } from '@testing-library/react'
import type { MyQuiz } from '@/contract'
import QuizIndex from '@/packages/quiz/pages/index'
import { fakeCloud } from './support/cloud'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
})

function myQuiz(over: Partial<MyQuiz> = {}): MyQuiz {
  return {
    quiz: {
      id: 'q1',
      title: '党章党规知识测试',
      openAt: '2026-06-01T00:00:00.000Z',
      closeAt: '2099-07-01T00:00:00.000Z',
      durationMin: 30,
      questionCount: 20,
      maxScore: 100,
      passMark: 60,
      attemptsAllowed: 2,
    },
    state: 'open',
    attemptsUsed: 0,
    inProgressAttemptId: null,
    countedScore: null,
    passed: null,
    lastAttemptId: null,
    ...over,
  }
}

test('with no attempts left the card offers no 再考一次 and says why; a failed score reads 不及格', async () => {
  cloud.reply('quiz.available', {
    items: [myQuiz({ attemptsUsed: 2, countedScore: 45, passed: false, lastAttemptId: 'a2' })],
  })
  render(<QuizIndex />)
  expect(await screen.findByText('作答次数已用完')).toBeInTheDocument()
  expect(screen.queryByText('再考一次')).toBeNull()
  expect(screen.getByText('不及格')).toBeInTheDocument()
  expect(screen.queryByText('未及格')).toBeNull()
  expect(screen.getByText('查看成绩')).toBeInTheDocument()
})

test('with an attempt left, 再考一次 is offered', async () => {
  cloud.reply('quiz.available', {
    items: [myQuiz({ attemptsUsed: 1, countedScore: 45, passed: false, lastAttemptId: 'a1' })],
  })
  render(<QuizIndex />)
  expect(await screen.findByText('再考一次')).toBeInTheDocument()
})
