import { QUESTION_TYPES, type QuestionType } from '../domain/question.types'
import { action } from './access'
import { revision, v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 80 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const page = v.optional(v.int({ label: '页码', min: 1, max: 10000 }))
/** Option positions as the member sees them (0 = the first option shown). */
const choice = v.array(v.int({ label: '选项', min: 0, max: 5 }), { label: '所选答案', max: 6 })
const count = (label: string) => v.int({ label, min: 0, max: 200 })
const score = (label: string) => v.int({ label, min: 0, max: 100 })
const VIEWERS = ['branch_admin', 'org_admin'] as const
/**
 * Names per page of the live view's 已考 / 未考 lists. Larger than a list's 20 rows: 未考 shows names as chips, a
 * hundred of them about two phone screens, and a branch of 2,000 then takes 20 pages rather than 100.
 */
export const LIVE_NAMES_PAGE = 100

const quizFields = {
  title: v.str({ label: '测试名称', min: 2, max: 60 }),
  openAt: instant('开始时间'),
  closeAt: instant('截止时间'),
  durationMin: v.int({ label: '答题时长（分钟）', min: 1, max: 300 }),
  mode: v.oneOf(['random', 'fixed'] as const, { label: '组卷方式' }),
  draw: v.optional(v.object({ single: count('单选题数量'), multi: count('多选题数量'), judge: count('判断题数量') })),
  categories: v.optional(v.array(v.str({ label: '分类', max: 20 }), { label: '抽题分类', max: 20 })),
  fixedQuestionIds: v.optional(v.array(id('试题'), { label: '固定试卷题目', max: 200 })),
  points: v.object({ single: score('单选题分值'), multi: score('多选题分值'), judge: score('判断题分值') }),
  passMark: v.int({ label: '及格分', min: 0, max: 1000 }),
  attemptsAllowed: v.optional(v.int({ label: '允许作答次数', min: 1, max: 10 })),
  scoreRule: v.optional(v.oneOf(['highest', 'latest'] as const, { label: '计分方式' })),
  reveal: v.optional(v.oneOf(['after_submit', 'after_close', 'never'] as const, { label: '公布答案时机' })),
  partialCredit: v.optional(v.bool({ label: '多选题少选得分' })),
  audienceBranchIds: v.optional(v.array(id('参加支部'), { label: '参加支部', max: 200 })),
  hideLimit: v.optional(v.int({ label: '切出次数上限', min: 1, max: 50 })),
}

/** The `quiz` cloud function: question bank, timed tests graded on the server, practice and results. */
export const quizActions = {
  importBank: action({
    access: ['org_admin'],
    summary:
      '从 .xlsx / .csv 导入题库：全部正确才写入，否则逐行列出错误；已有的题（题型+题干相同）按文件更新选项、答案、解析、分类，先预览逐项变化、确认后写入（记审计）；尚未截止的测试所用题目的选项和答案不能改',
    input: v.object({
      fileID: v.str({ label: '文件', max: 512 }),
      /** The token of the preview being confirmed (needed only when the file changes existing questions). */
      confirm: v.optional(
        v.str({ label: '确认码', pattern: /^[0-9a-f]{64}$/, patternMessage: '确认码无效，请重新预览' }),
      ),
    }),
  }),
  questions: action({
    access: ['org_admin'],
    summary: '题库列表：搜索、按题型/分类/状态筛选（分页）',
    input: v.object({
      keyword: v.optional(v.str({ label: '关键字', max: 30 })),
      type: v.optional(v.oneOf(QUESTION_TYPES, { label: '题型' })),
      category: v.optional(v.str({ label: '分类', max: 20 })),
      status: v.optional(v.oneOf(['active', 'retired'] as const, { label: '状态' })),
      page,
    }),
  }),
  saveQuestion: action({
    access: ['org_admin'],
    summary: '新增或修改试题',
    input: v.object({
      id: v.optional(id('试题')),
      revision,
      type: v.oneOf(QUESTION_TYPES, { label: '题型' }),
      stem: v.str({ label: '题干', min: 2, max: 500 }),
      options: v.array(v.str({ label: '选项', min: 1, max: 200 }), { label: '选项', min: 2, max: 6 }),
      answer: v.array(v.int({ label: '答案', min: 0, max: 5 }), { label: '答案', min: 1, max: 6 }),
      explanation: v.optional(v.str({ label: '解析', max: 1000 })),
      category: v.optional(v.str({ label: '分类', max: 20 })),
    }),
  }),
  retireQuestion: action({
    access: ['org_admin'],
    summary: '停用或恢复试题（停用后不再被抽到）',
    input: v.object({ id: id('试题'), retired: v.bool({ label: '停用' }) }),
  }),
  categories: action({ access: 'member', summary: '题库分类及题量', input: v.object({}) }),
  saveQuiz: action({
    access: ['org_admin'],
    summary: '新建或修改测试（发布前可改）',
    input: v.object({ quizId: v.optional(id('测试')), revision, ...quizFields }),
  }),
  getQuiz: action({
    access: ['org_admin'],
    summary: '读取一个测试的设置（编辑用）',
    input: v.object({ quizId: id('测试') }),
  }),
  publishQuiz: action({
    access: ['org_admin'],
    summary: '发布测试（检查题量是否足够）',
    input: v.object({ quizId: id('测试') }),
  }),
  supply: action({
    access: ['org_admin'],
    summary: '题量检查：所选分类中各题型可抽的在用试题数（发布前确认用）',
    input: v.object({ categories: v.optional(quizFields.categories) }),
  }),
  quizzes: action({
    access: VIEWERS,
    summary: '测试列表（支部管理员只看本支部参加的）',
    input: v.object({ page }),
  }),
  liveView: action({
    access: VIEWERS,
    summary: '实时情况：各支部已考/未考名单（分页）、平均分、及格率、各题正确率',
    // page: which LIVE_NAMES_PAGE names of the branch's 已考 and 未考 lists (the figures are the whole branch's).
    input: v.object({ quizId: id('测试'), branchId: v.optional(id('支部')), page }),
  }),
  exportResults: action({
    access: VIEWERS,
    summary: '导出成绩 Excel（成绩、未参加名单、题目正确率）',
    input: v.object({ quizId: id('测试'), branchId: v.optional(id('支部')) }),
  }),
  available: action({ access: 'member', summary: '我可以参加的测试及我的状态', input: v.object({}) }),
  start: action({
    access: 'member',
    summary: '开始或继续作答：服务端计时，题目与选项按人打乱，不含答案',
    input: v.object({ quizId: id('测试') }),
  }),
  attempt: action({
    access: 'member',
    summary: '读取我的一次作答（未交卷时不含答案）',
    input: v.object({ attemptId: id('作答') }),
  }),
  saveAnswer: action({
    access: 'member',
    summary: '边答边存：保存一道题的答案',
    input: v.object({ attemptId: id('作答'), questionId: id('试题'), choice }),
  }),
  submit: action({
    access: 'member',
    summary: '交卷并在服务端评分；超时提交不被接受，按截止前保存的答案评分',
    input: v.object({ attemptId: id('作答') }),
  }),
  reportHide: action({
    access: 'member',
    summary: '记录答题中切出小程序的次数',
    input: v.object({ attemptId: id('作答') }),
  }),
  practiceToday: action({ access: 'member', summary: '每日一练：今天的题目（即时反馈）', input: v.object({}) }),
  practiceAnswer: action({
    access: 'member',
    summary: '练习作答：返回对错和解析，答错记入错题本',
    input: v.object({
      questionId: id('试题'),
      choice,
      source: v.oneOf(['daily', 'wrong_book'] as const, { label: '练习来源' }),
    }),
  }),
  wrongBook: action({ access: 'member', summary: '我的错题本（分页）', input: v.object({ page }) }),
  removeWrong: action({ access: 'member', summary: '从错题本移除', input: v.object({ questionId: id('试题') }) }),
}

export interface QuestionView {
  id: string
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string | null
  category: string | null
  status: 'active' | 'retired'
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
}

/** A question as a member sees it while answering: options in their shuffled order, no key. */
export interface PaperQuestion {
  id: string
  type: QuestionType
  stem: string
  options: string[]
}

export interface QuizView {
  id: string
  title: string
  openAt: string
  closeAt: string
  durationMin: number
  mode: 'random' | 'fixed'
  draw: { single: number; multi: number; judge: number } | null
  categories: string[]
  fixedQuestionIds: string[]
  points: { single: number; multi: number; judge: number }
  passMark: number
  maxScore: number
  questionCount: number
  attemptsAllowed: number
  scoreRule: 'highest' | 'latest'
  reveal: 'after_submit' | 'after_close' | 'never'
  partialCredit: boolean
  audienceBranchIds: string[]
  hideLimit: number | null
  status: 'draft' | 'published'
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
}

export interface AttemptView {
  attemptId: string
  quizId: string
  quizTitle: string
  n: number
  status: 'in_progress' | 'submitted'
  startedAt: string
  deadline: string
  /** The server's clock when this was sent: the countdown runs from the server's deadline, not the phone's clock. */
  serverNow: string
  questions: PaperQuestion[]
  /** Saved answers, as positions in the shown options. */
  answers: Record<string, number[]>
  hides: number
}

export interface ResultItem extends PaperQuestion {
  chosen: number[]
  correct: boolean
  partial: boolean
  points: number
  max: number
  /** Present only when the test shows answers now. */
  answer?: number[]
  explanation?: string | null
}

export interface AttemptResult {
  attemptId: string
  quizId: string
  quizTitle: string
  n: number
  score: number
  maxScore: number
  passed: boolean
  passMark: number
  correctCount: number
  total: number
  submittedAt: string
  submitKind: 'member' | 'deadline' | 'hide_limit'
  /** Whether answers and explanations are included; if not, when they will be. */
  answersShown: boolean
  revealNote: string | null
  items: ResultItem[]
}

export interface MyQuiz {
  quiz: Pick<
    QuizView,
    | 'id'
    | 'title'
    | 'openAt'
    | 'closeAt'
    | 'durationMin'
    | 'questionCount'
    | 'maxScore'
    | 'passMark'
    | 'attemptsAllowed'
  >
  state: 'upcoming' | 'open' | 'in_progress' | 'done' | 'closed'
  attemptsUsed: number
  inProgressAttemptId: string | null
  countedScore: number | null
  passed: boolean | null
  lastAttemptId: string | null
}

export interface BranchProgress {
  branchId: string
  branchName: string
  audience: number
  taken: number
  notTaken: number
  average: number | null
  passRate: number | null
}

export interface QuizOutputs {
  importBank: {
    /**
     * `preview`: the file would change existing questions and nothing is written until `confirmToken` comes back;
     * `writing`: part of a large file is written — call again with the same input to go on (also after a lost call).
     */
    stage: 'preview' | 'writing' | 'done'
    /** While writing and when done: questions written so far, of the questions to write. */
    progress?: { written: number; total: number }
    confirmToken: string
    created: number
    /** Existing questions the file changes (listed in `changes`, at most 300). */
    updated: number
    total: number
    /** Rows skipped: the same question earlier in the file, or identical to one in the bank (`existing`). */
    duplicates: Array<{ row: number; stem: string; of: number | 'existing' }>
    changes: Array<{ row: number; stem: string; changes: Array<{ field: string; before: string; after: string }> }>
  }
  questions: { items: QuestionView[]; total: number; page: number; pageSize: number }
  saveQuestion: { question: QuestionView }
  retireQuestion: { question: QuestionView }
  categories: { items: Array<{ category: string; count: number }> }
  saveQuiz: { quiz: QuizView }
  getQuiz: { quiz: QuizView }
  publishQuiz: { quiz: QuizView }
  /** Active questions of each type in the chosen categories (all categories when none is chosen). */
  supply: { single: number; multi: number; judge: number }
  quizzes: { items: Array<QuizView & { taken: number }>; total: number; page: number; pageSize: number }
  liveView: {
    quiz: QuizView
    branches: BranchProgress[]
    /**
     * Names, for one branch (the caller's, or the one asked for): one page of each list (LIVE_NAMES_PAGE names, the
     * same page number for both), with each list's total. 已考 by score (highest first), 未考 by name.
     */
    branch: {
      branchId: string
      taken: Array<{ memberId: string; name: string; score: number; passed: boolean; attempts: number; hides: number }>
      takenTotal: number
      notTaken: Array<{ memberId: string; name: string }>
      notTakenTotal: number
      inProgress: number
      page: number
      pageSize: number
    } | null
    questions: Array<{
      questionId: string
      stem: string
      type: QuestionType
      answered: number
      correctRate: number | null
    }>
  }
  exportResults: { fileID: string; url: string; fileName: string }
  available: { items: MyQuiz[] }
  start: { attempt: AttemptView }
  attempt: { attempt: AttemptView | null; result: AttemptResult | null }
  saveAnswer: { savedAt: string }
  submit: { result: AttemptResult }
  reportHide: { hides: number; autoSubmitted: boolean }
  practiceToday: {
    date: string
    questions: PaperQuestion[]
    /** Questions a test still open to the member may draw: practised without a verdict or key (correct: null). */
    held: string[]
    answered: Record<string, { choice: number[]; correct: boolean | null }>
  }
  /** held: the question may be on a test the member can still take; correct is null and the key empty. */
  practiceAnswer: { correct: boolean | null; answer: number[]; explanation: string | null; held: boolean }
  wrongBook: {
    items: Array<
      PaperQuestion & { answer: number[]; explanation: string | null; wrongCount: number; lastWrongAt: string }
    >
    total: number
    page: number
    pageSize: number
  }
  removeWrong: { removed: boolean }
}
