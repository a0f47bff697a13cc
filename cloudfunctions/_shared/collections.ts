/** CloudBase collection names (snake_case), in one place so a typo is a compile error. */
export const COL = {
  orgs: 'orgs',
  members: 'members',
  /** `_id` = OPENID: one WeChat identity can point at one member, enforced by the key itself. */
  bindings: 'bindings',
  meetings: 'meetings',
  attendance: 'attendance',
  leaves: 'leaves',
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
  activities: 'activities',
  signups: 'signups',
  /** `_id` = `o_<hash of openid>` or `n_<hash of name>`: wrong bind attempts in the current 24 h window. */
  bindAttempts: 'bind_attempts',
  /** `_id` = meetingId: a meeting's 纪实 (one record per meeting, saved over and over). */
  meetingRecords: 'meeting_records',
  /** 谈心谈话 records; `_id` derived from secretary, time and participants so a retry lands on the same one. */
  talks: 'talks',
  /** `_id` = 'rules': the committee's settings for organisation life (谈心谈话 per year). */
  lifeRules: 'life_rules',
  auditLogs: 'audit_logs',
  outbox: 'outbox',
} as const

export type CollectionName = (typeof COL)[keyof typeof COL]
