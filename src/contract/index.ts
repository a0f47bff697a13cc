import type { ActivityOutputs } from './activity.contract'
import type { ArchiveOutputs } from './archive.contract'
import { archiveActions } from './archive.contract'
import type { ReviewOutputs } from './review.contract'
import { reviewActions } from './review.contract'
import type { VoteOutputs } from './vote.contract'
import type { ScorecardOutputs } from './scorecard.contract'
import type { RemindOutputs } from './remind.contract'
import { remindActions } from './remind.contract'
import { scorecardActions } from './scorecard.contract'
import { voteActions } from './vote.contract'
import { activityActions } from './activity.contract'
import type { MeetingOutputs } from './meeting.contract'
import { meetingActions } from './meeting.contract'
import type { MemberOutputs } from './member.contract'
import type { QuizOutputs } from './quiz.contract'
import type { StudyOutputs } from './study.contract'
import { studyActions } from './study.contract'
import { quizActions } from './quiz.contract'
import { memberActions } from './member.contract'
import type { Infer } from './schema'

export * from './errors'
export type { VoteView, VoteOption, VoteResults, VoteResultRow } from './vote.contract'
export type { ReviewView, ReviewMemberRow } from './review.contract'
export type { ScorecardView, ScoreRow } from './scorecard.contract'
export type { MemberView, Me, BindStatus, OrgView, TodayCard } from './member.contract'
export type { ActivityView, SignupView, ExtraField } from './activity.contract'
export type { ArticleCard, ArticleView, AdminArticle, Attachment } from './study.contract'
export type {
  QuizView,
  QuestionView,
  PaperQuestion,
  AttemptView,
  AttemptResult,
  ResultItem,
  MyQuiz,
  BranchProgress,
} from './quiz.contract'
export type {
  MeetingView,
  MyMeeting,
  LeaveView,
  LeaveStatus,
  BoardRow,
  MemberStats,
  RecordView,
  TalkView,
  StoredFile,
  PersonRef,
  MakeupTask,
  MakeupRow,
  ObjectionView,
} from './meeting.contract'

/** Every cloud function and its actions. A function's folder in cloudfunctions/ has the same name. */
export const CONTRACT = {
  member: memberActions,
  meeting: meetingActions,
  quiz: quizActions,
  study: studyActions,
  activity: activityActions,
  archive: archiveActions,
  review: reviewActions,
  vote: voteActions,
  scorecard: scorecardActions,
  remind: remindActions,
} as const

interface Outputs {
  member: MemberOutputs
  meeting: MeetingOutputs
  quiz: QuizOutputs
  study: StudyOutputs
  activity: ActivityOutputs
  archive: ArchiveOutputs
  review: ReviewOutputs
  vote: VoteOutputs
  scorecard: ScorecardOutputs
  remind: RemindOutputs
}

type Fn = keyof typeof CONTRACT
type Act<F extends Fn> = keyof (typeof CONTRACT)[F] & keyof Outputs[F] & string

/** `'member.whoami'` and the like: every procedure the app can call. */
export type ProcedureName = { [F in Fn]: `${F}.${Act<F>}` }[Fn]

type FnOf<N> = N extends `${infer F extends Fn}.${string}` ? F : never
type ActOf<N> = N extends `${string}.${infer A}` ? A : never
type SpecOf<N extends ProcedureName> = (typeof CONTRACT)[FnOf<N>][ActOf<N> & keyof (typeof CONTRACT)[FnOf<N>]]

export type InputOf<N extends ProcedureName> = SpecOf<N> extends { input: infer S } ? Infer<S> : never

export type OutputOf<N extends ProcedureName> = Outputs[FnOf<N>][ActOf<N> & keyof Outputs[FnOf<N>]]

/** The event a cloud function receives: exactly what `wx.cloud.callFunction({ name, data })` sends as `data`. */
export interface CallEvent {
  action: string
  input?: unknown
}

export { BUDGETS, type Budget } from './budget'
