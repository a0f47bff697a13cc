import type { PaperQuestion, QuestionView, QuizView } from '../../src/contract/quiz.contract'
import type { Points } from '../../src/domain/grading'
import type { QuestionType } from '../../src/domain/question.types'
import { reachesBranch } from '../../src/domain/audience'
import { questionCountOf } from '../../src/domain/quiz.rules'
import { toOriginal } from '../../src/domain/shuffle'

/** `_id` = `q_` + hash of type and normalised stem: the same question imported twice is one document. */
export interface QuestionDoc {
  _id: string
  /** Bumped by each editor save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  type: QuestionType
  stem: string
  options: string[]
  answer: number[]
  explanation: string | null
  category: string | null
  key: string
  status: 'active' | 'retired'
  createdAt: Date
  updatedAt: Date
}

export interface QuizDoc {
  _id: string
  /** Bumped by each editor save (_shared/revision.ts); missing on records saved before it existed (= 0). */
  revision?: number
  title: string
  openAt: Date
  closeAt: Date
  durationMin: number
  mode: 'random' | 'fixed'
  draw: { single: number; multi: number; judge: number } | null
  categories: string[]
  fixedQuestionIds: string[]
  points: Points
  passMark: number
  attemptsAllowed: number
  scoreRule: 'highest' | 'latest'
  reveal: 'after_submit' | 'after_close' | 'never'
  partialCredit: boolean
  audienceBranchIds: string[]
  hideLimit: number | null
  /** Full marks: from the draw counts, or from the fixed paper's question types when it was saved. */
  maxScore: number
  status: 'draft' | 'published'
  createdBy: string
  createdAt: Date
  updatedAt: Date
}

/** `_id` = `${quizId}_${memberId}_${n}`: the n-th attempt of a member, created once however often Start is tapped. */
export interface AttemptDoc {
  _id: string
  quizId: string
  memberId: string
  memberName: string
  branchId: string
  n: number
  status: 'in_progress' | 'submitted'
  startedAt: Date
  deadline: Date
  questionIds: string[]
  /** Per question: `perm[display] = original` option index. */
  optionOrders: Record<string, number[]>
  /** Saved answers in original option indexes (attempts saved before `picks` existed; start writes it empty). */
  answers: Record<string, number[]>
  /**
   * Saved answers as the member saw the options (display positions). saveAnswer writes them without reading the
   * attempt (one conditional update), so it cannot map them to original indexes; `answersOf` does, from
   * `optionOrders`. A pick overrides an `answers` entry for the same question (it is always the newer one).
   */
  picks?: Record<string, number[]>
  hides: number
  submittedAt: Date | null
  submitKind: 'member' | 'deadline' | 'hide_limit' | null
  score: number | null
  maxScore: number | null
  correctCount: number | null
  passed: boolean | null
  results: Array<{ qid: string; correct: boolean; partial: boolean; points: number; max: number }>
  /** Incremented by every grading write: a second grading would show as 2. */
  gradeWrites: number
  /** Bumped by every saved answer, so grading writes only over the answers it graded (absent on older attempts). */
  rev?: number
}

/** `_id` = `${memberId}_${date}_${questionId}`: a member's first 每日一练 answer to a question that day. */
export interface PracticeDoc {
  _id: string
  memberId: string
  date: string
  questionId: string
  choice: number[]
  correct: boolean
  at: Date
}

/** One question in a member's 错题本. */
export interface WrongEntry {
  wrongCount: number
  lastWrongAt: Date
  source: 'quiz' | 'daily' | 'wrong_book'
}

/**
 * The member's whole 错题本, `_id` = member id (issue 11: a submit with any number of wrong answers updates it in one
 * request). Entries are keyed by question id (bank ids, `q_` + hash, are safe in a field path), so a repeat mistake is
 * `$inc` on `items.<qid>.wrongCount` and a new one the same `$inc` creating the entry: no read before the write, no
 * array to search. Size: an entry is ≈ 80 bytes in BSON and a member has at most one per bank question, so even a bank
 * of 100,000 questions stays under 8 MB, within the 16 MB document limit of the MongoDB-compatible engine CloudBase
 * builds on (docs.cloudbase.net/database/intro/introduce-db: "MongoDB 兼容：基于腾讯云 MongoDB 服务构建";
 * mongodb.com/docs/manual/reference/limits: "The maximum BSON document size is 16 mebibytes").
 */
export interface WrongBookDoc {
  _id: string
  memberId: string
  items: Record<string, WrongEntry>
  /**
   * Questions whose old-shape document was folded into `items` (quiz.repo.ts foldLegacy): if the old document is
   * still there (the fold died before removing it, or a second read raced it), it is not added a second time.
   */
  folded?: Record<string, true>
  /** Attempts whose wrong answers are in `items` (quiz.repo.ts addWrong `once`): a retried submit adds nothing. */
  added?: Record<string, true>
  /**
   * Counts every change of `items` (a mistake added, a question removed): the fold of old-shape documents writes the
   * counts it merged from what it read, so it writes only while this is still what it read (quiz.repo.ts foldLegacy).
   * Absent on documents no write has touched since it was introduced.
   */
  rev?: number
  updatedAt: Date
}

/**
 * The shape before issue 11, still read: one document per member and question, `${memberId}_${questionId}`, in the
 * same collection. Reading the 错题本 folds them into the member's document once (quiz.repo.ts readWrongBook).
 */
export interface LegacyWrongDoc extends WrongEntry {
  _id: string
  memberId: string
  questionId: string
}

/** The attempt's saved answers in original option indexes: `answers`, overridden by the newer display `picks`. */
export function answersOf(
  a: Pick<AttemptDoc, 'answers' | 'picks' | 'optionOrders' | 'questionIds'>,
): Record<string, number[]> {
  const out: Record<string, number[]> = { ...(a.answers ?? {}) }
  for (const qid of a.questionIds) {
    const shown = a.picks && Object.prototype.hasOwnProperty.call(a.picks, qid) ? a.picks[qid] : undefined
    const perm = a.optionOrders[qid]
    if (shown && perm) out[qid] = toOriginal(perm, shown)
  }
  return out
}

/** Question ids as the bank makes them (`q_` + a hash): safe to name inside a field path. */
export const PATH_SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/

/** How long after the deadline a submit is still taken: the request may have been on its way. */
export const SUBMIT_GRACE_MS = 30_000

export function toQuizView(q: QuizDoc): QuizView {
  return {
    id: q._id,
    title: q.title,
    openAt: new Date(q.openAt).toISOString(),
    closeAt: new Date(q.closeAt).toISOString(),
    durationMin: q.durationMin,
    mode: q.mode,
    draw: q.draw,
    categories: q.categories,
    fixedQuestionIds: q.fixedQuestionIds,
    points: q.points,
    passMark: q.passMark,
    maxScore: q.maxScore,
    questionCount: questionCountOf(q),
    attemptsAllowed: q.attemptsAllowed,
    scoreRule: q.scoreRule,
    reveal: q.reveal,
    partialCredit: q.partialCredit,
    audienceBranchIds: q.audienceBranchIds,
    hideLimit: q.hideLimit,
    status: q.status,
    revision: q.revision ?? 0,
  }
}

export function toQuestionView(q: QuestionDoc): QuestionView {
  return {
    id: q._id,
    type: q.type,
    stem: q.stem,
    options: q.options,
    answer: q.answer,
    explanation: q.explanation,
    category: q.category,
    status: q.status,
    revision: q.revision ?? 0,
  }
}

/** A question as shown to a member: options in their order, and nothing else — no key, no explanation. */
export function toPaperQuestion(q: QuestionDoc, perm: readonly number[]): PaperQuestion {
  return { id: q._id, type: q.type, stem: q.stem, options: perm.map((i) => q.options[i]) }
}

/** Whether a member's branch is in the test's audience (an empty list means everyone). */
export function inAudience(q: QuizDoc, branchId: string): boolean {
  return reachesBranch(q.audienceBranchIds, branchId)
}
