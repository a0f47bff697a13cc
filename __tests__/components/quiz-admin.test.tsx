import './support/mock-boundaries'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import QuizEditPage from '@/packages/admin/pages/quiz-edit/index'
import QuizLivePage from '@/packages/admin/pages/quiz-live/index'
import { ApiError } from '@/services/api-client'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto } from './support/helpers'
import { quizView } from './support/quizzes'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

/** Waits until the element is drawn (the page renders after the cloud answers). */
async function found(container: HTMLElement, selector: string): Promise<HTMLElement> {
  return waitFor(() => {
    const el = container.querySelector(selector) as HTMLElement | null
    if (!el) throw new Error(`${selector} not rendered yet`)
    return el
  })
}

const branch = (id: string, name: string) => ({
  _id: id,
  name,
  type: 'branch' as const,
  parentId: 'root',
  ancestors: ['root'],
  sort: 1,
  children: [],
})

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
  useSessionStore.setState({ me: me({ member: member({ role: 'org_admin' }) }) })
  cloud.reply('member.tree', { tree: [branch('b1', '办公室党支部'), branch('b2', '预算处党支部')] })
  cloud.reply('quiz.categories', {
    items: [
      { category: '党章', count: 24 },
      { category: '条例', count: 25 },
      { category: '未分类', count: 3 },
    ],
  })
})

test('a pass mark above full marks is refused in Chinese before anything is sent', async () => {
  const { container } = render(<QuizEditPage />)
  await typeInto(container, 'quiz-title', '七一党内法规测试')
  await typeInto(container, 'quiz-pass', '120')
  expect(container.querySelector('#quiz-summary')).toHaveTextContent('共 20 题，满分 100 分')

  fireEvent.click(container.querySelector('#quiz-publish')!)
  expect(await screen.findByText('及格分不能高于满分（100 分）')).toBeInTheDocument()
  expect(cloud.calls('quiz.saveQuiz')).toEqual([])
})

test('categories to draw from are offered without 未分类, and choosing branches is required once asked for', async () => {
  const { container } = render(<QuizEditPage />)
  await typeInto(container, 'quiz-title', '七一党内法规测试')
  await waitFor(() => expect(container.querySelector('[data-category="党章"]')).not.toBeNull())
  expect(container.querySelector('[data-category="未分类"]')).toBeNull()

  fireEvent.click(container.querySelector('#audience-branches')!)
  fireEvent.click(container.querySelector('#quiz-save')!)
  expect(await screen.findByText('请选择参加的支部，或改为全体党员参加')).toBeInTheDocument()
  expect(cloud.calls('quiz.saveQuiz')).toEqual([])
})

test('publishing saves the draft, asks first, and shows a bank too small for the draw next to the form', async () => {
  cloud.reply('quiz.saveQuiz', (input) => ({
    quiz: quizView({
      title: input.title,
      categories: input.categories ?? [],
      audienceBranchIds: input.audienceBranchIds ?? [],
    }),
  }))
  // The supply looked enough when she asked; a question retired meanwhile makes the cloud refuse the publish.
  cloud.reply('quiz.supply', { single: 30, multi: 5, judge: 10 })
  cloud.fail(
    'quiz.publishQuiz',
    new ApiError('QUIZ_NOT_ENOUGH_QUESTIONS', '题库中符合条件的试题不足：多选题需 5 道，现有 3 道'),
  )
  const { container } = render(<QuizEditPage />)
  await typeInto(container, 'quiz-title', '七一党内法规测试')
  await waitFor(() => expect(container.querySelector('[data-category="党章"]')).not.toBeNull())
  fireEvent.click(container.querySelector('[data-category="党章"]')!)
  fireEvent.click(container.querySelector('#audience-branches')!)
  fireEvent.click(await found(container, '[data-branch-id="b1"]'))

  fireEvent.click(container.querySelector('#quiz-publish')!)
  await waitFor(() =>
    expect(Taro.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '发布测试', content: expect.stringContaining('所选 1 个支部') }),
    ),
  )
  expect(Taro.showModal).toHaveBeenCalledWith(
    expect.objectContaining({
      content: expect.stringContaining('题库可抽：单选 30 道（每人 10）、多选 5 道（每人 5）'),
    }),
  )
  expect(cloud.calls('quiz.supply')).toEqual([{ categories: ['党章'] }])
  expect(await screen.findByText('题库中符合条件的试题不足：多选题需 5 道，现有 3 道')).toBeInTheDocument()
  const [saved] = cloud.calls('quiz.saveQuiz') as Array<Record<string, unknown>>
  expect(saved).toMatchObject({
    title: '七一党内法规测试',
    mode: 'random',
    draw: { single: 10, multi: 5, judge: 5 },
    categories: ['党章'],
    audienceBranchIds: ['b1'],
    passMark: 60,
  })
  expect(cloud.calls('quiz.publishQuiz')).toEqual([{ quizId: 'qz1' }])
  expect(Taro.redirectTo).not.toHaveBeenCalled()
})

test('a draw the bank cannot supply is said before the confirmation, and nothing is saved or published', async () => {
  cloud.reply('quiz.supply', { single: 30, multi: 3, judge: 10 })
  const { container } = render(<QuizEditPage />)
  await typeInto(container, 'quiz-title', '七一党内法规测试')
  fireEvent.click(container.querySelector('#quiz-publish')!)
  expect(
    await screen.findByText('题库中可抽的题不够：多选题需 5 道，现有 3 道。请减少抽题数量或增加分类。'),
  ).toBeInTheDocument()
  expect(Taro.showModal).not.toHaveBeenCalled()
  expect(cloud.calls('quiz.saveQuiz')).toEqual([])
  expect(cloud.calls('quiz.publishQuiz')).toEqual([])
})

test('a published test’s edit form marks the paper rules 已锁定 and does not let them change', async () => {
  setPageParams({ id: 'qz1' })
  cloud.reply('quiz.getQuiz', { quiz: quizView({ status: 'published' }) })
  const { container } = render(<QuizEditPage />)
  const duration = await found(container, '#quiz-duration')
  expect(duration.closest('.form-row')).toHaveTextContent('答题时长已锁定')
  expect(container.querySelector('#quiz-paper-rules')).toHaveClass('quiz-locked')
  expect(container.querySelectorAll('.quiz-locked-tag')).toHaveLength(4)
  // What may still change is not marked: the title, the times, the pass mark.
  expect(container.querySelector('#quiz-pass')?.closest('.form-row')).not.toHaveTextContent('已锁定')
  expect(container.querySelector('#quiz-publish')).toBeNull()
})

test('a test that cannot be read says why and offers 重新加载, which fills the form', async () => {
  setPageParams({ id: 'qz1' })
  cloud.fail('quiz.getQuiz', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
  cloud.reply('quiz.getQuiz', { quiz: quizView() })
  const { container } = render(<QuizEditPage />)
  fireEvent.click(await screen.findByText('重新加载'))
  await found(container, '#quiz-title')
  expect(cloud.calls('quiz.getQuiz')).toEqual([{ quizId: 'qz1' }, { quizId: 'qz1' }])
})

test('the live view shows each branch and, for a chosen branch, who has taken it and who has not', async () => {
  setPageParams({ id: 'qz1' })
  const branches = [
    { branchId: 'b1', branchName: '办公室党支部', audience: 8, taken: 1, notTaken: 7, average: 72, passRate: 1 },
    { branchId: 'b2', branchName: '预算处党支部', audience: 6, taken: 0, notTaken: 6, average: null, passRate: null },
  ]
  const questions = [
    { questionId: 'q1', stem: '党的最高领导机关是（ ）', type: 'single' as const, answered: 1, correctRate: 0 },
  ]
  cloud.reply('quiz.liveView', (input) => ({
    quiz: quizView({ status: 'published' }),
    branches,
    questions,
    branch:
      input.branchId === 'b1'
        ? {
            branchId: 'b1',
            taken: [{ memberId: 'm1', name: '钱文静', score: 72, passed: true, attempts: 1, hides: 2 }],
            takenTotal: 1,
            notTaken: [{ memberId: 'm2', name: '孙浩然' }],
            notTakenTotal: 1,
            inProgress: 0,
            page: 1,
            pageSize: 100,
          }
        : null,
  }))
  const { container } = render(<QuizLivePage />)
  const row = await found(container, '[data-branch-id="b1"]')
  expect(row).toHaveTextContent('办公室党支部81772100%')
  expect(container.querySelector('[data-branch-id="b2"]')).toHaveTextContent('预算处党支部606——')

  fireEvent.click(row)
  const taken = await found(container, '.live-taken[data-member-name="钱文静"]')
  expect(taken).toHaveTextContent('钱文静72 分及格 · 切出 2 次')
  expect(container.querySelector('#live-not-taken')).toHaveTextContent('孙浩然')
  expect(cloud.calls('quiz.liveView')).toEqual([{ quizId: 'qz1' }, { quizId: 'qz1', branchId: 'b1' }])
})

test('a large branch’s 未考 names come a hundred at a time, with the whole count and a pager', async () => {
  setPageParams({ id: 'qz1' })
  const names = Array.from({ length: 250 }, (_, i) => ({
    memberId: `m${i}`,
    name: `党员${String(i).padStart(3, '0')}`,
  }))
  cloud.reply('quiz.liveView', (input) => {
    const page = input.page ?? 1
    return {
      quiz: quizView({ status: 'published' }),
      branches: [
        {
          branchId: 'b1',
          branchName: '办公室党支部',
          audience: 250,
          taken: 0,
          notTaken: 250,
          average: null,
          passRate: null,
        },
      ],
      questions: [],
      branch: {
        branchId: 'b1',
        taken: [],
        takenTotal: 0,
        notTaken: names.slice((page - 1) * 100, page * 100),
        notTakenTotal: 250,
        inProgress: 0,
        page,
        pageSize: 100,
      },
    }
  })
  const { container } = render(<QuizLivePage />)
  await found(container, '[data-member-name="党员000"]')
  expect(container.querySelector('#live-names')).toHaveTextContent('未考（250）')
  expect(container.querySelectorAll('#live-not-taken [data-member-name]')).toHaveLength(100)
  expect(container.querySelector('#live-pager')).toHaveTextContent('第 1/3 页')

  fireEvent.click(container.querySelector('#live-pager-next')!)
  await found(container, '[data-member-name="党员100"]')
  expect(container.querySelector('[data-member-name="党员000"]')).toBeNull()
  expect(container.querySelector('#live-pager')).toHaveTextContent('第 2/3 页')
  expect(cloud.calls('quiz.liveView')).toEqual([{ quizId: 'qz1' }, { quizId: 'qz1', page: 2 }])
})

test('while a test is open, 一键提醒 reaches whoever has not handed in, and what went out is listed', async () => {
  setPageParams({ id: 'qz1' })
  const open = {
    status: 'published' as const,
    openAt: new Date(Date.now() - 3600_000).toISOString(),
    closeAt: new Date(Date.now() + 86_400_000).toISOString(),
  }
  cloud.reply('quiz.liveView', { quiz: quizView(open), branches: [], questions: [], branch: null })
  cloud.reply('remind.log', { jobs: [], nextManualAt: null, templateId: 'tpl' })
  cloud.reply('remind.send', { jobId: 'j1', recipients: 7 })
  const { container } = render(<QuizLivePage />)
  const card = await found(container, '#remind-card')
  expect(card).toHaveTextContent('提醒尚未交卷的党员')
  fireEvent.click(container.querySelector('#remind-send')!)
  await waitFor(() => expect(cloud.calls('remind.send')).toEqual([{ kind: 'quiz', itemId: 'qz1' }]))
})

test('the live view asks again every 10 seconds, and a failed tick keeps the figures on screen', async () => {
  jest.useFakeTimers()
  try {
    setPageParams({ id: 'qz1' })
    const view = (taken: number) => ({
      quiz: quizView({ status: 'published' }),
      branches: [
        {
          branchId: 'b1',
          branchName: '办公室党支部',
          audience: 8,
          taken,
          notTaken: 8 - taken,
          average: 80,
          passRate: 1,
        },
      ],
      questions: [],
      branch: null,
    })
    cloud.reply('quiz.liveView', view(1))
    cloud.fail('quiz.liveView', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
    cloud.reply('quiz.liveView', view(3))
    const { container } = render(<QuizLivePage />)
    const figures = await found(container, '#live-figures')
    expect(figures).toHaveTextContent('8应考1已考7未考')

    await act(async () => {
      jest.advanceTimersByTime(10_000)
    })
    await waitFor(() => expect(cloud.calls('quiz.liveView')).toHaveLength(2))
    expect(container.querySelector('#live-figures')).toHaveTextContent('8应考1已考7未考')
    expect(screen.queryByText('加载失败')).toBeNull()

    await act(async () => {
      jest.advanceTimersByTime(10_000)
    })
    await waitFor(() => expect(container.querySelector('#live-figures')).toHaveTextContent('8应考3已考5未考'))
  } finally {
    jest.useRealTimers()
  }
})
