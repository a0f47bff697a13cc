/** CloudBase collection names (snake_case), in one place so a typo is a compile error. */
export const COL = {
  orgs: 'orgs',
  members: 'members',
  /** `_id` = OPENID: one WeChat identity can point at one member, enforced by the key itself. */
  bindings: 'bindings',
  meetings: 'meetings',
  attendance: 'attendance',
  leaves: 'leaves',
  /** `_id` = `${meetingId}_${memberId}`: a member's 出勤异议 on one meeting (one per member and meeting). */
  objections: 'objections',
  questions: 'questions',
  quizzes: 'quizzes',
  attempts: 'attempts',
  /** `_id` = `${memberId}_${date}_${questionId}`: one answer per daily question. */
  practice: 'practice',
  /** `_id` = `${memberId}_${questionId}`: the member's 错题本. */
  wrongBook: 'wrong_book',
  articles: 'articles',
  reads: 'reads',
  /** `_id` = `${articleId}_${memberId}`: when the member last opened the article (server time). */
  readSessions: 'read_sessions',
  /** `_id` = `${articleId}_${memberId}`: a member's 学习心得 on an article. */
  reflections: 'reflections',
  /** `_id` = `${memberId}_${templateId}`: subscribe-message credits (one consent, one message). */
  subscriptions: 'subscriptions',
  /** `_id` = `${articleId}_${memberId}`: one study notice per member and article, created before its send. */
  notices: 'notices',
  activities: 'activities',
  signups: 'signups',
  /** `_id` = `o_<hash of openid>` or `n_<hash of name>`: wrong bind attempts in the current 24 h window. */
  bindAttempts: 'bind_attempts',
  /** `_id` = meetingId: a meeting's 纪实 (one record per meeting, saved over and over). */
  meetingRecords: 'meeting_records',
  /** `_id` = `${meetingId}_${memberId}`: a member's 补学 of a meeting she missed (one per member and meeting). */
  makeups: 'makeups',
  /** 谈心谈话 records; `_id` derived from secretary, time and participants so a retry lands on the same one. */
  talks: 'talks',
  /** `_id` = 'rules': the committee's settings for organisation life (谈心谈话 per year). */
  lifeRules: 'life_rules',
  /** 民主评议党员: one per period, opened by the committee. */
  reviews: 'reviews',
  /** `_id` = `${reviewId}_${branchId}`: the branch's participants (fixed at opening) and its proposal. */
  reviewBranches: 'review_branches',
  /** `_id` = `${reviewId}_${memberId}`: a member's 自我评价 (named, not secret). */
  reviewSelf: 'review_self',
  /**
   * `_id` = `${reviewId}_${memberId}`, created for every participant when the review opens (roster order) and only
   * flipped to voted: neither their ids nor their storage order say when anyone voted. Never joined to ballots.
   */
  reviewVoters: 'review_voters',
  /** Secret ballots: random `_id`, no member, no time. */
  reviewBallots: 'review_ballots',
  /** 票决 / 评选. */
  votes: 'votes',
  /** `_id` = `${voteId}_${memberId}`: the electorate, created at opening, flipped to voted (as review_voters). */
  voteVoters: 'vote_voters',
  /** Ballots: random `_id`, no time; a named vote's ballot carries its voter, a secret one does not. */
  voteBallots: 'vote_ballots',
  /**
   * `_id` = 'org_admins': a version bumped in the same transaction as every change that takes an org admin away, so
   * two such changes at once cannot both pass the "one org admin remains" check (member/org-admin-guard.ts).
   */
  guards: 'guards',
  /** Reminder jobs, `_id` = `${rule}_${itemId}` (timer) or `manual_${kind}_${itemId}_${time}`: recipients and cursor. */
  reminderJobs: 'reminder_jobs',
  /** `_id` = `${jobId}_${memberId}`: one reminder per person per job, created before the send (never twice). */
  reminders: 'reminders',
  /** `_id` = `${kind}_${itemId}`: when a secretary last used 一键提醒 on an item (the throttle). */
  reminderThrottle: 'reminder_throttle',
  /** `_id` = 'current': the committee's weights for branch scorecards (audited when changed). */
  scoreWeights: 'score_weights',
  /**
   * `_id` = the confirm token of a roster import: the confirmed plan, written in chunks from a cursor, so an import cut
   * off midway is continued by the next confirm with the same token and ends whole (member/roster-import-job.ts).
   */
  importJobs: 'import_jobs',
  /**
   * `_id` = `bank_` + a hash of the file and the admin: a question-bank import's planned rows, written in chunks from
   * a cursor by the shared job runner, so a cut-off import is continued by the next call for the same file
   * (quiz/bank-import-job.ts).
   */
  bankImportJobs: 'bank_import_jobs',
  auditLogs: 'audit_logs',
  outbox: 'outbox',
} as const

export type CollectionName = (typeof COL)[keyof typeof COL]
