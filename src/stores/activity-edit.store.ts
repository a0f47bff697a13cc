import { create } from 'zustand'
import { whileFlag } from './busy'
import type { ActivityView, InputOf } from '@/contract'
import { ApiError, call, uploadFile, type LocalFile, toApiError } from '@/services/api-client'

export type ActivitySaveInput = InputOf<'activity.save'>

interface State {
  /** The activity being edited; null while creating one (until its first save). */
  activity: ActivityView | null
  loading: boolean
  error: ApiError | null
  saving: boolean
  uploading: boolean
}

interface Actions {
  /** Loads an activity for editing (drafts included: the organiser's roster call carries the whole view). */
  load(activityId: string): Promise<void>
  /** 保存. Throws ApiError for the form. */
  save(input: ActivitySaveInput): Promise<ActivityView>
  /** Saves, then publishes (opens sign-up). Throws ApiError. */
  publish(input: ActivitySaveInput): Promise<ActivityView>
  /** Uploads a cover image; returns its fileID. Throws ApiError. */
  uploadCover(file: LocalFile, fileName: string): Promise<string>
  reset(): void
}

const initial: State = { activity: null, loading: false, error: null, saving: false, uploading: false }

/** 新建/编辑活动: the one activity of the form and its save and publish. */
export const useActivityEditStore = create<State & Actions>()((set) => {
  const saving = <T>(run: () => Promise<T>) => whileFlag(set, 'saving', run)

  return {
    ...initial,

    async load(activityId) {
      set({ loading: true, error: null })
      try {
        const { activity } = await call('activity.get', { activityId })
        set({ activity, loading: false })
      } catch (e) {
        set({ loading: false, error: toApiError(e) })
      }
    },

    save(input) {
      return saving(async () => {
        const { activity } = await call('activity.save', input)
        set({ activity })
        return activity
      })
    },

    publish(input) {
      return saving(async () => {
        const saved = await call('activity.save', input)
        set({ activity: saved.activity })
        const { activity } = await call('activity.publish', { activityId: saved.activity.id })
        set({ activity })
        return activity
      })
    },

    uploadCover(file, fileName) {
      const ext = (/\.([a-z0-9]{2,5})$/i.exec(fileName)?.[1] || 'jpg').toLowerCase()
      return whileFlag(set, 'uploading', () =>
        uploadFile(file, `activity/covers/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.${ext}`),
      )
    },

    reset() {
      set(initial)
    },
  }
})
