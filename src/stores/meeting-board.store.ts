import { create } from 'zustand'
import type { BoardRow, OutputOf } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

type Board = OutputOf<'meeting.board'>

interface State {
  meetingId: string | null
  board: Board | null
  loading: boolean
  error: ApiError | null
  /** A member id with a mark on its way, or 'close' / 'export' / 'code'. */
  busy: string | null
}

interface Actions {
  /** Loads the board; `silent` for the 5-second refresh, which keeps the current rows on screen and on failure. */
  load(meetingId: string, opts?: { silent?: boolean }): Promise<void>
  /** 代签/补录. Throws ApiError. */
  mark(row: BoardRow, status: 'present' | 'late' | 'absent', reason: string, at?: string): Promise<void>
  /** Approves a member's pending leave from the board (one tap). Throws ApiError. */
  approveLeave(row: BoardRow): Promise<void>
  /** 结束会议. Throws ApiError. */
  close(): Promise<void>
  /** 导出签到表: the xlsx's link. Throws ApiError. */
  exportSheet(): Promise<OutputOf<'meeting.export'>>
  /** 打印签到码: the printed code's image. Throws ApiError. */
  staticCode(): Promise<OutputOf<'meeting.staticCode'>>
  reset(): void
}

const initial: State = { meetingId: null, board: null, loading: false, error: null, busy: null }

/** 签到看板: the live counts and rows of one meeting, and the organiser's actions on it. */
export const useMeetingBoardStore = create<State & Actions>()((set, get) => {
  let generation = 0

  const withBusy = async <T>(key: string, run: () => Promise<T>): Promise<T> => {
    set({ busy: key })
    try {
      return await run()
    } finally {
      set({ busy: null })
    }
  }
  const idOrThrow = () => {
    const id = get().meetingId
    if (!id) throw new ApiError('NOT_FOUND')
    return id
  }

  return {
    ...initial,

    async load(meetingId, opts = {}) {
      const gen = ++generation
      if (get().meetingId !== meetingId) set({ meetingId, board: null })
      if (!opts.silent) set({ loading: true, error: null })
      try {
        const board = await call('meeting.board', { meetingId })
        if (gen !== generation) return
        set({ board, loading: false, error: null })
      } catch (e) {
        if (gen !== generation) return
        // A failed background refresh keeps the last good board; only a visible load reports the error.
        if (!opts.silent || !get().board) set({ loading: false, error: toApiError(e) })
      }
    },

    async mark(row, status, reason, at) {
      const meetingId = idOrThrow()
      await withBusy(row.memberId, () =>
        call('meeting.mark', { meetingId, memberId: row.memberId, status, reason, at }),
      )
      await get().load(meetingId, { silent: true })
    },

    async approveLeave(row) {
      const meetingId = idOrThrow()
      if (!row.pendingLeave) return
      const leaveId = row.pendingLeave.leaveId
      await withBusy(row.memberId, () => call('meeting.reviewLeave', { leaveId, approve: true }))
      await get().load(meetingId, { silent: true })
    },

    async close() {
      const meetingId = idOrThrow()
      await withBusy('close', () => call('meeting.close', { meetingId }))
      await get().load(meetingId, { silent: true })
    },

    exportSheet() {
      const meetingId = idOrThrow()
      return withBusy('export', () => call('meeting.export', { kind: 'meeting', meetingId }))
    },

    staticCode() {
      const meetingId = idOrThrow()
      return withBusy('code', () => call('meeting.staticCode', { meetingId }))
    },

    reset() {
      generation++
      set(initial)
    },
  }
})
