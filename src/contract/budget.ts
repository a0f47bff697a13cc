import type { ProcedureName } from './index'

/**
 * Database requests per call (issue 11). On WeChat Cloud every database call is a network round trip and counts
 * against the environment's quota, so every action has a budget, caller identification included, measured by the
 * local cloud's per-invocation meter (emulator/db/request.ts) and checked by __tests__/functions/budget: each action
 * runs on the seeded organisation and on a large one (2,000 members in a branch, 2,000 on a waitlist, a 100-question
 * paper) and fails above `max`, or when the large run costs more than the seeded one.
 *
 * Keyed by procedure, so a new action does not compile until it has a budget here.
 */
export interface Budget {
  /** The most database requests one call may make, whatever the size of the data. */
  max: number
  /**
   * The cost grows with the data today (named: what it grows with). The test then checks `max` on the seeded run
   * and `large` on the large one, instead of "no growth". Debt to pay, listed in the README.
   */
  grows?: { with: string; large: number }
  /** The budget issue 11 sets, where `max` is not there yet. */
  target?: number
}

export const BUDGETS: Record<ProcedureName, Budget> = {
  // member
  'member.whoami': { max: 3 },
  'member.bind': { max: 18 },
  'member.bootstrap': { max: 1 },
  'member.unbind': { max: 3 },
  'member.approveBinding': { max: 12 },
  'member.import': { max: 5 },
  // Caller, orgs (scope and names), count and page: the roster page shows its total.
  'member.list': { max: 4 },
  // Caller, the member, orgs (scope and names).
  'member.get': { max: 3 },
  'member.setRole': { max: 8 },
  'member.tree': { max: 3 },
  'member.upsertOrg': { max: 5 },
  'member.retireOrg': { max: 6 },
  'member.committee': { max: 5 },
  'member.setPost': { max: 8 },
  'member.moveMember': { max: 8 },
  'member.waiting': { max: 5 },
  'member.exportRoster': { max: 7, grows: { with: 'the roster exported (1000 members per read)', large: 9 } },
  'member.setStatus': { max: 8 },
  'member.inviteCode': { max: 3 },
  // Every figure an aggregation grouped by member (meetings, attendance, leave, 补学, reads ×3, tests, attempts,
  // sign-ups) after caller and orgs: the same count for a week or a year of records, one member or a branch.
  // +4 (issue 16): the year's 民主评议 — the reviews, her voter flags and 自我评价 by id, her branch's proposals by id.
  'member.year': { max: 18 },
  // Caller, then meetings with sign-in open, her records there, pending leave, open tests, her attempts, required
  // items due, her receipts: one request each, whatever the roster.
  'member.today': { max: 10 },
  // A branch's rows grouped by member are folded into one result document per aggregation (member/year.ts all()):
  // the same count for a branch of ten or two thousand.
  'member.behind': { max: 14 },
  // meeting
  'meeting.create': {
    max: 5,
    grows: { with: 'the branch roster (default expected list read 1000 at a time)', large: 8 },
  },
  'meeting.update': { max: 7 },
  'meeting.cancel': { max: 8 },
  // +1: the meeting's count is stored as it closes (three aggregations instead of two, and the conditional write).
  'meeting.close': { max: 8 },
  // Caller, orgs, count, and the page with each meeting's attendance figures in one aggregation (page-tallies.ts).
  'meeting.list': { max: 4 },
  'meeting.board': { max: 7, grows: { with: 'the expected list (members read 1000 at a time)', large: 8 } },
  'meeting.qrToken': { max: 5 },
  'meeting.staticCode': { max: 4 },
  // +1 after the meeting is over: its stored count is marked stale in the same transaction.
  'meeting.mark': { max: 10 },
  // Caller, orgs (or, for one meeting of the organiser's own, the meeting), count and page.
  'meeting.leaves': { max: 4 },
  // +1 for a leave decided after the start: the meeting's stored count is marked stale in the same transaction.
  'meeting.reviewLeave': { max: 9 },
  // Branch-year and org-year read the counts stored on the meetings (meeting/stored-tally.ts, period-figures.ts), never
  // attendance records: caller, orgs, then the meetings' sums beside the roster folded into one document and the
  // members' shares folded into one document (branch), or beside the unbound members and the 缺席 they owe (org); one more
  // only when an over meeting has no fresh count (counted live from its own rows). The meeting kind counts one meeting
  // live; the member kind reads her own records by id (and the org tree only for someone else's).
  'meeting.stats': { max: 6 },
  // Three reads more since 谈心谈话 joined the view: the branch's secretaries, their talks, the committee's rule.
  // One more when the committee has set no start date: the branch's first meeting is the default (compliance-start.ts).
  'meeting.compliance': { max: 8 },
  'meeting.setComplianceStart': { max: 6 },
  // The branch sheet's members, order and totals come from memberRows (as the 出勤统计 screen): four more aggregations.
  // The branch sheet's figures come from the stored counts (memberRows): 9 at any size; one meeting's sheet reads its
  // expected list and records 1000 at a time.
  'meeting.export': { max: 11, grows: { with: 'the expected list and records (1000 per read)', large: 15 } },
  // Caller, count, orgs, and the page with her record, leave and 出勤异议 of each meeting joined (joined-page.ts).
  'meeting.mine': { max: 4 },
  'meeting.detail': { max: 6 },
  // 3 for a first scan; a repeat scan reads the first record once more (the issue allows it).
  'meeting.checkIn': { max: 4 },
  'meeting.organiserPresent': { max: 9 },
  'meeting.requestLeave': { max: 7 },
  'meeting.withdrawLeave': { max: 7 },
  // A save that lands costs what the whole-document write did. +1 on the large data only for a save whose conditional
  // update missed (a retry of one that applied, or one refused as edited elsewhere): one read tells which
  // (cloudfunctions/_shared/revision.ts landAtRevision); the record has no read before its write to check it on.
  'meeting.saveRecord': {
    max: 10,
    grows: { with: 'the expected list (attendance names read 1000 members at a time)', large: 14 },
  },
  // The record (and its save, which answers with it) lists who was present, absent and on leave by name: names of
  // the expected list, read by id 100 at a time (an explicit list is ≤ 500 by contract: ≤ 5 reads; a default one is
  // the branch roster). Names stored on the meeting at close would make it O(1); left to the meeting screens' owners,
  // since board.ts (attendanceOf) serves the live board too.
  'meeting.record': {
    max: 8,
    grows: { with: 'the expected list (attendance names read 1000 members at a time)', large: 11 },
  },
  'meeting.recordCompleteness': { max: 4 },
  'meeting.saveTalk': { max: 4 },
  'meeting.talks': { max: 7 },
  'meeting.setTalkRule': { max: 3 },
  // 补学: the year's meetings in one aggregation, then attendance, leave and 补学 by id (100 meetings per read).
  'meeting.makeupTasks': { max: 7 },
  // Meeting, then attendance, leave and any earlier 补学 by id, then the write, then the meeting's count marked stale.
  'meeting.submitMakeup': { max: 10 },
  'meeting.makeups': {
    max: 8,
    grows: { with: 'the expected list (attendance names read 1000 members at a time)', large: 11 },
  },
  // 出勤异议: caller, meeting, then her record, leave (in parallel) and the transaction (read, write).
  'meeting.raiseObjection': { max: 8 },
  'meeting.objections': { max: 5 },
  // Caller, objection and orgs, meeting and member, the transaction (objection, record, two writes, commit), and two
  // audit entries: the correction (as every 代签/补录 writes) and the decision (a rejection writes only that one);
  // +1 for a correction: the meeting's stored count marked stale in the transaction. 不应参加 takes the correction's
  // place: her record (cancelled or made extra) and the meeting (off the list, count stale) in the transaction, and the
  // expected-list audit entry instead of the mark's.
  'meeting.resolveObjection': { max: 14 },
  // quiz
  // Two more reads only when a corrected file changes graded fields: the open tests and the attempts that drew them.
  // A file to write is a job (quiz/bank-import-job.ts): the job read, its creation, the lease, then one write per
  // question (20 at a time) and a cursor save per 20; a one-question file pays each once.
  'quiz.importBank': {
    max: 7,
    grows: { with: 'the file (one write per question, 20 at a time, a cursor save per 20)', large: 7 },
  },
  'quiz.supply': { max: 3 },
  'quiz.questions': { max: 4 },
  'quiz.saveQuestion': { max: 4 },
  'quiz.retireQuestion': { max: 4 },
  'quiz.categories': { max: 3 },
  'quiz.saveQuiz': { max: 4 },
  'quiz.getQuiz': { max: 3 },
  'quiz.publishQuiz': { max: 5 },
  // Caller, then the tests counted and paged (two, sent together), and who has taken each (one aggregation).
  'quiz.quizzes': { max: 4 },
  // Caller, test, orgs, then per-branch tallies (one row per branch, however many took it), audience sizes and question
  // rates with their stems, in three aggregations. A branch's view (a secretary's own test) names who has and has not
  // taken it, a page at a time, at no request more: the branch's takers ride in its tally row and its roster in its
  // audience row (quiz/live.ts, quiz.repo.ts audienceOf). Measured on a branch of 2,000 too.
  'quiz.liveView': { max: 6 },
  'quiz.exportResults': { max: 12, grows: { with: 'the audience (1000 per read)', large: 12 } },
  // Caller, then the tests with her attempts (one aggregation); an attempt whose time ran out while she was away comes
  // with its paper and is graded at once: the grading write and the 错题本 write (quiz/quiz.repo.ts availableView).
  'quiz.available': { max: 4 },
  // Caller, the test with her attempts and the draw's pool (one aggregation), the paper's questions, the attempt.
  // A resume: caller, the test with her attempts, the paper.
  'quiz.start': { max: 4 },
  // Caller, then the attempt with its test and paper (one aggregation).
  'quiz.attempt': { max: 2 },
  // Caller, then one conditional update that checks owner, deadline, paper and option (a refusal reads to say why).
  'quiz.saveAnswer': { max: 2 },
  // Caller, the attempt with its test, its paper's keys and whether her 错题本 exists (one aggregation), the
  // conditional grading write, and the 错题本 (one document per member) in one write: any paper size, any number wrong.
  // A retry after the grade landed (measured too): caller, the graded attempt with the rest (one aggregation), the
  // 错题本 write conditional on this attempt's mark (a no-op when it went in the first time): three.
  'quiz.submit': { max: 4 },
  'quiz.reportHide': { max: 4 },
  'quiz.practiceToday': { max: 5 },
  'quiz.practiceAnswer': { max: 9 },
  // Caller, her 错题本 (one document; old per-question ones read beside it), the page's questions, the open tests
  // with her attempts (which keys to hold back). A 错题本 still in the old shape is folded once: two more, once.
  'quiz.wrongBook': { max: 4 },
  // Caller, then the entry taken out of her document and any old-shape one, together.
  'quiz.removeWrong': { max: 3 },
  // study
  'study.save': { max: 5 },
  // study.get / getArticle: one more write, once per article stored before markdown-it (study/rerender.ts).
  'study.getArticle': { max: 4 },
  'study.publish': { max: 7 },
  'study.withdraw': { max: 5 },
  'study.adminList': { max: 4 },
  'study.articleStats': { max: 7 },
  // Caller, the article and the org tree (scope), count and page, the page's members by id: whatever the audience.
  'study.reflections': { max: 6 },
  // Caller, the member and the org tree (scope), count and page, the page's articles by id.
  'study.memberReflections': { max: 6 },
  'study.completion': { max: 6 },
  // The article's readers: every member and every read of the covered branches, one aggregation page per 1000 each.
  'study.exportStats': {
    max: 5,
    grows: { with: 'the audience (members and reads, 1000 per aggregate page)', large: 9 },
  },
  // Caller, the required items and the page (each one aggregation with her receipts joined), the count.
  'study.feed': { max: 4 },
  'study.get': { max: 5 },
  // Caller, the article with her reading clock and receipt (one aggregation, study.repo.ts), the write.
  'study.open': { max: 3 },
  'study.finish': { max: 3 },
  'study.reflect': { max: 4 },
  'study.unreadRequired': { max: 4 },
  'study.subscribe': { max: 5 },
  // activity
  // An edit after sign-ups: +1, the sign-ups' copies of title, kind, sub-type and start (one Query.update).
  'activity.save': { max: 6 },
  'activity.get': { max: 4 },
  'activity.publish': { max: 5 },
  'activity.closeSignup': { max: 5 },
  'activity.manage': { max: 4 },
  // Caller, activity, the page with its branches' names joined (not the org tree), the counts per status (which
  // give the total). Waiting members take their places from the activity's queue (read with it); the waitlist page
  // reads its slice of the queue by id.
  'activity.roster': { max: 4 },
  'activity.review': { max: 9 },
  // A promotion by hand claims the place as a sign-up does (places.ts TAKE): +1 for taking the claim's name off once
  // she carries its token, so a promotion dying half way loses no place.
  'activity.promote': { max: 9 },
  'activity.setHours': { max: 6 },
  'activity.qrToken': { max: 5 },
  // Two more: the confirmed members' phones (bounded by the capacity) and the audit entry for handing them out.
  'activity.exportRoster': { max: 7, grows: { with: 'the roster', large: 9 } },
  // Not yet over first, finished last (issue 13): one computed order, so caller, count and one aggregation carrying
  // her sign-ups; 我的 reads her sign-ups first (+1).
  'activity.list': { max: 4 },
  // Waitlist sizes and places come with the activity (its queue): the activity and the member's sign-up.
  'activity.detail': { max: 3 },
  // Caller, activity, then a place claimed (named on the activity with the claim's token), the sign-up written
  // confirmed carrying that token, and the claim's name taken off — three writes so that a sign-up dying between any
  // two loses no place (places.ts TAKE: the counter and the sign-up are two documents, and a transaction on the
  // activity would fail a rush with conflicts); or the sign-up written waiting and put at the end of the queue by one
  // conditional push (its place known without reading again). The answer carries the activity, so the page does not
  // read it again. Measured on the first sign-up of a member (both ways); an activity with a 轮换 rule counts her
  // recent sign-ups first (+1), and a second tap or a re-sign-up after cancelling reads the sign-up already there and
  // takes the longer way (settle).
  'activity.signup': { max: 5 },
  // Caller; the activity with her sign-up and the waitlist head's notice consent (one aggregation); then four writes,
  // so that a cancellation dying between any two leaves the place held by exactly one person and the next sign-up
  // finishes it (cancel-crash.test.ts): the activity names the release, she is cancelled (the name holds her place in
  // trust), the head of the queue confirmed, the release unnamed and the head out of the queue in one write. Spending
  // the promoted member's consent, when she holds one, is one write more. The answer carries the activity.
  'activity.cancel': { max: 6 },
  'activity.checkIn': { max: 3 },
  'activity.myHours': { max: 3 },
  'activity.subscribe': { max: 5 },
  // vote
  // Opening a vote or a review grows with its electorate ON PURPOSE, and stays so: secrecy needs every voter flag
  // written before anyone votes (cloudfunctions/_shared/ballot-box.ts: ids, fields and storage order then say nothing about who
  // voted when). Creating flags lazily at the first ballot would make one request per poll but let insertion order
  // pair a flag with its ballot. The cost is already batched — members read 1000 per aggregate page, flags written
  // 500 per add — so 2,000 members open in ~6 extra requests, once per poll; casting, reading and tallying stay O(1).
  'vote.create': {
    max: 8,
    grows: {
      with: 'the electorate (members read 1000 per aggregate page, voter flags written 500 per request)',
      large: 20,
    },
  },
  'vote.close': { max: 5 },
  // The caller, the vote, the tree, a ballot probe, the conditional write, the voters' deadline copy (one
  // multi-document update whatever the electorate), the audit entry.
  'vote.update': { max: 7 },
  'vote.manage': { max: 6 },
  'vote.list': { max: 6 },
  'vote.detail': { max: 7 },
  'vote.cast': { max: 8 },
  // review
  'review.open': {
    max: 9,
    grows: {
      with: 'the organisation (members read 1000 per aggregate page, voter flags written 500 per request)',
      large: 21,
    },
  },
  'review.list': { max: 4 },
  'review.mine': { max: 6 },
  'review.selfAssess': { max: 5 },
  'review.rate': { max: 10 },
  'review.results': { max: 8 },
  'review.propose': { max: 6 },
  'review.overview': { max: 6 },
  'archive.voteResults': { max: 6 },
  // Branch scorecards: caller, orgs and weights, then a fixed set of aggregations grouped by branch and month
  // (meetings still signing in, members per branch, required articles, tests, reviews, each branch's first meeting;
  // meetings, attendance, leave, 补学, reads, attempts, volunteer hours, review voters): the same count for a branch
  // of ten or of two thousand.
  // Reminders. subscribe: caller, the meeting it is held for (when given on a meeting's page), the consent's
  // conditional update (+ a create the first time), the credits read.
  'remind.subscribe': { max: 5 },
  // Caller identification only: the template id comes from the function's configuration.
  'remind.template': { max: 2 },
  // 一键提醒: caller, the item (and orgs for a meeting's scope), who has not done it (two aggregations, 1000 rows per
  // request), the throttle claim (+ a create the first time), the job, the audit entry. Sending is the timer's.
  'remind.send': {
    max: 9,
    grows: { with: 'the not-done list (attendance / members read 1000 per request)', large: 12 },
  },
  'remind.log': { max: 6 },
  // Caller, the activity, its jobs, one aggregation of their outcomes.
  'remind.activityLog': { max: 5 },
  // Attendance from the counts stored on the meetings (one aggregation with the meetings', one more only for meetings
  // over without a fresh count) instead of records, leave and 补学 (three) and the meetings still signing in (one).
  'scorecard.view': { max: 14 },
  'scorecard.setWeights': { max: 4 },
  // The scorecard's computation, then the file saved to storage.
  'archive.scorecard': { max: 14 },
  'archive.reviewResults': {
    max: 6,
    grows: { with: 'the branches exported (one results read each)', large: 6 },
  },
  'archive.meetingRecord': {
    max: 8,
    grows: { with: 'the expected list (attendance names read 1000 members at a time)', large: 11 },
  },
  // The committee's figures and every member's row from the counts stored on the meetings (meeting/stats.ts orgStats,
  // memberRows): the same count for any organisation, then the file.
  'archive.attendance': { max: 10 },
  'archive.compliance': { max: 10 },
  'archive.rosterTemplate': { max: 4 },
  // Every reflection on the article (1000 per aggregate page) and their writers by id (1000 per read), then the file.
  'archive.reflections': { max: 5, grows: { with: 'the reflections exported (1000 per read)', large: 9 } },
  // A member writes at most one reflection per required article: bounded by the year's articles, not the roster.
  'archive.memberReflections': { max: 5 },
  'archive.volunteerHours': { max: 4, grows: { with: 'the members who served (1000 per aggregate page)', large: 5 } },
  'archive.branchRecords': {
    max: 8,
    grows: { with: 'the expected lists of the period (names read 1000 members at a time)', large: 11 },
  },
}

/**
 * Timer jobs (no caller, no procedure: the timer triggers of cloudbaserc.json). Their work is a job of
 * cloudfunctions/_shared/job-runner.ts, done in batches with the cursor saved after each, so a tick's cost is
 * `fixed` (finding due items and queuing their jobs, finding due jobs, taking each one's lease, ending it) plus
 * `perBatch` for every batch it gets through (who is due next, each recipient's key, credit and send, the cursor
 * save). Checked by __tests__/functions/budget/jobs.test.ts on an audience of ten and of two thousand: no batch costs
 * more with the larger one; a larger audience takes more batches (more ticks), never dearer ones.
 */
export interface JobBudget {
  /** Requests of a tick outside its jobs' batches, for the test's scene (the items it names). */
  fixed: number
  /** Requests of one batch (between two cursor saves, the save included). */
  perBatch: number
}

export const JOB_BUDGETS = {
  // The test's scene: a meeting within two hours, required reading and an activity within a day, and a 一键提醒
  // queued. Fixed: the four item queries, each item's job read (and its queuing the first time), the due jobs
  // (measured 11). A batch of ten: the item and who is due (≤ 3 queries), per member the keyed reminder, the
  // subscription read, a held then a free credit, the key's outcome (≤ 5), the cursor save: 54 at worst (measured
  // 44 when everyone holds a free consent); a job's last, empty walk and end fit in the same.
  'remind.dispatch': { fixed: 11, perBatch: 54 },
  // The same scene where every member's only consent is held for a meeting that has started (a hold that has ended):
  // per member the keyed reminder, the subscription read, the free credit tried (none), the lapsed hold spent, the
  // key's outcome — never dearer than the usual batch's held-then-free worst case, so the same figures.
  'remind.dispatch, lapsed consents': { fixed: 11, perBatch: 54 },
  // Fixed: required articles due for their notice and the due jobs (one article already queued by study.publish).
  // A batch of ten: a page of subscriptions (one read per hundred), per subscriber the keyed notice, the credit and
  // its outcome (3 each), the cursor save: 32 (measured); the end's three counts and save fit in the same.
  'study.dispatchDue': { fixed: 2, perBatch: 32 },
} satisfies Record<string, JobBudget>
