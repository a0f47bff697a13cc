import { create } from 'zustand'
import type { MakeupTask, RecordView } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

interface State {
  year: number | null
  tasks: MakeupTask[] | null
  open: number
  loading: boolean
  error: ApiError | null
  /** The meeting being caught up on: its 纪实 and the member's task. */
  record: RecordView | null
  task: MakeupTask | null
  recordError: ApiError | null
  submitting: boolean
}

interface Actions {
  loadTasks(): Promise<void>
  /** Opens one meeting's 补学: its task (from the list) and its 纪实. */
  openMeeting(meetingId: string): Promise<void>
  /** Writes the reflection; throws ApiError for the form. */
  submit(reflection: string): Promise<{ already: boolean }>
  reset(): void
}

const initial: State = {
  year: null,
  tasks: null,
  open: 0,
  loading: false,
  error: null,
  record: null,
  task: null,
  recordError: null,
  submitting: false,
}

/** 补学: the meetings the member missed this year, and catching up on one (read its 纪实, write a reflection). */
export const useMeetingMakeupStore = create<State & Actions>()((set, get) => ({
  ...initial,

  async loadTasks() {
    set({ loading: true, error: null })
    try {
      const out = await call('meeting.makeupTasks', {})
      set({ year: out.year, tasks: out.items, open: out.open, loading: false })
    } catch (e) {
      set({ loading: false, error: toApiError(e) })
    }
  },

  async openMeeting(meetingId) {
    set({ record: null, task: null, recordError: null })
    try {
      const [tasks, { record }] = await Promise.all([
        get().tasks ? Promise.resolve(null) : call('meeting.makeupTasks', {}),
        call('meeting.record', { meetingId }),
      ])
      if (tasks) set({ year: tasks.year, tasks: tasks.items, open: tasks.open })
      const task = (get().tasks ?? []).find((x) => x.meetingId === meetingId) ?? null
      set({ record, task })
    } catch (e) {
      set({ recordError: toApiError(e) })
    }
  },

  async submit(reflection) {
    const task = get().task
    if (!task) return { already: false }
    set({ submitting: true })
    try {
      const out = await call('meeting.submitMakeup', { meetingId: task.meetingId, reflection })
      const tasks = (get().tasks ?? []).map((x) => (x.meetingId === out.task.meetingId ? out.task : x))
      set({ task: out.task, tasks, open: tasks.filter((x) => !x.done).length })
      return { already: out.already }
    } finally {
      set({ submitting: false })
    }
  },

  reset() {
    set(initial)
  },
}))
