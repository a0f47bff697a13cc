import type { InputOf, QuizView } from '@/contract'
import { QUESTION_TYPES, type QuestionType } from '@/domain/question.types'
import { maxScoreOf } from '@/domain/quiz.rules'
import { china } from '@/domain/time'
import { chinaInstant } from './meeting-form'

type PerType = Record<QuestionType, string>

/** What the 新建/编辑测试 form holds: numbers as typed, dates and times as China-time strings. */
export interface QuizForm {
  title: string
  openDate: string
  openTime: string
  closeDate: string
  closeTime: string
  durationMin: string
  mode: 'random' | 'fixed'
  draw: PerType
  /** Categories to draw from; empty = the whole bank. */
  categories: string[]
  fixedQuestionIds: string[]
  points: PerType
  passMark: string
  attemptsAllowed: string
  scoreRule: 'highest' | 'latest'
  reveal: 'after_submit' | 'after_close' | 'never'
  partialCredit: boolean
  audience: 'all' | 'branches'
  branchIds: string[]
  /** Empty: leaving the app is only counted, never ends the test. */
  hideLimit: string
}

export type QuizFields = Omit<InputOf<'quiz.saveQuiz'>, 'quizId'>

export const REVEAL_LABELS: Record<QuizForm['reveal'], string> = {
  after_submit: '交卷后',
  after_close: '截止后',
  never: '不公布',
}
export const SCORE_RULE_LABELS: Record<QuizForm['scoreRule'], string> = { highest: '最高分', latest: '最后一次' }
export const MODE_LABELS: Record<QuizForm['mode'], string> = { random: '随机抽题', fixed: '固定试卷' }

/** A new test: opens at the next full hour (China time), closes a week later at 18:00; the usual 七一 paper of 100. */
export function blankQuizForm(now = Date.now()): QuizForm {
  const open = china(now).add(1, 'hour').startOf('hour')
  const close = open.add(7, 'day')
  return {
    title: '',
    openDate: open.format('YYYY-MM-DD'),
    openTime: open.format('HH:mm'),
    closeDate: close.format('YYYY-MM-DD'),
    closeTime: '18:00',
    durationMin: '30',
    mode: 'random',
    draw: { single: '10', multi: '5', judge: '5' },
    categories: [],
    fixedQuestionIds: [],
    points: { single: '4', multi: '6', judge: '6' },
    passMark: '60',
    attemptsAllowed: '1',
    scoreRule: 'highest',
    reveal: 'after_submit',
    partialCredit: false,
    audience: 'all',
    branchIds: [],
    hideLimit: '',
  }
}

const perType = (v: Record<QuestionType, number>): PerType => ({
  single: String(v.single),
  multi: String(v.multi),
  judge: String(v.judge),
})

/** The form for an existing test. */
export function quizFormOf(q: QuizView): QuizForm {
  const open = china(q.openAt)
  const close = china(q.closeAt)
  return {
    title: q.title,
    openDate: open.format('YYYY-MM-DD'),
    openTime: open.format('HH:mm'),
    closeDate: close.format('YYYY-MM-DD'),
    closeTime: close.format('HH:mm'),
    durationMin: String(q.durationMin),
    mode: q.mode,
    draw: perType(q.draw ?? { single: 0, multi: 0, judge: 0 }),
    categories: q.categories,
    fixedQuestionIds: q.fixedQuestionIds,
    points: perType(q.points),
    passMark: String(q.passMark),
    attemptsAllowed: String(q.attemptsAllowed),
    scoreRule: q.scoreRule,
    reveal: q.reveal,
    partialCredit: q.partialCredit,
    audience: q.audienceBranchIds.length ? 'branches' : 'all',
    branchIds: q.audienceBranchIds,
    hideLimit: q.hideLimit === null ? '' : String(q.hideLimit),
  }
}

function int(text: string, label: string, min: number, max: number): number | string {
  const t = text.trim()
  if (!/^\d{1,4}$/.test(t) || Number(t) < min || Number(t) > max) return `${label}请填写 ${min}–${max} 之间的整数`
  return Number(t)
}

const numbers = (per: PerType): Record<QuestionType, number> => ({
  single: Number(per.single),
  multi: Number(per.multi),
  judge: Number(per.judge),
})

/** Full marks of a random paper as typed (the cloud's own rule), or null while a number is not valid yet. */
export function randomMaxScore(f: QuizForm): number | null {
  const draw = numbers(f.draw)
  const points = numbers(f.points)
  if (!QUESTION_TYPES.every((t) => Number.isInteger(draw[t]) && Number.isInteger(points[t]))) return null
  return maxScoreOf(points, draw)
}

/** Full marks of a fixed paper, when the type of every picked question is known and its points are valid. */
export function fixedMaxScore(f: QuizForm, typeOf: (id: string) => QuestionType | undefined): number | null {
  const points = numbers(f.points)
  const types = f.fixedQuestionIds.map(typeOf)
  if (!types.every((t): t is QuestionType => t !== undefined && Number.isInteger(points[t]))) return null
  return maxScoreOf(points, null, types)
}

/**
 * Checks the form the way the cloud will, so the admin sees a Chinese message before anything is sent; returns the
 * fields to send, or the first problem. `maxScore` is the paper's full marks when known (for the pass mark).
 */
export function validateQuizForm(
  f: QuizForm,
  maxScore: number | null,
): { ok: true; fields: QuizFields } | { ok: false; error: string } {
  const title = f.title.trim()
  if (title.length < 2 || title.length > 60) return { ok: false, error: '请填写测试名称（2–60 字）' }
  for (const [d, t, label] of [
    [f.openDate, f.openTime, '开始'],
    [f.closeDate, f.closeTime, '截止'],
  ] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return { ok: false, error: `请选择${label}日期` }
    if (!/^\d{2}:\d{2}$/.test(t)) return { ok: false, error: `请选择${label}时间` }
  }
  const openAt = chinaInstant(f.openDate, f.openTime)
  const closeAt = chinaInstant(f.closeDate, f.closeTime)
  if (Date.parse(closeAt) <= Date.parse(openAt)) return { ok: false, error: '截止时间应晚于开始时间' }
  const duration = int(f.durationMin, '答题时长（分钟）', 1, 300)
  if (typeof duration === 'string') return { ok: false, error: duration }
  const fields: QuizFields = {
    title,
    openAt,
    closeAt,
    durationMin: duration,
    mode: f.mode,
    points: { single: 0, multi: 0, judge: 0 },
    passMark: 0,
  }
  const labels: Record<QuestionType, string> = { single: '单选题', multi: '多选题', judge: '判断题' }
  if (f.mode === 'random') {
    const draw = { single: 0, multi: 0, judge: 0 }
    for (const t of QUESTION_TYPES) {
      const n = int(f.draw[t], `${labels[t]}数量`, 0, 200)
      if (typeof n === 'string') return { ok: false, error: n }
      draw[t] = n
    }
    if (draw.single + draw.multi + draw.judge === 0) return { ok: false, error: '请设置各题型的抽题数量（至少 1 题）' }
    fields.draw = draw
    fields.categories = f.categories
  } else {
    if (!f.fixedQuestionIds.length) return { ok: false, error: '固定试卷请选择题目' }
    fields.fixedQuestionIds = f.fixedQuestionIds
  }
  for (const t of QUESTION_TYPES) {
    const p = int(f.points[t], `${labels[t]}分值`, 0, 100)
    if (typeof p === 'string') return { ok: false, error: p }
    fields.points[t] = p
  }
  const pass = int(f.passMark, '及格分', 0, 1000)
  if (typeof pass === 'string') return { ok: false, error: pass }
  if (maxScore !== null && pass > maxScore) return { ok: false, error: `及格分不能高于满分（${maxScore} 分）` }
  if (maxScore === 0) return { ok: false, error: '试卷满分为 0，请设置各题型分值' }
  fields.passMark = pass
  const attempts = int(f.attemptsAllowed, '允许作答次数', 1, 10)
  if (typeof attempts === 'string') return { ok: false, error: attempts }
  fields.attemptsAllowed = attempts
  fields.scoreRule = f.scoreRule
  fields.reveal = f.reveal
  fields.partialCredit = f.partialCredit
  if (f.audience === 'branches') {
    if (!f.branchIds.length) return { ok: false, error: '请选择参加的支部，或改为全体党员参加' }
    fields.audienceBranchIds = f.branchIds
  } else fields.audienceBranchIds = []
  if (f.hideLimit.trim()) {
    const limit = int(f.hideLimit, '切出次数上限', 1, 50)
    if (typeof limit === 'string') return { ok: false, error: limit }
    fields.hideLimit = limit
  }
  return { ok: true, fields }
}

/** 草稿 / 未开始 / 进行中 / 已截止 for a test at `now`. */
export function quizPhase(
  q: Pick<QuizView, 'status' | 'openAt' | 'closeAt'>,
  now = Date.now(),
): { key: string; label: string } {
  if (q.status === 'draft') return { key: 'draft', label: '草稿' }
  if (now < Date.parse(q.openAt)) return { key: 'upcoming', label: '未开始' }
  if (now > Date.parse(q.closeAt)) return { key: 'closed', label: '已截止' }
  return { key: 'open', label: '进行中' }
}

/**
 * A warning (not a refusal) when the pass mark looks implausible against the full score: below 40 % nearly anyone
 * passes, at 100 % one slip fails. Null when it looks ordinary or cannot be judged yet.
 */
export function passMarkWarning(passMark: string, maxScore: number | null): string | null {
  const pass = Number(passMark)
  if (!maxScore || !Number.isFinite(pass) || pass <= 0 || pass > maxScore) return null
  const share = Math.round((pass / maxScore) * 100)
  if (share < 40) return `及格分只占满分的 ${share}%，请确认是否过低`
  if (pass === maxScore) return '及格分等于满分：答错一题即不及格，请确认'
  return null
}
