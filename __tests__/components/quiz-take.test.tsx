import './support/mock-boundaries'
import { ERRORS } from '@/contract/errors'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import TakePage from '@/packages/quiz/pages/take/index'
import ResultPage from '@/packages/quiz/pages/result/index'
import { ApiError } from '@/services/api-client'
import { useQuizTakeStore } from '@/stores/quiz-take.store'
import { fakeCloud } from './support/cloud'
import { attemptResult, attemptView } from './support/quizzes'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({ quizId: 'qz1' })
  useQuizTakeStore.getState().reset()
})

const shownQuestion = (c: HTMLElement) => c.querySelectorAll('.take-question')

async function questionShown(c: HTMLElement, id: string) {
  return waitFor(() => {
    const el = c.querySelector(`.take-question[data-question-id="${id}"]`) as HTMLElement | null
    if (!el) throw new Error(`${id} not shown`)
    return el
  })
}

const option = (q: HTMLElement, i: number) => q.querySelector(`[data-option="${i}"]`) as HTMLElement

test('one question per screen, resuming at the first unanswered one; the answer sheet marks the answered', async () => {
  cloud.reply('quiz.start', { attempt: attemptView({ answers: { q1: [2] } }) })
  const { container } = render(<TakePage />)

  const q = await questionShown(container, 'q2')
  expect(shownQuestion(container)).toHaveLength(1)
  expect(q).toHaveTextContent('多选题')
  expect(q).toHaveTextContent('第 2 / 3 题（可多选）')
  expect(q).toHaveTextContent('“三会一课”包括（ ）')
  expect(cloud.calls('quiz.start')).toEqual([{ quizId: 'qz1' }])

  fireEvent.click(container.querySelector('#sheet-open')!)
  const sheet = await screen.findByRole('dialog', { name: '答题卡' })
  const answered = Array.from(sheet.querySelectorAll('.sheet-cell-answered')).map((c) =>
    c.getAttribute('data-question-id'),
  )
  expect(answered).toEqual(['q1'])
  expect(sheet).toHaveTextContent('已答 1 题，未答 2 题')
  // A cell shows only its number and says answered by colour: a screen reader gets a button with both (leafProps).
  expect(
    within(sheet)
      .getAllByRole('button', { name: /^第 \d 题/ })
      .map((c) => c.getAttribute('aria-label')),
  ).toEqual(['第 1 题，已答', '第 2 题，未答', '第 3 题，未答'])

  // Jump to question 1 from the sheet: its saved choice is shown.
  fireEvent.click(sheet.querySelector('[data-index="0"]')!)
  const first = await questionShown(container, 'q1')
  expect(option(first, 2)).toHaveClass('q-option-on')
})

test('a choice is saved shortly after it is made and then shows 已保存', async () => {
  cloud.reply('quiz.start', { attempt: attemptView() })
  cloud.reply('quiz.saveAnswer', { savedAt: new Date().toISOString() })
  const { container } = render(<TakePage />)
  const q = await questionShown(container, 'q1')

  fireEvent.click(option(q, 1))
  expect(option(q, 1)).toHaveClass('q-option-on')
  await waitFor(() =>
    expect(cloud.calls('quiz.saveAnswer')).toEqual([{ attemptId: 'qz1_m1_1', questionId: 'q1', choice: [1] }]),
  )
  expect(await screen.findByText('✓ 已保存')).toBeInTheDocument()
})

test('a failed save shows the error and keeps the choice; tapping retries', async () => {
  cloud.reply('quiz.start', { attempt: attemptView() })
  cloud.fail('quiz.saveAnswer', new ApiError('NETWORK'))
  cloud.reply('quiz.saveAnswer', { savedAt: new Date().toISOString() })
  const { container } = render(<TakePage />)
  const q = await questionShown(container, 'q1')

  fireEvent.click(option(q, 3))
  const err = await screen.findByText('保存失败：网络不给力，请检查网络后重试，点击重试')
  expect(option(q, 3)).toHaveClass('q-option-on')

  fireEvent.click(err)
  expect(await screen.findByText('✓ 已保存')).toBeInTheDocument()
  expect(cloud.calls('quiz.saveAnswer')).toHaveLength(2)
})

test('交卷 asks first, saying how many are unanswered; the result page follows', async () => {
  cloud.reply('quiz.start', { attempt: attemptView({ answers: { q1: [0] } }) })
  cloud.reply('quiz.submit', { result: attemptResult() })
  const { container } = render(<TakePage />)
  await questionShown(container, 'q2')

  fireEvent.click(container.querySelector('#take-submit')!)
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '确认交卷', content: expect.stringContaining('还有 2 题未作答') }),
    ),
  )
  await waitFor(() => expect(cloud.calls('quiz.submit')).toEqual([{ attemptId: 'qz1_m1_1' }]))
  await waitFor(() =>
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/quiz/pages/result/index?attemptId=qz1_m1_1' }),
  )
})

test('the result page shows what the submit answered, without asking the cloud again', async () => {
  cloud.reply('quiz.start', { attempt: attemptView({ answers: { q1: [0], q2: [0, 1], q3: [0] } }) })
  cloud.reply('quiz.submit', { result: attemptResult({ score: 72, passed: true }) })
  const { container, unmount } = render(<TakePage />)
  await questionShown(container, 'q1')
  fireEvent.click(container.querySelector('#take-submit')!)
  await waitFor(() =>
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/quiz/pages/result/index?attemptId=qz1_m1_1' }),
  )
  unmount()

  setPageParams({ attemptId: 'qz1_m1_1' })
  const result = render(<ResultPage />)
  expect(await screen.findByText('72')).toBeInTheDocument()
  expect(result.container.querySelector('#result-pass')).toHaveTextContent('及格')
  expect(cloud.calls('quiz.attempt')).toEqual([])
})

test('a submit refused for time shows the cloud message, then the result', async () => {
  cloud.reply('quiz.start', { attempt: attemptView() })
  cloud.fail('quiz.submit', new ApiError('QUIZ_TIME_UP', ERRORS.QUIZ_TIME_UP))
  const { container } = render(<TakePage />)
  await questionShown(container, 'q1')

  fireEvent.click(container.querySelector('#take-submit')!)
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '已超过作答时间，本次提交未被接受；系统已按截止前保存的答案评分' }),
    ),
  )
  await waitFor(() =>
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/quiz/pages/result/index?attemptId=qz1_m1_1' }),
  )
})

test('an attempt already handed in goes straight to its result', async () => {
  setPageParams({ attemptId: 'qz1_m1_1' })
  cloud.reply('quiz.attempt', { attempt: null, result: attemptResult() })
  render(<TakePage />)
  await waitFor(() =>
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/quiz/pages/result/index?attemptId=qz1_m1_1' }),
  )
})

test('a test that cannot be started shows why, with a retry', async () => {
  cloud.fail('quiz.start', new ApiError('QUIZ_NO_ATTEMPTS_LEFT', ERRORS.QUIZ_NO_ATTEMPTS_LEFT))
  render(<TakePage />)
  expect(await screen.findByText('您的作答次数已用完')).toBeInTheDocument()
  expect(screen.getByText('重新加载')).toBeInTheDocument()
})
