import type { ActivityView } from '@/contract'

export type ActivityPhase = 'draft' | ActivityView['signupState']

export const ACTIVITY_PHASE_LABELS: Record<ActivityPhase, string> = {
  draft: '草稿',
  not_open: '未开始报名',
  open: '报名中',
  closed: '报名已截止',
}

/** One word for the organiser: a draft, or where sign-up stands. */
export function activityPhase(a: Pick<ActivityView, 'status' | 'signupState'>): ActivityPhase {
  return a.status === 'draft' ? 'draft' : a.signupState
}
