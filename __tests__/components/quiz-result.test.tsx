import './support/mock-boundaries'
import { render, screen } from '@testing-library/react'
import ResultPage from '@/packages/quiz/pages/result/index'
import { fakeCloud } from './support/cloud'
import { attemptResult, resultItem } from './support/quizzes'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ attemptId: 'qz1_m1_1' })
})

test('the score, pass mark and each answer with the key and explanation when the test shows them', async () => {
  cloud.reply('quiz.attempt', { attempt: null, result: attemptResult() })
  const { container } = render(<ResultPage />)

  expect(await screen.findByText('56')).toBeInTheDocument()
  expect(container.querySelector('#result-head')).toHaveTextContent('/ 100 分')
  expect(container.querySelector('#result-pass')).toHaveTextContent('不及格')
  expect(container.querySelector('#result-head')).toHaveTextContent('答对 12/20 题 · 60 分及格')
  const item = container.querySelector('.review-item')!
  expect(item).toHaveTextContent('你的答案：B')
  expect(item).toHaveTextContent('正确答案：A')
  expect(item).toHaveTextContent('党章第十条')
  expect(item.querySelector('[data-option="0"]')).toHaveClass('q-option-right')
  expect(item.querySelector('[data-option="1"]')).toHaveClass('q-option-wrong')
})

test('when answers are not shown yet: no key, no explanation, and the note says when', async () => {
  const note = '答案和解析将于 2026-07-10 18:00 测试截止后公布'
  cloud.reply('quiz.attempt', {
    attempt: null,
    result: attemptResult({ answersShown: false, revealNote: note, items: [resultItem()] }),
  })
  const { container } = render(<ResultPage />)

  expect(await screen.findByText(note)).toBeInTheDocument()
  const item = container.querySelector('.review-item')!
  expect(item).toHaveTextContent('你的答案：B')
  expect(item).not.toHaveTextContent('正确答案')
  expect(item).not.toHaveTextContent('解析')
  expect(item.querySelector('.q-option-right')).toBeNull()
})

test('an automatic hand-in says why', async () => {
  cloud.reply('quiz.attempt', {
    attempt: null,
    result: attemptResult({ submitKind: 'deadline', passed: true, score: 80 }),
  })
  const { container } = render(<ResultPage />)
  expect(await screen.findByText('作答时间已到，系统已按截止前保存的答案自动交卷')).toBeInTheDocument()
  expect(container.querySelector('#result-pass')).toHaveTextContent('及格')
})
