import { create } from 'zustand'
import type { ArticleView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

/**
 * Where the read receipt stands: `reading` until the member reaches the end; `waiting` when they got there faster
 * than the server's minimum (the page retries by itself at `waitUntil`); `read` once the cloud recorded it.
 */
export type ReceiptPhase = 'reading' | 'finishing' | 'waiting' | 'read'

interface State {
  articleId: string | null
  article: ArticleView | null
  loading: boolean
  error: ApiError | null
  phase: ReceiptPhase
  /** When to ask again (local clock, ms) while `waiting`. */
  waitUntil: number
  /** Time spent as the cloud recorded it, once read. */
  secondsSpent: number | null
  finishError: ApiError | null
  reflecting: boolean
}

interface Actions {
  /** Loads the article and starts the server's reading clock. */
  load(articleId: string): Promise<void>
  /** The member reached the end: asks for the receipt. Never throws. */
  finish(): Promise<void>
  /** Saves a 学习心得. Throws ApiError (e.g. STUDY_TEXT_RISKY) for the form to show in place. */
  reflect(text: string): Promise<void>
  reset(): void
}

const initial: State = {
  articleId: null,
  article: null,
  loading: false,
  error: null,
  phase: 'reading',
  waitUntil: 0,
  secondsSpent: null,
  finishError: null,
  reflecting: false,
}

const asApiError = (e: unknown) => toApiError(e)
/** Ask a little after the minimum has passed: the server rounds to whole seconds. */
const MARGIN_MS = 800

/** 阅读: one article, its server-timed read receipt and the member's reflection. */
export const useStudyArticleStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async load(articleId) {
    set({ ...initial, articleId, loading: true })
    try {
      // Opening starts the clock on the server; the phone's clock is not trusted for receipts.
      const [{ article }] = await Promise.all([call('study.get', { articleId }), call('study.open', { articleId })])
      if (get().articleId !== articleId) return
      set({ article, loading: false, phase: article.read ? 'read' : 'reading', secondsSpent: article.secondsSpent })
    } catch (e) {
      if (get().articleId !== articleId) return
      set({ loading: false, error: asApiError(e) })
    }
  },

  async finish() {
    const { article, phase } = get()
    if (!article || phase === 'finishing' || phase === 'read') return
    set({ phase: 'finishing', finishError: null })
    try {
      const out = await call('study.finish', { articleId: article.id, reachedEnd: true })
      if (get().article?.id !== article.id) return
      if (out.recorded) {
        set({
          phase: 'read',
          secondsSpent: out.secondsSpent,
          article: { ...article, read: true, overdue: false, secondsSpent: out.secondsSpent },
        })
      } else if (out.reason === 'too_fast') {
        const left = Math.max(1, (out.needSeconds ?? 0) - out.secondsSpent)
        set({ phase: 'waiting', waitUntil: Date.now() + left * 1000 + MARGIN_MS })
      } else if (out.reason === 'not_opened') {
        // The session was lost (e.g. opened on another phone): start the clock again and wait the minimum.
        const opened = await call('study.open', { articleId: article.id })
        set({ phase: 'waiting', waitUntil: Date.now() + opened.minReadSeconds * 1000 + MARGIN_MS })
      } else {
        set({ phase: 'reading' })
      }
    } catch (e) {
      set({ phase: 'reading', finishError: asApiError(e) })
    }
  },

  async reflect(text) {
    const { article } = get()
    if (!article) return
    set({ reflecting: true })
    try {
      const { reflection } = await call('study.reflect', { articleId: article.id, text })
      set({ article: { ...article, reflection } })
    } finally {
      set({ reflecting: false })
    }
  },

  reset() {
    set(initial)
  },
}))
