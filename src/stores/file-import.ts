import { create } from 'zustand'
import type { ErrorBody } from '@/contract'
import { ApiError, uploadFile, type LocalFile, toApiError } from '@/services/api-client'

export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'failed'

export interface FileImportState<Result> {
  phase: ImportPhase
  fileName: string | null
  /** The uploaded file, for a second call that confirms a preview. */
  fileID: string | null
  result: Result | null
  error: ApiError | null
  /** Row-by-row problems of a rejected file (IMPORT_INVALID). */
  rowErrors: NonNullable<ErrorBody['details']>
}

export interface FileImportActions<Result> {
  /** Uploads the picked file and imports it. Never throws: the outcome is in the state. */
  run(file: LocalFile, fileName: string): Promise<void>
  /** Replaces the result (a confirmed preview's outcome). */
  setResult(result: Result): void
  reset(): void
}

/** A fresh cloud path under imports/ per upload, so two imports never overwrite each other's file. */
function cloudPathFor(prefix: string, fileName: string): string {
  const ext = (/\.(xlsx|csv)$/i.exec(fileName)?.[1] || 'xlsx').toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `imports/${prefix}-${stamp}.${ext}`
}

/**
 * A store for one spreadsheet import: upload the file (as imports/<prefix>-….xlsx|csv), hand its file id to
 * `importFile`, and keep the result or the error with its row errors.
 */
export function createFileImportStore<Result>(prefix: string, importFile: (fileID: string) => Promise<Result>) {
  const initial: FileImportState<Result> = {
    phase: 'idle',
    fileName: null,
    fileID: null,
    result: null,
    error: null,
    rowErrors: [],
  }

  return create<FileImportState<Result> & FileImportActions<Result>>()((set) => ({
    ...initial,

    async run(file, fileName) {
      set({ ...initial, phase: 'uploading', fileName })
      try {
        const fileID = await uploadFile(file, cloudPathFor(prefix, fileName))
        set({ phase: 'importing', fileID })
        const result = await importFile(fileID)
        set({ phase: 'done', result })
      } catch (e) {
        const error = toApiError(e)
        set({ phase: 'failed', error, rowErrors: error.code === 'IMPORT_INVALID' ? (error.details ?? []) : [] })
      }
    },

    setResult(result) {
      set({ result })
    },

    reset() {
      set(initial)
    },
  }))
}
