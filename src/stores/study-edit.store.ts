import { create } from 'zustand'
import { whileFlag } from './busy'
import type { AdminArticle, InputOf } from '@/contract'
import { ApiError, call, uploadFile, type LocalFile, toApiError } from '@/services/api-client'

export type StudySaveInput = InputOf<'study.save'>

interface State {
  /** The article being edited; null while writing a new one (until its first save). */
  article: AdminArticle | null
  loading: boolean
  error: ApiError | null
  saving: boolean
  uploading: boolean
}

interface Actions {
  /** Loads an article for editing (its statistics carry the whole admin view). */
  load(articleId: string): Promise<void>
  /** 保存草稿 / 保存修改. Throws ApiError for the form. */
  save(input: StudySaveInput): Promise<AdminArticle>
  /** Saves, then publishes now or at `publishAt`. Throws ApiError. */
  publish(input: StudySaveInput, publishAt?: string): Promise<AdminArticle>
  /** 撤回. Throws ApiError. */
  withdraw(): Promise<AdminArticle>
  /** Uploads a cover image, an image for the body or a PDF to cloud storage; returns its fileID. Throws ApiError. */
  upload(file: LocalFile, fileName: string, kind: 'cover' | 'pdf' | 'image'): Promise<string>
  reset(): void
}

const initial: State = { article: null, loading: false, error: null, saving: false, uploading: false }

function cloudPathFor(fileName: string, kind: 'cover' | 'pdf' | 'image'): string {
  const ext = (/\.([a-z0-9]{2,5})$/i.exec(fileName)?.[1] || (kind === 'pdf' ? 'pdf' : 'jpg')).toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `study/${kind === 'cover' ? 'covers' : kind === 'image' ? 'images' : 'attachments'}/${stamp}.${ext}`
}

/** 编辑学习资料: the one article of the form, its save, publish, withdraw and uploads. */
export const useStudyEditStore = create<State & Actions>()((set, get) => {
  const saving = <T>(run: () => Promise<T>) => whileFlag(set, 'saving', run)

  return {
    ...initial,

    async load(articleId) {
      set({ loading: true, error: null })
      try {
        const { article } = await call('study.getArticle', { articleId })
        set({ article, loading: false })
      } catch (e) {
        set({ loading: false, error: toApiError(e) })
      }
    },

    save(input) {
      return saving(async () => {
        const { article } = await call('study.save', input)
        set({ article })
        return article
      })
    },

    publish(input, publishAt) {
      return saving(async () => {
        const saved = await call('study.save', input)
        set({ article: saved.article })
        const { article } = await call('study.publish', {
          articleId: saved.article.id,
          ...(publishAt ? { publishAt } : {}),
        })
        set({ article })
        return article
      })
    },

    withdraw() {
      const current = get().article
      if (!current) return Promise.reject(new ApiError('NOT_FOUND'))
      return saving(async () => {
        const { article } = await call('study.withdraw', { articleId: current.id })
        set({ article })
        return article
      })
    },

    upload(file, fileName, kind) {
      return whileFlag(set, 'uploading', () => uploadFile(file, cloudPathFor(fileName, kind)))
    },

    reset() {
      set(initial)
    },
  }
})
