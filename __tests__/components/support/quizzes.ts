import type { AttemptResult, AttemptView, PaperQuestion, QuizView, ResultItem } from '@/contract'

export function paperQuestion(over: Partial<PaperQuestion> = {}): PaperQuestion {
  return {
    id: 'q1',
    type: 'single',
    stem: '党的最高领导机关是（ ）',
    options: ['党的全国代表大会和它所产生的中央委员会', '中央纪律检查委员会', '中央军事委员会', '中央书记处'],
    ...over,
  }
}

/** Three questions: 单选 q1, 多选 q2, 判断 q3. */
export function paper(): PaperQuestion[] {
  return [
    paperQuestion(),
    paperQuestion({
      id: 'q2',
      type: 'multi',
      stem: '“三会一课”包括（ ）',
      options: ['支部党员大会', '支部委员会', '党小组会', '党课'],
    }),
    paperQuestion({ id: 'q3', type: 'judge', stem: '党员有权对党的决议和政策提出建议。', options: ['正确', '错误'] }),
  ]
}

export function attemptView(over: Partial<AttemptView> = {}): AttemptView {
  const now = Date.now()
  return {
    attemptId: 'qz1_m1_1',
    quizId: 'qz1',
    quizTitle: '七一党内法规测试',
    n: 1,
    status: 'in_progress',
    startedAt: new Date(now).toISOString(),
    deadline: new Date(now + 30 * 60_000).toISOString(),
    serverNow: new Date(now).toISOString(),
    questions: paper(),
    answers: {},
    hides: 0,
    ...over,
  }
}

export function resultItem(over: Partial<ResultItem> = {}): ResultItem {
  return { ...paperQuestion(), chosen: [1], correct: false, partial: false, points: 0, max: 4, ...over }
}

export function attemptResult(over: Partial<AttemptResult> = {}): AttemptResult {
  return {
    attemptId: 'qz1_m1_1',
    quizId: 'qz1',
    quizTitle: '七一党内法规测试',
    n: 1,
    score: 56,
    maxScore: 100,
    passed: false,
    passMark: 60,
    correctCount: 12,
    total: 20,
    submittedAt: '2026-07-01T02:00:00.000Z',
    submitKind: 'member',
    answersShown: true,
    revealNote: null,
    items: [
      resultItem({
        answer: [0],
        explanation: '党章第十条：党的最高领导机关，是党的全国代表大会和它所产生的中央委员会。',
      }),
    ],
    ...over,
  }
}

/** A draft test as the editor reads it. */
export function quizView(over: Partial<QuizView> = {}): QuizView {
  return {
    id: 'qz1',
    title: '七一党内法规测试',
    openAt: '2026-06-20T01:00:00.000Z',
    closeAt: '2026-07-01T10:00:00.000Z',
    durationMin: 30,
    mode: 'random',
    draw: { single: 10, multi: 5, judge: 5 },
    categories: [],
    fixedQuestionIds: [],
    points: { single: 4, multi: 6, judge: 6 },
    passMark: 60,
    maxScore: 100,
    questionCount: 20,
    attemptsAllowed: 1,
    scoreRule: 'highest',
    reveal: 'after_submit',
    partialCredit: false,
    audienceBranchIds: [],
    hideLimit: null,
    status: 'draft',
    revision: 3,
    ...over,
  }
}
