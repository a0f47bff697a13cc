import { create } from 'zustand'
import type { ErrorBody } from '@/contract'
import type { RosterImportResult } from '@/contract/member.contract'
import { ApiError, call, uploadFile, type LocalFile, toApiError } from '@/services/api-client'

/** 导入花名册 in two steps: the file is checked and previewed; nothing is written until the admin confirms. */
export type RosterImportPhase = 'idle' | 'uploading' | 'importing' | 'preview' | 'confirming' | 'done' | 'failed'

interface State {
  phase: RosterImportPhase
  fileName: string | null
  fileID: string | null
  /** The preview (stage `preview`) or what was written (stage `done`). */
  result: RosterImportResult | null
  error: ApiError | null
  rowErrors: NonNullable<ErrorBody['details']>
}

interface Actions {
  /** Uploads the picked file and asks for its preview. Never throws: the outcome is in the state. */
  run(file: LocalFile, fileName: string): Promise<void>
  /** Applies the preview on screen. */
  confirm(): Promise<void>
  reset(): void
}

const initial: State = { phase: 'idle', fileName: null, fileID: null, result: null, error: null, rowErrors: [] }

function cloudPathFor(fileName: string): string {
  const ext = (/\.(xlsx|csv)$/i.exec(fileName)?.[1] || 'xlsx').toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `imports/roster-${stamp}.${ext}`
}

const failed = (e: unknown): Partial<State> => {
  const error = toApiError(e)
  return { phase: 'failed', error, rowErrors: error.code === 'IMPORT_INVALID' ? (error.details ?? []) : [] }
}

export const useRosterImportStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async run(file, fileName) {
    set({ ...initial, phase: 'uploading', fileName })
    try {
      const fileID = await uploadFile(file, cloudPathFor(fileName))
      set({ phase: 'importing', fileID })
      const result = await call('member.import', { fileID })
      set({ phase: 'preview', result })
    } catch (e) {
      set(failed(e))
    }
  },

  async confirm() {
    const { fileID, result, phase } = get()
    if (phase !== 'preview' || !fileID || !result) return
    set({ phase: 'confirming' })
    try {
      set({ phase: 'done', result: await call('member.import', { fileID, confirm: result.confirmToken }) })
    } catch (e) {
      set(failed(e))
    }
  },

  reset() {
    set(initial)
  },
}))
