import { useCallback, useRef, useState } from 'react'
import type { ErrorBody } from '@/contract'
import { uploadFile, type ApiError, type LocalFile } from '@/remote'
import { toApiError } from '@/services/api-client'

// One spreadsheet import on a staff screen (导入题库, 导入花名册): upload the picked file, hand its file id to the
// import procedure, keep the answer or the error with its row errors. Component state, not a store: the outcome
// belongs to the screen that started it and is gone when the admin leaves it (the stores had to be reset on unload).

export type ImportPhase = 'idle' | 'uploading' | 'importing' | 'done' | 'failed'

export type RowErrors = NonNullable<ErrorBody['details']>

export interface FileImport<Result> {
  phase: ImportPhase
  fileName: string | null
  /** The uploaded file, for a second call that confirms a preview. */
  fileID: string | null
  result: Result | null
  error: ApiError | null
  /** Row-by-row problems of a rejected file (IMPORT_INVALID). */
  rowErrors: RowErrors
  /** Uploads the picked file and imports it; resolves with the answer, or null when it failed (see `error`). */
  run(file: LocalFile, fileName: string): Promise<Result | null>
  /** Replaces the answer (a confirmed preview's outcome). */
  setResult(result: Result): void
  /** Marks the import failed with this error (a confirm call's refusal). */
  fail(e: unknown): void
  reset(): void
}

/** A fresh cloud path under imports/ per upload, so two imports never overwrite each other's file. */
export function cloudPathFor(prefix: string, fileName: string): string {
  const ext = (/\.(xlsx|csv)$/i.exec(fileName)?.[1] || 'xlsx').toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `imports/${prefix}-${stamp}.${ext}`
}

interface State<Result> {
  phase: ImportPhase
  fileName: string | null
  fileID: string | null
  result: Result | null
  error: ApiError | null
  rowErrors: RowErrors
}

const initial: State<never> = { phase: 'idle', fileName: null, fileID: null, result: null, error: null, rowErrors: [] }

export function failureOf(e: unknown): { error: ApiError; rowErrors: RowErrors } {
  const error = toApiError(e)
  return { error, rowErrors: error.code === 'IMPORT_INVALID' ? (error.details ?? []) : [] }
}

/**
 * `importFile` is called with the uploaded file's id (e.g. `(fileID) => run({ fileID })` of a useMutation). A second
 * pick while one import runs replaces it: the older one's answer is dropped.
 */
export function useFileImport<Result>(
  prefix: string,
  importFile: (fileID: string) => Promise<Result>,
): FileImport<Result> {
  const [state, setState] = useState<State<Result>>(initial)
  const latest = useRef(importFile)
  latest.current = importFile
  const generation = useRef(0)

  const run = useCallback(
    async (file: LocalFile, fileName: string) => {
      const mine = ++generation.current
      const set = (next: Partial<State<Result>>) => {
        if (generation.current === mine) setState((s) => ({ ...s, ...next }))
      }
      setState({ ...initial, phase: 'uploading', fileName })
      try {
        const fileID = await uploadFile(file, cloudPathFor(prefix, fileName))
        set({ phase: 'importing', fileID })
        const result = await latest.current(fileID)
        set({ phase: 'done', result })
        return generation.current === mine ? result : null
      } catch (e) {
        set({ phase: 'failed', ...failureOf(e) })
        return null
      }
    },
    [prefix],
  )

  const setResult = useCallback((result: Result) => setState((s) => ({ ...s, result })), [])
  const fail = useCallback((e: unknown) => setState((s) => ({ ...s, phase: 'failed', ...failureOf(e) })), [])
  const reset = useCallback(() => {
    generation.current++
    setState(initial)
  }, [])

  return { ...state, run, setResult, fail, reset }
}
