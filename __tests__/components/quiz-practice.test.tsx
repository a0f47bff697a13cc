import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import PracticePage from '@/packages/quiz/pages/practice/index'
import WrongBookPage from '@/packages/quiz/pages/wrong-book/index'
import { fakeCloud } from './support/cloud'
import { paper } from './support/quizzes'

let cloud: ReturnType<typeof fakeCloud>

/** Waits until the element is drawn (the page renders after the cloud answers). */
async function found(container: HTMLElement, selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const el = container.querySelector(selector) as HTMLElement | null
    if (!el) throw new Error(`${selector} not rendered yet`)
    return el
  })
}

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
})

test('每日一练 checks an answer at once: wrong, with the key highlighted and the explanation', async () => {
  cloud.reply('quiz.practiceToday', { date: '2026-07-01', questions: paper(), held: [], answered: {} })
  cloud.reply('quiz.practiceAnswer', { correct: false, answer: [0], explanation: '党章第十条', held: false })
  const { container } = render(<PracticePage />)
  const q = await found(container, '.practice-question[data-question-id="q1"]')

  fireEvent.click(q.querySelector('[data-option="2"]')!)
  fireEvent.click(container.querySelector('#practice-check')!)
  expect(await screen.findByText('✗ 回答错误，正确答案：A')).toBeInTheDocument()
  expect(q.querySelector('[data-option="0"]')).toHaveClass('q-option-right')
  expect(q.querySelector('[data-option="2"]')).toHaveClass('q-option-wrong')
  expect(q).toHaveTextContent('党章第十条')
  expect(cloud.calls('quiz.practiceAnswer')).toEqual([{ questionId: 'q1', choice: [2], source: 'daily' }])
  expect(container.querySelector('#practice-progress')).toHaveTextContent('已完成 1/3')
})

test('a held question (an open test may draw it) is answered without any verdict: no 错选, no key, no explanation', async () => {
  cloud.reply('quiz.practiceToday', { date: '2026-07-01', questions: paper(), held: ['q1'], answered: {} })
  cloud.reply('quiz.practiceAnswer', { correct: null, answer: [], explanation: null, held: true })
  const { container } = render(<PracticePage />)
  const q = await found(container, '.practice-question[data-question-id="q1"]')
  expect(container.querySelector('#practice-held-note')).toHaveTextContent('作答后不显示对错和答案')
  fireEvent.click(q.querySelector('[data-option="2"]')!)
  fireEvent.click(container.querySelector('#practice-check')!)
  expect(await screen.findByText('已作答，答案已记录（不显示对错）')).toBeInTheDocument()
  expect(q.querySelector('.q-option-wrong, .q-option-right')).toBeNull()
  expect(q.textContent).not.toMatch(/错选|正确答案|解析|错题本/)
})

test('questions answered earlier today show as done and are not asked again', async () => {
  cloud.reply('quiz.practiceToday', {
    date: '2026-07-01',
    questions: paper(),
    held: [],
    answered: { q1: { choice: [0], correct: true }, q2: { choice: [1], correct: false } },
  })
  const { container } = render(<PracticePage />)
  // Opens at the first question not yet answered.
  await waitFor(() => expect(container.querySelector('.practice-question[data-question-id="q3"]')).not.toBeNull())
  expect(container.querySelector('#practice-progress')).toHaveTextContent('已完成 2/3')

  fireEvent.click(screen.getByText('1'))
  expect(await screen.findByText('今天已作答：回答正确')).toBeInTheDocument()
  expect(container.querySelector('#practice-check')).toBeNull()
})

test('错题本: redo gives feedback, and removing asks first', async () => {
  const [q1] = paper()
  cloud.reply('quiz.wrongBook', {
    items: [{ ...q1, answer: [0], explanation: '党章第十条', wrongCount: 2, lastWrongAt: '2026-06-30T02:00:00.000Z' }],
    total: 1,
    page: 1,
    pageSize: 20,
  })
  cloud.reply('quiz.practiceAnswer', { correct: true, answer: [0], explanation: '党章第十条', held: false })
  cloud.reply('quiz.removeWrong', { removed: true })
  const { container } = render(<WrongBookPage />)
  const card = await found(container, '.wrong-item[data-question-id="q1"]')
  expect(card).toHaveTextContent('错 2 次')
  // The key stays hidden until the member answers or asks for it.
  expect(card).not.toHaveTextContent('党章第十条')

  fireEvent.click(card.querySelector('[data-option="0"]')!)
  fireEvent.click(screen.getByText('提交答案'))
  expect(await screen.findByText('✓ 回答正确，可以移出错题本了')).toBeInTheDocument()
  expect(card).toHaveTextContent('党章第十条')
  expect(cloud.calls('quiz.practiceAnswer')).toEqual([{ questionId: 'q1', choice: [0], source: 'wrong_book' }])

  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  fireEvent.click(screen.getByText('移除'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '移出错题本' })))
  expect(cloud.calls('quiz.removeWrong')).toEqual([])

  fireEvent.click(screen.getByText('移除'))
  expect(await screen.findByText('错题本是空的')).toBeInTheDocument()
  expect(cloud.calls('quiz.removeWrong')).toEqual([{ questionId: 'q1' }])
})
