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
  /** While confirming a large file: rows written so far. */
  progress: RosterImportResult['progress'] | null
}

interface Actions {
  /** Uploads the picked file and asks for its preview. Never throws: the outcome is in the state. */
  run(file: LocalFile, fileName: string): Promise<void>
  /** Applies the preview on screen. */
  confirm(): Promise<void>
  reset(): void
}

const initial: State = {
  phase: 'idle',
  fileName: null,
  fileID: null,
  result: null,
  error: null,
  rowErrors: [],
  progress: null,
}
/** Lost or cut-off confirm calls retried in a row before giving up (the cloud resumes the import each time). */
const RESUMES = 3

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
    set({ phase: 'confirming', progress: null })
    // A large file is written over several calls: the cloud answers `writing` with its progress and the same token
    // goes on from where it stopped — also after a call that was cut off or lost (up to RESUMES times in a row).
    let lost = 0
    for (;;) {
      try {
        const next = await call('member.import', { fileID, confirm: result.confirmToken })
        if (next.stage === 'done') return set({ phase: 'done', result: next, progress: null })
        set({ progress: next.progress ?? null })
        lost = 0
      } catch (e) {
        if (toApiError(e).code !== 'NETWORK' || ++lost > RESUMES) return set(failed(e))
      }
    }
  },

  reset() {
    set(initial)
  },
}))
