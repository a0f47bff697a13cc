import { create } from 'zustand'
import type { AttemptResult, AttemptView } from '@/contract'
import { sameChoice } from '@/components/quiz-format'
import { ApiError, call, toApiError } from '@/services/api-client'

/** Per question: the save of the member's latest choice. */
export interface SaveStatus {
  state: 'pending' | 'saving' | 'saved' | 'error'
  message?: string
}

/** The attempt is over; the page goes to its result, first showing `notice` if there is one. */
export interface Finished {
  attemptId: string
  notice: string | null
  /** The result the submit answered with (issue 11): the result page shows it without asking the cloud again. */
  result?: AttemptResult
}

interface State {
  attempt: AttemptView | null
  /** serverNow − local now when the paper arrived; the countdown runs on the server's deadline. */
  offsetMs: number
  /** The member's choices, as positions in the shown options; ahead of the server until saved. */
  answers: Record<string, number[]>
  saves: Record<string, SaveStatus>
  current: number
  loading: boolean
  error: ApiError | null
  submitting: boolean
  finished: Finished | null
}

interface Actions {
  /** Starts the test, or resumes the attempt under way (the cloud decides). */
  start(quizId: string): Promise<void>
  /** Reopens an attempt by id; a submitted one finishes at once (the page shows its result). */
  open(attemptId: string): Promise<void>
  go(index: number): void
  /** Records a choice at once on screen and saves it shortly after (debounced per question). */
  choose(questionId: string, choice: number[]): void
  /** Saves again a choice whose save failed. */
  retrySave(questionId: string): void
  /** Hands the paper in after saving what is pending. `expired`: the countdown hit zero, submit whatever is saved. */
  submit(opts?: { expired?: boolean }): Promise<AttemptResult | null>
  /** The member left the app (onHide): counted by the cloud, which may end the attempt if the test sets a limit. */
  reportHide(): Promise<void>
  reset(): void
}

/** How long a choice waits before it is saved: a member ticking several 多选 options sends one save. */
export const SAVE_DEBOUNCE_MS = 500

const initial: State = {
  attempt: null,
  offsetMs: 0,
  answers: {},
  saves: {},
  current: 0,
  loading: false,
  error: null,
  submitting: false,
  finished: null,
}

const asApiError = (e: unknown) => toApiError(e)

/** 答题: one attempt of a timed test — the paper, the member's choices saved as they go, and the hand-in. */
export const useQuizTakeStore = create<State & Actions>()((set, get) => {
  let generation = 0
  const timers = new Map<string, ReturnType<typeof setTimeout>>()
  /** Saves of one question run one after another, so an older choice never lands after a newer one. */
  const chains = new Map<string, Promise<void>>()

  const setSave = (qid: string, s: SaveStatus) => set({ saves: { ...get().saves, [qid]: s } })

  /** The attempt ended elsewhere (time up, auto-submitted, another device): stop and show the result. */
  const finish = (notice: string | null) => {
    const a = get().attempt
    if (a && !get().finished) set({ finished: { attemptId: a.attemptId, notice } })
  }

  const saveNow = async (qid: string, gen: number) => {
    const attempt = get().attempt
    if (!attempt || gen !== generation || get().finished) return
    const choice = get().answers[qid] ?? []
    setSave(qid, { state: 'saving' })
    try {
      await call('quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: qid, choice })
      if (gen !== generation) return
      // A newer choice made meanwhile is queued behind this one and decides the badge.
      if (sameChoice(get().answers[qid], choice)) setSave(qid, { state: 'saved' })
    } catch (e) {
      if (gen !== generation) return
      const err = asApiError(e)
      if (err.code === 'QUIZ_ALREADY_SUBMITTED') finish('本次作答已交卷')
      else if (err.code === 'QUIZ_TIME_UP') finish(err.message)
      setSave(qid, { state: 'error', message: err.message })
    }
  }

  const enqueue = (qid: string) => {
    const gen = generation
    const next = (chains.get(qid) ?? Promise.resolve()).then(() => saveNow(qid, gen))
    chains.set(qid, next)
    return next
  }

  const clearTimers = () => {
    timers.forEach((t) => clearTimeout(t))
    timers.clear()
  }

  /** Sends every pending or failed save now and waits; true when every choice is saved. */
  const flush = async () => {
    const { saves } = get()
    const waiting: Promise<void>[] = []
    for (const [qid, t] of timers) {
      clearTimeout(t)
      timers.delete(qid)
      waiting.push(enqueue(qid))
    }
    for (const [qid, s] of Object.entries(saves)) if (s.state === 'error') waiting.push(enqueue(qid))
    await Promise.all([...waiting, ...chains.values()])
    return Object.values(get().saves).every((s) => s.state === 'saved')
  }

  const loaded = (attempt: AttemptView) => {
    const answers = attempt.answers
    const firstOpen = attempt.questions.findIndex((q) => !answers[q.id]?.length)
    set({
      attempt,
      offsetMs: Date.parse(attempt.serverNow) - Date.now(),
      answers,
      saves: Object.fromEntries(Object.keys(answers).map((qid) => [qid, { state: 'saved' as const }])),
      // Resuming: back where the member stopped, at the first question not yet answered.
      current: firstOpen < 0 ? 0 : firstOpen,
      loading: false,
    })
  }

  const load = async (run: () => Promise<void>) => {
    generation++
    clearTimers()
    chains.clear()
    set({ ...initial, loading: true })
    try {
      await run()
    } catch (e) {
      set({ loading: false, error: asApiError(e) })
    }
  }

  return {
    ...initial,

    start(quizId) {
      return load(async () => {
        const { attempt } = await call('quiz.start', { quizId })
        loaded(attempt)
      })
    },

    open(attemptId) {
      return load(async () => {
        const out = await call('quiz.attempt', { attemptId })
        if (out.attempt) loaded(out.attempt)
        else set({ loading: false, finished: { attemptId, notice: null } })
      })
    },

    go(index) {
      const n = get().attempt?.questions.length ?? 0
      if (index >= 0 && index < n) set({ current: index })
    },

    choose(questionId, choice) {
      if (!get().attempt || get().finished || get().submitting) return
      set({ answers: { ...get().answers, [questionId]: choice } })
      setSave(questionId, { state: 'pending' })
      clearTimeout(timers.get(questionId))
      timers.set(
        questionId,
        setTimeout(() => {
          timers.delete(questionId)
          enqueue(questionId)
        }, SAVE_DEBOUNCE_MS),
      )
    },

    retrySave(questionId) {
      clearTimeout(timers.get(questionId))
      timers.delete(questionId)
      enqueue(questionId)
    },

    async submit(opts = {}) {
      const attempt = get().attempt
      if (!attempt || get().submitting || get().finished) return null
      set({ submitting: true })
      try {
        const allSaved = await flush()
        if (get().finished) return null
        // Only saved answers are graded: on a member's own 交卷 make them fix the network first; at zero, hand in anyway.
        if (!allSaved && !opts.expired) {
          const failed = Object.values(get().saves).filter((s) => s.state !== 'saved').length
          throw new ApiError('NETWORK', `有 ${failed} 道题的答案未能保存，请检查网络后再交卷`)
        }
        const { result } = await call('quiz.submit', { attemptId: attempt.attemptId })
        set({ finished: { attemptId: attempt.attemptId, notice: null, result } })
        return result
      } catch (e) {
        const err = asApiError(e)
        if (err.code === 'QUIZ_TIME_UP') {
          finish(err.message)
          return null
        }
        if (err.code === 'QUIZ_ALREADY_SUBMITTED') {
          finish(null)
          return null
        }
        throw err
      } finally {
        set({ submitting: false })
      }
    },

    async reportHide() {
      const attempt = get().attempt
      if (!attempt || get().finished || get().submitting) return
      try {
        const { autoSubmitted } = await call('quiz.reportHide', { attemptId: attempt.attemptId })
        if (autoSubmitted) finish('切出小程序的次数超过本次测试的上限，系统已自动交卷')
      } catch {
        // Counting a hide is for the admin's view only; a lost report must not disturb the member.
      }
    },

    reset() {
      generation++
      clearTimers()
      chains.clear()
      set(initial)
    },
  }
})

/** How many questions have a choice. */
export const selectAnsweredCount = (s: State) =>
  s.attempt ? s.attempt.questions.filter((q) => s.answers[q.id]?.length).length : 0
