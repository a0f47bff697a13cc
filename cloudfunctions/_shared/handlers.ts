import type { activityActions, ActivityOutputs } from '../../src/contract/activity.contract'
import type { archiveActions, ArchiveOutputs } from '../../src/contract/archive.contract'
import type { meetingActions, MeetingOutputs } from '../../src/contract/meeting.contract'
import type { memberActions, MemberOutputs } from '../../src/contract/member.contract'
import type { quizActions, QuizOutputs } from '../../src/contract/quiz.contract'
import type { remindActions, RemindOutputs } from '../../src/contract/remind.contract'
import type { reviewActions, ReviewOutputs } from '../../src/contract/review.contract'
import type { scorecardActions, ScorecardOutputs } from '../../src/contract/scorecard.contract'
import type { studyActions, StudyOutputs } from '../../src/contract/study.contract'
import type { voteActions, VoteOutputs } from '../../src/contract/vote.contract'
import type { HandlerOf } from './router'

// Each area's handler type, declared once from its contract: `input` and `ctx` (its caller narrowed by the action's
// access) are inferred, so no handler writes an input type beside the schema. Type-only: nothing here is bundled.
export type ActivityHandler<K extends keyof typeof activityActions> = HandlerOf<
  typeof activityActions,
  ActivityOutputs,
  K
>
export type ArchiveHandler<K extends keyof typeof archiveActions> = HandlerOf<typeof archiveActions, ArchiveOutputs, K>
export type MeetingHandler<K extends keyof typeof meetingActions> = HandlerOf<typeof meetingActions, MeetingOutputs, K>
export type MemberHandler<K extends keyof typeof memberActions> = HandlerOf<typeof memberActions, MemberOutputs, K>
export type QuizHandler<K extends keyof typeof quizActions> = HandlerOf<typeof quizActions, QuizOutputs, K>
export type RemindHandler<K extends keyof typeof remindActions> = HandlerOf<typeof remindActions, RemindOutputs, K>
export type ReviewHandler<K extends keyof typeof reviewActions> = HandlerOf<typeof reviewActions, ReviewOutputs, K>
export type ScorecardHandler<K extends keyof typeof scorecardActions> = HandlerOf<
  typeof scorecardActions,
  ScorecardOutputs,
  K
>
export type StudyHandler<K extends keyof typeof studyActions> = HandlerOf<typeof studyActions, StudyOutputs, K>
export type VoteHandler<K extends keyof typeof voteActions> = HandlerOf<typeof voteActions, VoteOutputs, K>
