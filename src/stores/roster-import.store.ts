import { create } from 'zustand'
import type { ErrorBody, OutputOf } from '@/contract'
import { ApiError, call, uploadFile, type LocalFile } from '@/services/api-client'

export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'failed'

interface State {
  phase: ImportPhase
  fileName: string | null
  result: OutputOf<'member.import'> | null
  error: ApiError | null
  /** Row-by-row problems of a rejected file (IMPORT_INVALID). */
  rowErrors: NonNullable<ErrorBody['details']>
}

interface Actions {
  /** Uploads the picked roster file and imports it. Never throws: the outcome is in the state. */
  run(file: LocalFile, fileName: string): Promise<void>
  reset(): void
}

const initial: State = { phase: 'idle', fileName: null, result: null, error: null, rowErrors: [] }

function cloudPathFor(fileName: string): string {
  const ext = (/\.(xlsx|csv)$/i.exec(fileName)?.[1] || 'xlsx').toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `imports/roster-${stamp}.${ext}`
}

/** 导入花名册: upload a roster file, import it, keep the counts or the row errors. */
export const useRosterImportStore = create<State & Actions>()((set) => ({
  ...initial,

  async run(file, fileName) {
    set({ ...initial, phase: 'uploading', fileName })
    try {
      const fileID = await uploadFile(file, cloudPathFor(fileName))
      set({ phase: 'importing' })
      const result = await call('member.import', { fileID })
      set({ phase: 'done', result })
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError('INTERNAL')
      set({ phase: 'failed', error, rowErrors: error.code === 'IMPORT_INVALID' ? error.details ?? [] : [] })
    }
  },

  reset() {
    set(initial)
  },
}))
