import { COL, CollectionName } from './collections'

/**
 * Every collection and the indexes its queries need. Create them in the CloudBase console (or with the deploy
 * script) before going live; the local cloud reads the same list. `_id` is always indexed and unique.
 *
 * SORT_ORDER: a sorted read is given its order by a composite index whose first fields the read holds equal and whose
 * next fields are the sort's, in order, all in the index's directions or all reversed (WeChat 云开发 索引管理,
 * developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/database/index.md: "组合索引 … 前缀",
 * "字段排序决定排序查询是否可以命中索引"; docs.cloudbase.net/database/data-index). Without one the database sorts in
 * memory, which MongoDB (CloudBase's engine) aborts past its memory limit (mongodb.com/docs/manual/tutorial/
 * sort-results-with-indexes/). Every paged list ends its sort on `_id` (ties have no stable order across pages:
 * emulator/db/tie-order.ts), so its index ends on `_id` too. __tests__/functions/budget/budget.test.ts checks every
 * sorted read the budget cases make against this list (sort-indexes.ts). The local cloud narrows by top-level fields
 * only (emulator/db/prefilter.ts) and ignores `_id` here; the deploy rebuilds an index whose keys changed.
 */
export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

export const INDEXES: Record<CollectionName, IndexSpec[]> = {
  [COL.orgs]: [
    { name: 'parent', keys: { parentId: 1, sort: 1 } },
    { name: 'invite', keys: { inviteCode: 1 } },
  ],
  [COL.members]: [
    // member.list / exportRoster: a branch's roster by name (`_id` the tie-break of namesakes).
    { name: 'branch_name', keys: { branchId: 1, status: 1, name: 1, _id: 1 } },
    // review.open: the electorate by name, across branches.
    { name: 'status_name', keys: { status: 1, name: 1, _id: 1 } },
    { name: 'bind_lookup', keys: { name: 1, phoneTail: 1 } },
    { name: 'phone', keys: { phone: 1 }, unique: true },
    { name: 'role', keys: { role: 1 } },
    { name: 'bind_status', keys: { branchId: 1, bindStatus: 1 } },
    // member/org.ts: a 党小组's members (retiring or moving a group).
    { name: 'group', keys: { groupId: 1, status: 1 } },
    // Caller identification on every call: the member bound to this openid, in one read.
    { name: 'openid', keys: { openid: 1 } },
  ],
  [COL.bindings]: [{ name: 'member', keys: { memberId: 1 } }],
  [COL.meetings]: [
    // meeting.list: a branch's meetings, newest first, `_id` the tie-break of every page (SORT_ORDER above).
    { name: 'branch_start', keys: { branchId: 1, startAt: -1, _id: 1 } },
    // meeting.compliance: the branch's first meeting (the default start), earliest first.
    { name: 'branch_start_asc', keys: { branchId: 1, startAt: 1, _id: 1 } },
    // meeting.mine: the meetings she is expected at or that are open ($or: one index per branch, merged in order),
    // upcoming by start ascending, past descending; both tie-break on `_id` ascending, so each way needs its own.
    { name: 'expected_start', keys: { expectedIds: 1, startAt: 1, _id: 1 } },
    { name: 'expected_start_desc', keys: { expectedIds: 1, startAt: -1, _id: 1 } },
    { name: 'open_start', keys: { open: 1, startAt: 1, _id: 1 } },
    { name: 'open_start_desc', keys: { open: 1, startAt: -1, _id: 1 } },
    // scorecard: the whole committee's meetings still in their sign-in window (status scheduled, started lately).
    { name: 'status_start', keys: { status: 1, startAt: 1, _id: 1 } },
  ],
  [COL.attendance]: [
    { name: 'meeting', keys: { meetingId: 1, status: 1 } },
    { name: 'branch_period', keys: { branchId: 1, meetingStartAt: 1 } },
    // member.today: her own requests still pending.
    { name: 'member_status', keys: { memberId: 1, status: 1, meetingStartAt: 1 } },
    { name: 'member_period', keys: { memberId: 1, meetingStartAt: 1 } },
  ],
  [COL.leaves]: [
    // meeting.leaves: one meeting's requests, or a branch's by status, newest first (`_id` the tie-break).
    { name: 'meeting', keys: { meetingId: 1, requestedAt: -1, _id: 1 } },
    { name: 'branch_status', keys: { branchId: 1, status: 1, requestedAt: -1, _id: 1 } },
    { name: 'branch_period', keys: { branchId: 1, meetingStartAt: 1 } },
    // member.today: her own requests still pending.
    { name: 'member_status', keys: { memberId: 1, status: 1, meetingStartAt: 1, _id: 1 } },
  ],
  // The secretary's list (branch, status, newest first) and the committee's (status, newest first).
  [COL.objections]: [
    { name: 'branch_status', keys: { branchId: 1, status: 1, raisedAt: -1, _id: 1 } },
    { name: 'status', keys: { status: 1, raisedAt: -1, _id: 1 } },
  ],
  [COL.questions]: [
    { name: 'status_type', keys: { status: 1, type: 1, category: 1 } },
    // quiz.questions: the bank by status, last changed first.
    { name: 'status_updated', keys: { status: 1, updatedAt: -1, _id: 1 } },
    { name: 'key', keys: { key: 1 }, unique: true },
  ],
  [COL.quizzes]: [
    { name: 'status_open', keys: { status: 1, openAt: -1, _id: 1 } },
    // member.today: open tests closing first.
    { name: 'status_close', keys: { status: 1, closeAt: 1, _id: 1 } },
  ],
  [COL.attempts]: [
    // quiz.liveView / exportResults: a test's attempts by branch, newest attempt first per member.
    { name: 'quiz_status', keys: { quizId: 1, status: 1, branchId: 1, n: -1 } },
    { name: 'member_quiz', keys: { memberId: 1, quizId: 1, n: 1 } },
  ],
  [COL.practice]: [{ name: 'member_date', keys: { memberId: 1, date: 1 } }],
  [COL.wrongBook]: [{ name: 'member_recent', keys: { memberId: 1, lastWrongAt: -1 } }],
  [COL.articles]: [
    { name: 'status_publish', keys: { status: 1, publishAt: -1, _id: 1 } },
    // study.adminList: every article, last changed first.
    { name: 'updated', keys: { updatedAt: -1, _id: 1 } },
    { name: 'category', keys: { status: 1, category: 1, publishAt: -1 } },
    { name: 'due', keys: { status: 1, required: 1, notifiedAt: 1, publishAt: 1 } },
    // remind: required reading whose deadline comes within a day (必读到期提醒).
    { name: 'required_deadline', keys: { status: 1, required: 1, deadline: 1, _id: 1 } },
    // study/notice-job.ts: notice jobs whose lease has lapsed.
    { name: 'notice_jobs', keys: { 'notice.status': 1, 'notice.leaseUntil': 1 } },
  ],
  [COL.reads]: [
    { name: 'article', keys: { articleId: 1, branchId: 1 } },
    { name: 'member', keys: { memberId: 1 } },
  ],
  [COL.readSessions]: [],
  // study/reflections.ts: an article's reflections by branch, newest first; a member's by year.
  [COL.reflections]: [
    { name: 'article', keys: { articleId: 1, branchId: 1, updatedAt: -1, _id: 1 } },
    { name: 'member', keys: { memberId: 1, updatedAt: -1, _id: 1 } },
  ],
  [COL.subscriptions]: [{ name: 'template_credits', keys: { templateId: 1, credits: 1, branchId: 1 } }],
  [COL.notices]: [{ name: 'article_state', keys: { articleId: 1, state: 1 } }],
  [COL.activities]: [
    { name: 'status_start', keys: { status: 1, startAt: 1 } },
    { name: 'kind_signup', keys: { kind: 1, signupOpenAt: 1, signupCloseAt: 1 } },
    // activity.manage: every activity, latest start first.
    { name: 'start', keys: { startAt: -1, _id: 1 } },
  ],
  [COL.signups]: [
    { name: 'activity_status_wait', keys: { activityId: 1, status: 1, waitAt: 1 } },
    // activity.roster / exportRoster: an activity's sign-ups (all, or of one status) in the order they came.
    { name: 'activity_created', keys: { activityId: 1, createdAt: 1, _id: 1 } },
    { name: 'activity_status_created', keys: { activityId: 1, status: 1, createdAt: 1, _id: 1 } },
    // remind: places confirmed since a 活动提醒 swept the list (promotions, approvals stamp updatedAt).
    { name: 'activity_status_updated', keys: { activityId: 1, status: 1, updatedAt: 1 } },
    // member.waiting: sign-ups under review across all activities.
    { name: 'status', keys: { status: 1 } },
    { name: 'member_status', keys: { memberId: 1, status: 1 } },
    { name: 'rotation', keys: { memberId: 1, subType: 1, status: 1, activityStartAt: 1 } },
    // scorecard: confirmed volunteer hours of a year, grouped by branch and month.
    { name: 'kind_period', keys: { status: 1, kind: 1, activityStartAt: 1 } },
  ],
  [COL.bindAttempts]: [],
  [COL.meetingRecords]: [{ name: 'branch_start', keys: { branchId: 1, meetingStartAt: -1 } }],
  // 补学: a meeting's list, a member's year, and period reports grouped by branch or member.
  [COL.makeups]: [
    { name: 'meeting', keys: { meetingId: 1 } },
    { name: 'member_period', keys: { memberId: 1, meetingStartAt: 1 } },
    { name: 'branch_period', keys: { branchId: 1, meetingStartAt: 1 } },
    // member.today: her own requests still pending.
    { name: 'member_status', keys: { memberId: 1, status: 1, meetingStartAt: 1 } },
  ],
  [COL.talks]: [
    { name: 'branch_year', keys: { branchId: 1, year: 1, at: -1, _id: 1 } },
    { name: 'secretary_year', keys: { secretaryId: 1, year: 1 } },
  ],
  [COL.lifeRules]: [],
  // Only read by _id (member/org-admin-guard.ts).
  [COL.guards]: [],
  // Only read by _id, the confirm token (member/roster-import-job.ts).
  [COL.importJobs]: [],
  // Only read by _id (quiz/bank-import-job.ts).
  [COL.bankImportJobs]: [],
  // review/reviews.ts: where({ status: 'open' }).orderBy('closeAt', 'desc').
  [COL.reviews]: [
    { name: 'open', keys: { status: 1, closeAt: -1, _id: 1 } },
    // scorecard: the reviews opened in a year.
    { name: 'opened', keys: { openAt: 1 } },
    // member.year: the closed reviews of her years, latest first.
    { name: 'status_opened', keys: { status: 1, openAt: -1, _id: 1 } },
  ],
  [COL.reviewBranches]: [{ name: 'review', keys: { reviewId: 1 } }],
  [COL.reviewSelf]: [{ name: 'review_branch', keys: { reviewId: 1, branchId: 1 } }],
  [COL.reviewVoters]: [
    { name: 'review_branch', keys: { reviewId: 1, branchId: 1, voted: 1 } },
    { name: 'member', keys: { memberId: 1 } },
  ],
  // Deliberately nothing that orders ballots (no time, no sequence): only the review and branch they count for.
  [COL.reviewBallots]: [{ name: 'review_branch', keys: { reviewId: 1, branchId: 1 } }],
  [COL.votes]: [{ name: 'owner_created', keys: { ownerBranchId: 1, createdAt: -1, _id: 1 } }],
  [COL.voteVoters]: [
    { name: 'vote', keys: { voteId: 1, voted: 1 } },
    { name: 'member', keys: { memberId: 1, closeAt: -1, _id: 1 } },
  ],
  [COL.voteBallots]: [{ name: 'vote', keys: { voteId: 1 } }],
  // _shared/reminder-job.ts on _shared/job-runner.ts: the jobs a timer tick may run (status, lease lapsed).
  [COL.reminderJobs]: [
    { name: 'due', keys: { 'job.status': 1, 'job.leaseUntil': 1 } },
    { name: 'item', keys: { kind: 1, itemId: 1, createdAt: -1, _id: 1 } },
  ],
  [COL.reminders]: [{ name: 'job_state', keys: { jobId: 1, state: 1 } }],
  [COL.reminderThrottle]: [],
  // One document read by id.
  [COL.scoreWeights]: [],
  [COL.auditLogs]: [{ name: 'target', keys: { targetId: 1, at: -1 } }],
  [COL.outbox]: [{ name: 'to', keys: { touser: 1, createdAt: -1 } }],
}
