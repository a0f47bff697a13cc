import { create } from 'zustand'
import type { ErrorBody, OutputOf } from '@/contract'
import { ApiError, call, uploadFile, type LocalFile } from '@/services/api-client'

export type BankImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'failed'

interface State {
  phase: BankImportPhase
  fileName: string | null
  result: OutputOf<'quiz.importBank'> | null
  error: ApiError | null
  /** Row-by-row problems of a rejected file (IMPORT_INVALID). */
  rowErrors: NonNullable<ErrorBody['details']>
}

interface Actions {
  /** Uploads the picked bank file and imports it. Never throws: the outcome is in the state. */
  run(file: LocalFile, fileName: string): Promise<void>
  reset(): void
}

const initial: State = { phase: 'idle', fileName: null, result: null, error: null, rowErrors: [] }

function cloudPathFor(fileName: string): string {
  const ext = (/\.(xlsx|csv)$/i.exec(fileName)?.[1] || 'xlsx').toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `imports/bank-${stamp}.${ext}`
}

/** 导入题库: upload a bank file, import it, keep the counts and duplicates or the row errors. */
export const useBankImportStore = create<State & Actions>()((set) => ({
  ...initial,

  async run(file, fileName) {
    set({ ...initial, phase: 'uploading', fileName })
    try {
      const fileID = await uploadFile(file, cloudPathFor(fileName))
      set({ phase: 'importing' })
      const result = await call('quiz.importBank', { fileID })
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
