// One or more calls per action of the contract, each prepared (unmetered) so that it does the work a user would
// recognise: a first check-in, a submit with wrong answers, a cancellation that promotes the head of the waitlist.
// Typed by ProcedureName, so a new action does not compile until it has a case here (and a budget in src/contract).
import type { ProcedureName } from '../../../src/contract'
import { activity, type World } from './world'

export interface Call {
  /** Which path of the action this measures, when an action has several worth budgeting. */
  label?: string
  as: string
  input: Record<string, unknown>
  /** The error code the call is meant to answer (a refusal is budgeted too); otherwise it must succeed. */
  expect?: string
}

type Case = (w: World) => Promise<Call | Call[]>

/**
 * An editor's save from the revision its form opened (`input`), the same request again after its answer was lost
 * (done, no conflict), and another form's save from that same revision with `other` changed (EDITED_ELSEWHERE).
 */
function edits(as: string, input: Record<string, unknown>, other: Record<string, unknown>, label = 'edit'): Call[] {
  return [
    { label, as, input },
    { label: `${label}, retried`, as, input },
    { label: `${label}, edited elsewhere`, as, input: { ...input, ...other }, expect: 'EDITED_ELSEWHERE' },
  ]
}

const MEETING = { type: 'branch_assembly', place: '三楼会议室', agenda: '学习贯彻党的二十届四中全会精神' }

// A branch holds one meeting of a type per start time (the id says so): each meeting here starts a second later.
let slot = 0
const startIn = (min: number) => min + ++slot / 60

async function officeMeeting(w: World, startsInMin = 5, extra: Record<string, unknown> = {}): Promise<string> {
  const at = startIn(startsInMin)
  const { meeting } = await w.t.ok(w.branchAdmin, 'meeting.create', {
    branchId: 'org_office',
    title: '支部委员会会议',
    startAt: w.isoIn(at),
    endAt: w.isoIn(at + 90),
    ...MEETING,
    ...extra,
  })
  return meeting.id
}

async function startedAttempt(
  w: World,
  as: string,
): Promise<{ attemptId: string; questions: Array<{ id: string; options: string[] }> }> {
  const { attempt } = await w.t.ok(as, 'quiz.start', { quizId: w.quizId })
  return { attemptId: attempt.attemptId, questions: attempt.questions }
}

async function recordInput(w: World, meetingId: string, revision = 0) {
  return {
    meetingId,
    revision,
    hostId: await w.idOf('李秀英'),
    recorderId: w.memberId,
    topics: [{ title: '学习贯彻党的二十届四中全会精神', first: true }],
    minutes: '李秀英同志传达了会议精神，与会同志逐一发言，一致同意。',
    decisions: ['同意列为入党积极分子'],
    photos: [],
    materials: [],
    complete: true,
  }
}

/** A meeting held half an hour ago whose 纪实 is complete. */
async function recordedMeeting(w: World): Promise<string> {
  const meetingId = await officeMeeting(w, -30, { title: '已召开的支部党员大会' })
  await w.t.ok(w.branchAdmin, 'meeting.saveRecord', await recordInput(w, meetingId))
  return meetingId
}

/** A meeting held two hours ago (its sign-in window long closed) with a complete 纪实: 钱文静 missed it. */
async function missedMeeting(w: World): Promise<string> {
  const meetingId = await officeMeeting(w, -120, { title: '已结束的支部党员大会' })
  await w.t.ok(w.branchAdmin, 'meeting.saveRecord', await recordInput(w, meetingId))
  return meetingId
}

function voteInput(w: World) {
  return {
    title: `支部票决事项${++slot}`,
    options: [{ text: '同意' }, { text: '不同意' }],
    eligibility: 'branch',
    branchId: 'org_office',
    secret: true,
    mode: 'single',
    openAt: w.isoIn(-1),
    closeAt: w.isoIn(60),
    liveResults: true,
  }
}

async function openVote(w: World): Promise<string> {
  return (await w.t.ok(w.branchAdmin, 'vote.create', voteInput(w))).vote.id
}

function reviewInput(w: World) {
  return {
    title: `民主评议党员${++slot}`,
    period: '2026',
    openAt: w.isoIn(-1),
    closeAt: w.isoIn(60 * 24),
    excellentMaxPercent: 30,
  }
}

/** One review shared by the review cases (opening one writes a voter per member of the organisation). */
let sharedReview: { t: unknown; id: string } | null = null
async function openReview(w: World): Promise<string> {
  if (sharedReview?.t !== w.t)
    sharedReview = { t: w.t, id: (await w.t.ok(w.orgAdmin, 'review.open', reviewInput(w))).review.id }
  return sharedReview.id
}

const qrFor = async (w: World, meetingId: string) =>
  (await w.t.ok(w.branchAdmin, 'meeting.qrToken', { meetingId })).token

export const CASES: Record<ProcedureName, Case> = {
  // ── member ──
  'member.whoami': async (w) => ({ as: w.member, input: {} }),
  'member.bind': async (w) => {
    const zhou = (await w.t.cloud.db().collection('members').where({ name: '周明' }).limit(1).get()).data[0]
    return { as: 'wx_budget_newcomer', input: { mode: 'phone', name: '周明', phoneTail: zhou.phoneTail } }
  },
  'member.bootstrap': async () => ({
    as: '', // access `console`: the API-key call carries no OPENID
    input: { secret: 'not-the-secret', name: '新管理员', phone: '13900000000' },
    expect: 'BOOTSTRAP_DISABLED',
  }),
  'member.unbind': async (w) => ({ as: await w.t.openidOf('孙浩然'), input: { reason: '更换微信号' } }),
  'member.approveBinding': async (w) => ({
    as: await w.t.openidOf('王志强'),
    input: { memberId: await w.idOf('郑洁'), approve: true },
  }),
  'member.import': async (w) => ({
    as: w.orgAdmin,
    input: {
      fileID: await w.xlsx('花名册', [
        ['姓名', '手机号', '所在支部', '党小组', '职务'],
        ['欧阳明', '13800138000', '办公室党支部', '', ''],
      ]),
    },
  }),
  'member.list': async (w) => [
    { label: 'first page', as: w.branchAdmin, input: {} },
    { label: 'search', as: w.branchAdmin, input: { keyword: '钱' } },
  ],
  'member.get': async (w) => ({ as: w.branchAdmin, input: { memberId: await w.idOf('何雨桐') } }),
  'member.setRole': async (w) => ({
    as: w.orgAdmin,
    input: { memberId: await w.idOf('马俊杰'), role: 'branch_admin' },
  }),
  'member.tree': async (w) => ({ as: w.member, input: {} }),
  'member.upsertOrg': async (w) => {
    const fields = { name: '改名中的党支部', type: 'branch', parentId: 'org_root' }
    const { org } = await w.t.ok(w.orgAdmin, 'member.upsertOrg', fields)
    return [
      { label: 'new', as: w.orgAdmin, input: { name: '法规处党支部', type: 'branch', parentId: 'org_root' } },
      ...edits(w.orgAdmin, { id: org.id, revision: 0, ...fields, name: '改名后的党支部' }, { sort: 99 }, 'rename'),
    ]
  },
  'member.retireOrg': async (w) => {
    const { org } = await w.t.ok(w.orgAdmin, 'member.upsertOrg', {
      name: '待撤销党支部',
      type: 'branch',
      parentId: 'org_root',
    })
    return { as: w.orgAdmin, input: { id: org.id, reason: '机构调整' } }
  },
  'member.committee': async (w) => ({ as: w.branchAdmin, input: { branchId: 'org_office' } }),
  'member.setPost': async (w) => ({ as: w.branchAdmin, input: { memberId: await w.idOf('何雨桐'), post: '宣传委员' } }),
  'member.moveMember': async (w) => ({
    as: w.branchAdmin,
    input: { memberId: await w.idOf('孙浩然'), branchId: 'org_office', groupId: 'org_office_g1', reason: '党小组调整' },
  }),
  'member.waiting': async (w) => [
    { label: 'branch admin', as: w.branchAdmin, input: {} },
    { label: 'org admin', as: w.orgAdmin, input: {} },
  ],
  'member.exportRoster': async (w) => [
    { label: 'branch, masked', as: w.branchAdmin, input: {} },
    { label: 'branch, full phones', as: w.orgAdmin, input: { orgId: 'org_office', fullPhones: true } },
  ],
  'member.setStatus': async (w) => ({
    as: w.orgAdmin,
    input: { memberId: (await w.freshMember()).id, status: 'transferred', reason: '调往市审计局' },
  }),
  'member.inviteCode': async (w) => ({ as: w.branchAdmin, input: { branchId: 'org_office' } }),

  // ── meeting ──
  'meeting.create': async (w) => {
    const at = startIn(60 * 24)
    return {
      as: w.branchAdmin,
      input: {
        branchId: 'org_office',
        title: '党课：学习新党章',
        startAt: w.isoIn(at),
        endAt: w.isoIn(at + 90),
        ...MEETING,
      },
    }
  },
  // An edit from the revision the form opened; the same request again (its answer lost): done, at no more cost; and
  // another form's save from that same revision: refused (cloudfunctions/_shared/revision.ts).
  'meeting.update': async (w) => {
    const id = await officeMeeting(w, 60 * 24)
    const at = startIn(60 * 25)
    const input = {
      meetingId: id,
      revision: 0,
      title: '党课：学习新党章（改）',
      startAt: w.isoIn(at),
      endAt: w.isoIn(at + 90),
      ...MEETING,
    }
    return edits(w.branchAdmin, input, { place: '五楼报告厅' })
  },
  'meeting.cancel': async (w) => ({
    as: w.branchAdmin,
    input: { meetingId: await officeMeeting(w, 60 * 24), reason: '与全局会议冲突' },
  }),
  'meeting.close': async (w) => {
    const id = await officeMeeting(w, 0)
    await w.t.ok(w.member, 'meeting.checkIn', { token: await qrFor(w, id) })
    return { as: w.branchAdmin, input: { meetingId: id } }
  },
  'meeting.list': async (w) => ({ as: w.branchAdmin, input: {} }),
  'meeting.board': async (w) => ({ as: w.branchAdmin, input: { meetingId: w.meetingId } }),
  'meeting.qrToken': async (w) => ({ as: w.branchAdmin, input: { meetingId: w.meetingId } }),
  'meeting.organiserPresent': async (w) => ({ as: w.branchAdmin, input: { meetingId: await officeMeeting(w, 5) } }),
  'meeting.staticCode': async (w) => ({ as: w.branchAdmin, input: { meetingId: w.meetingId } }),
  'meeting.mark': async (w) => [
    {
      label: 'during sign-in',
      as: w.branchAdmin,
      input: { meetingId: w.meetingId, memberId: await w.idOf('马俊杰'), status: 'present', reason: '现场核实签到' },
    },
    {
      label: 'after the meeting (its stored count goes stale)',
      as: w.branchAdmin,
      input: {
        meetingId: await missedMeeting(w),
        memberId: await w.idOf('马俊杰'),
        status: 'late',
        reason: '补录迟到',
      },
    },
  ],
  'meeting.leaves': async (w) => [
    { label: 'her branch, pending', as: w.branchAdmin, input: { status: 'pending' } },
    { label: 'one meeting', as: w.branchAdmin, input: { meetingId: w.meetingId } },
  ],
  'meeting.reviewLeave': async (w) => {
    const id = await officeMeeting(w, 60 * 24)
    const { leave } = await w.t.ok(await w.t.openidOf('何雨桐'), 'meeting.requestLeave', {
      meetingId: id,
      reason: '出差在外',
    })
    return { as: w.branchAdmin, input: { leaveId: leave.id, approve: true } }
  },
  'meeting.stats': async (w) => {
    const closed = await officeMeeting(w, 0)
    await w.t.ok(w.member, 'meeting.checkIn', { token: await qrFor(w, closed) })
    await w.t.ok(w.branchAdmin, 'meeting.close', { meetingId: closed })
    // A correction after the close leaves the stored count stale until the timer recounts it: the reports below then
    // also count that meeting live (the most they ever pay).
    await w.t.ok(w.branchAdmin, 'meeting.mark', {
      meetingId: closed,
      memberId: await w.idOf('马俊杰'),
      status: 'present',
      reason: '会后核实',
    })
    return [
      { label: 'meeting', as: w.branchAdmin, input: { kind: 'meeting', meetingId: closed } },
      { label: 'member', as: w.member, input: { kind: 'member' } },
      {
        label: 'branch-year',
        as: w.branchAdmin,
        input: {
          kind: 'branch',
          branchId: 'org_office',
          from: '2026-01-01T00:00:00+08:00',
          to: '2026-12-31T23:59:59+08:00',
        },
      },
      {
        label: 'org-year',
        as: w.orgAdmin,
        input: { kind: 'org', from: '2026-01-01T00:00:00+08:00', to: '2026-12-31T23:59:59+08:00' },
      },
    ]
  },
  'meeting.compliance': async (w) => ({ as: w.branchAdmin, input: { branchId: 'org_office', year: 2026 } }),
  'meeting.setComplianceStart': async (w) => ({
    as: w.orgAdmin,
    input: { branchId: 'org_office', from: w.isoIn(-60 * 24 * 30) },
  }),
  'meeting.export': async (w) => [
    { label: 'meeting', as: w.branchAdmin, input: { kind: 'meeting', meetingId: w.meetingId } },
    { label: 'branch', as: w.branchAdmin, input: { kind: 'branch', branchId: 'org_office' } },
  ],
  'meeting.mine': async (w) => [
    { label: 'upcoming', as: w.member, input: { when: 'upcoming' } },
    { label: 'past', as: w.member, input: { when: 'past' } },
    { label: 'past, page 2', as: w.member, input: { when: 'past', page: 2 } },
  ],
  'meeting.detail': async (w) => ({ as: w.member, input: { meetingId: w.meetingId } }),
  'meeting.checkIn': async (w) => {
    const token = await qrFor(w, w.meetingId)
    const first = await w.freshMember()
    const again = await w.freshMember()
    await w.t.ok(again.openid, 'meeting.checkIn', { token })
    return [
      { label: 'first scan', as: first.openid, input: { token } },
      { label: 'repeat scan', as: again.openid, input: { token } },
    ]
  },
  'meeting.requestLeave': async (w) => ({
    as: await w.t.openidOf('孙浩然'),
    input: { meetingId: await officeMeeting(w, 60 * 24), reason: '出差在外' },
  }),
  'meeting.withdrawLeave': async (w) => {
    const as = await w.t.openidOf('孙浩然')
    const meetingId = await officeMeeting(w, 60 * 24)
    await w.t.ok(as, 'meeting.requestLeave', { meetingId, reason: '出差在外' })
    return { as, input: { meetingId } }
  },
  // The first save (creates it), then an edit of one already saved, retried, and one from a stale form.
  'meeting.saveRecord': async (w) => {
    const saved = await recordedMeeting(w)
    return [
      {
        label: 'first',
        as: w.branchAdmin,
        input: await recordInput(w, await officeMeeting(w, -30, { title: '已召开的支部委员会' })),
      },
      ...edits(
        w.branchAdmin,
        { ...(await recordInput(w, saved, 1)), minutes: '补充后的会议记录：与会同志逐一发言。' },
        {
          decisions: ['另一位管理员记下的决议'],
        },
      ),
    ]
  },
  'meeting.record': async (w) => ({ as: w.member, input: { meetingId: await recordedMeeting(w) } }),
  'meeting.recordCompleteness': async (w) => ({ as: w.orgAdmin, input: { year: 2026 } }),
  'meeting.saveTalk': async (w) => ({
    as: w.branchAdmin,
    input: {
      participantIds: [w.memberId],
      at: w.isoIn(-60 - ++slot),
      topic: '思想和工作情况',
      summary: '了解近期思想和工作情况，听取意见建议。',
    },
  }),
  'meeting.talks': async (w) => ({ as: w.branchAdmin, input: { year: 2026 } }),
  'meeting.setTalkRule': async (w) => ({ as: w.orgAdmin, input: { perYear: 4 } }),
  // 钱文静 missed the recorded meeting (she never signed in): she owes its 补学, and writes it here.
  // A year of figures for 钱文静 after she missed a recorded meeting; the secretary's list for the whole branch.
  // The world's member is expected at its meetings, in the test's audience and the required reading's.
  'member.today': async (w) => ({ as: w.member, input: {} }),
  'member.year': async (w) => {
    await missedMeeting(w)
    return [
      { label: 'mine', as: w.member, input: {} },
      { label: 'a member of her branch', as: w.branchAdmin, input: { memberId: w.memberId } },
    ]
  },
  'member.behind': async (w) => ({ as: w.branchAdmin, input: {} }),
  'meeting.makeupTasks': async (w) => {
    await missedMeeting(w)
    return { as: w.member, input: {} }
  },
  'meeting.submitMakeup': async (w) => ({
    as: w.member,
    input: {
      meetingId: await missedMeeting(w),
      reflection: '认真阅读了会议纪实，学习了会议精神，结合本职工作抓好落实，按时参加组织生活。',
    },
  }),
  'meeting.makeups': async (w) => ({ as: w.branchAdmin, input: { meetingId: await missedMeeting(w) } }),
  // 钱文静 missed the meeting and says she was there; her secretary corrects the record (through the mark path) or not.
  'meeting.raiseObjection': async (w) => ({
    as: w.member,
    input: { meetingId: await missedMeeting(w), reason: '我按时到会了，扫码时网络不好没有签上' },
  }),
  'meeting.objections': async (w) => ({ as: w.branchAdmin, input: { status: 'pending' } }),
  'meeting.resolveObjection': async (w) => {
    const raise = async () =>
      (
        await w.t.ok(w.member, 'meeting.raiseObjection', {
          meetingId: await missedMeeting(w),
          reason: '我按时到会了，扫码时网络不好没有签上',
        })
      ).objection.id
    return [
      {
        label: 'corrected',
        as: w.branchAdmin,
        input: { objectionId: await raise(), outcome: 'present', reply: '经核实已到会' },
      },
      {
        label: 'not corrected',
        as: w.branchAdmin,
        input: { objectionId: await raise(), outcome: 'rejected', reply: '签到表上没有本人签名' },
      },
      {
        // 不应参加: off the expected list (its 2,000 ids or not, one atomic pull), the stored count marked stale.
        label: 'not expected',
        as: w.branchAdmin,
        input: { objectionId: await raise(), outcome: 'not_expected', reply: '经核实不应列入应到人员' },
      },
    ]
  },

  // ── quiz ──
  'quiz.importBank': async (w) => ({
    as: w.orgAdmin,
    input: {
      fileID: await w.xlsx('题库', [
        ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分类'],
        ['单选', '新增单选题（  ）', '错一', '对', '错二', '错三', 'B', '解析', '党章'],
      ]),
    },
  }),
  'quiz.supply': async (w) => ({ as: w.orgAdmin, input: { categories: ['党章'] } }),
  'quiz.questions': async (w) => ({ as: w.orgAdmin, input: {} }),
  'quiz.saveQuestion': async (w) => {
    const fields = { type: 'single', options: ['对', '错一'], answer: [0], category: '党章' }
    const { question } = await w.t.ok(w.orgAdmin, 'quiz.saveQuestion', { ...fields, stem: '修改中的单选题（  ）' })
    return [
      {
        label: 'new',
        as: w.orgAdmin,
        input: {
          type: 'single',
          stem: '党的最高领导机关是（  ）',
          options: ['党的全国代表大会和它所产生的中央委员会', '中央政治局'],
          answer: [0],
          category: '党章',
        },
      },
      ...edits(
        w.orgAdmin,
        { id: question.id, revision: 0, ...fields, stem: '修改中的单选题（  ）', category: '条例' },
        { explanation: '另一位管理员补充的解析' },
      ),
    ]
  },
  'quiz.retireQuestion': async (w) => {
    const { question } = await w.t.ok(w.orgAdmin, 'quiz.saveQuestion', {
      type: 'judge',
      stem: '这是一道将被停用的判断题',
      options: ['正确', '错误'],
      answer: [0],
    })
    return { as: w.orgAdmin, input: { id: question.id, retired: true } }
  },
  'quiz.categories': async (w) => ({ as: w.member, input: {} }),
  'quiz.saveQuiz': async (w) => {
    const fields = {
      title: '编辑中的测试',
      openAt: w.isoIn(60),
      closeAt: w.isoIn(120),
      durationMin: 30,
      mode: 'random',
      draw: { single: 1, multi: 1, judge: 1 },
      points: { single: 1, multi: 1, judge: 1 },
      passMark: 1,
    }
    const { quiz } = await w.t.ok(w.orgAdmin, 'quiz.saveQuiz', { ...fields, title: '修改中的测试' })
    return [
      { label: 'new', as: w.orgAdmin, input: fields },
      ...edits(w.orgAdmin, { quizId: quiz.id, revision: 0, ...fields, title: '修改中的测试' }, { passMark: 2 }),
    ]
  },
  'quiz.getQuiz': async (w) => ({ as: w.orgAdmin, input: { quizId: w.quizId } }),
  'quiz.publishQuiz': async (w) => {
    const { quiz } = await w.t.ok(w.orgAdmin, 'quiz.saveQuiz', {
      title: '待发布的测试',
      openAt: w.isoIn(60),
      closeAt: w.isoIn(120),
      durationMin: 30,
      mode: 'random',
      draw: { single: 1, multi: 1, judge: 1 },
      points: { single: 1, multi: 1, judge: 1 },
      passMark: 1,
      // Like the world's test, not for 离退休干部党支部, whose members the practice cases use.
      audienceBranchIds: ['org_office', 'org_budget', 'org_treasury'],
    })
    return { as: w.orgAdmin, input: { quizId: quiz.id } }
  },
  'quiz.quizzes': async (w) => ({ as: w.branchAdmin, input: {} }),
  'quiz.liveView': async (w) => {
    // Someone has handed in, so the question rates have rows (and stems to show).
    const m = await w.freshMember()
    const { attemptId } = await startedAttempt(w, m.openid)
    await w.t.ok(m.openid, 'quiz.submit', { attemptId })
    // On the large world, 300 of the 2,000 extra members of 办公室党支部 have handed in and 20 are answering: the
    // secretary's view then names 300 who have taken it and ~1,700 who have not, a page at a time.
    const db = w.t.cloud.db()
    const handedIn = (await db.collection('attempts').doc(attemptId).get()).data as Record<string, unknown>
    const { _id: _ignored, ...shape } = Array.isArray(handedIn) ? handedIn[0] : handedIn
    const takers = Math.min(300, w.size.members)
    for (let i = 0; i < takers + Math.min(20, w.size.members - takers); i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, takers + 20 - i, w.size.members - i) }, (_, k) => {
          const memberId = `m_big_${i + k}`
          const done = i + k < takers
          return db
            .collection('attempts')
            .doc(`${w.quizId}_${memberId}_1`)
            .set({
              data: {
                ...shape,
                memberId,
                memberName: `党员big${i + k}`,
                n: 1,
                status: done ? 'submitted' : 'in_progress',
                score: done ? (i + k) % 8 : null,
              },
            })
        }),
      )
    }
    return [
      { label: 'organisation', as: w.orgAdmin, input: { quizId: w.quizId } },
      // The secretary's own test: who in her branch has not taken it yet (2,000 more members on the large world).
      { label: 'branch, names', as: w.branchAdmin, input: { quizId: w.quizId } },
      { label: 'branch, names page 2', as: w.branchAdmin, input: { quizId: w.quizId, page: 2 } },
    ]
  },
  'quiz.exportResults': async (w) => ({ as: w.orgAdmin, input: { quizId: w.quizId } }),
  'quiz.available': async (w) => {
    // A member whose attempt ran out while she was away: the list grades it on sight (issue 13, defect 2).
    const away = await w.freshMember()
    const { attemptId } = await startedAttempt(w, away.openid)
    await w.t.cloud
      .db()
      .collection('attempts')
      .doc(attemptId)
      .update({ data: { deadline: new Date(w.t.cloud.clock.now().getTime() - 3600_000) } })
    return [
      { label: 'seen', as: w.member, input: {} },
      { label: 'expired attempt graded', as: away.openid, input: {} },
    ]
  },
  'quiz.start': async (w) => {
    const first = await w.freshMember()
    const back = await w.freshMember()
    await startedAttempt(w, back.openid)
    return [
      { label: 'first', as: first.openid, input: { quizId: w.quizId } },
      { label: 'resume', as: back.openid, input: { quizId: w.quizId } },
    ]
  },
  'quiz.attempt': async (w) => {
    const m = await w.freshMember()
    return { as: m.openid, input: { attemptId: (await startedAttempt(w, m.openid)).attemptId } }
  },
  'quiz.saveAnswer': async (w) => {
    const m = await w.freshMember()
    const a = await startedAttempt(w, m.openid)
    return { as: m.openid, input: { attemptId: a.attemptId, questionId: a.questions[0].id, choice: [0] } }
  },
  'quiz.submit': async (w) => {
    // Every answer wrong or missing: the most 错题本 work a submit can have.
    const m = await w.freshMember()
    const a = await startedAttempt(w, m.openid)
    for (const q of a.questions.slice(0, 3))
      await w.t.ok(m.openid, 'quiz.saveAnswer', { attemptId: a.attemptId, questionId: q.id, choice: [0] })
    // A submit retried after its grade landed (the answer lost on a bad network, or a second tap): it reads the
    // graded attempt and makes sure its mistakes reached the 错题本 (marked per attempt, so it changes nothing twice).
    const r = await w.freshMember()
    const retried = await startedAttempt(w, r.openid)
    await w.t.ok(r.openid, 'quiz.submit', { attemptId: retried.attemptId })
    return [
      { label: 'wrong answers', as: m.openid, input: { attemptId: a.attemptId } },
      { label: 'repeat after the grade landed', as: r.openid, input: { attemptId: retried.attemptId } },
    ]
  },
  'quiz.reportHide': async (w) => {
    const m = await w.freshMember()
    return { as: m.openid, input: { attemptId: (await startedAttempt(w, m.openid)).attemptId } }
  },
  // Practice as a member of a branch no open test includes (world.ts): with a test open to them, practice leaves out
  // every question it may draw.
  'quiz.practiceToday': async (w) => ({ as: await w.t.openidOf('杨桂兰'), input: {} }),
  'quiz.practiceAnswer': async (w) => {
    const as = await w.t.openidOf('杨桂兰')
    const today = await w.t.ok(as, 'quiz.practiceToday', {})
    return { as, input: { questionId: today.questions[0].id, choice: [], source: 'daily' } }
  },
  'quiz.wrongBook': async (w) => {
    // A member with mistakes in her 错题本 (a wrong practice answer), so the page reads its questions.
    const as = await w.t.openidOf('杨桂兰')
    const today = await w.t.ok(as, 'quiz.practiceToday', {})
    await w.t.ok(as, 'quiz.practiceAnswer', { questionId: today.questions[2].id, choice: [], source: 'daily' })
    return { as, input: {} }
  },
  'quiz.removeWrong': async (w) => {
    const as = await w.t.openidOf('杨桂兰')
    const today = await w.t.ok(as, 'quiz.practiceToday', {})
    const q = today.questions[1]
    await w.t.ok(as, 'quiz.practiceAnswer', { questionId: q.id, choice: [], source: 'daily' })
    return { as, input: { questionId: q.id } }
  },

  // ── study ──
  'study.save': async (w) => {
    const fields = { title: '修改中的资料', category: '理论学习', markdown: '正文内容' }
    const { article } = await w.t.ok(w.orgAdmin, 'study.save', fields)
    return [
      {
        label: 'new',
        as: w.orgAdmin,
        input: {
          title: '学习党章',
          category: '理论学习',
          markdown: '正文内容',
          required: true,
          deadline: w.isoIn(1440),
        },
      },
      ...edits(w.orgAdmin, { articleId: article.id, revision: 0, ...fields }, { markdown: '另一个标签页的正文' }),
    ]
  },
  'study.getArticle': async (w) => ({ as: w.orgAdmin, input: { articleId: w.articleId } }),
  'study.publish': async (w) => {
    const { article } = await w.t.ok(w.orgAdmin, 'study.save', {
      title: '学习新党章',
      category: '理论学习',
      markdown: '正文内容',
      required: true,
      deadline: w.isoIn(1440),
    })
    return { as: w.orgAdmin, input: { articleId: article.id } }
  },
  'study.withdraw': async (w) => {
    const { article } = await w.t.ok(w.orgAdmin, 'study.save', {
      title: '将撤回的资料',
      category: '理论学习',
      markdown: '正文内容',
    })
    await w.t.ok(w.orgAdmin, 'study.publish', { articleId: article.id })
    return { as: w.orgAdmin, input: { articleId: article.id } }
  },
  'study.adminList': async (w) => ({ as: w.orgAdmin, input: {} }),
  'study.articleStats': async (w) => ({ as: w.orgAdmin, input: { articleId: w.articleId } }),
  // The world's article carries a reflection from every member of the large branch: a page costs the same.
  'study.reflections': async (w) => [
    { label: 'committee, every branch', as: w.orgAdmin, input: { articleId: w.articleId } },
    { label: 'secretary, her branch', as: w.branchAdmin, input: { articleId: w.articleId } },
  ],
  'study.memberReflections': async (w) => ({ as: w.branchAdmin, input: { memberId: w.memberId } }),
  'study.completion': async (w) => ({ as: w.orgAdmin, input: {} }),
  'study.exportStats': async (w) => [
    { label: 'article', as: w.orgAdmin, input: { articleId: w.articleId } },
    { label: 'completion', as: w.orgAdmin, input: {} },
  ],
  'study.feed': async (w) => ({ as: w.member, input: {} }),
  'study.get': async (w) => ({ as: w.member, input: { articleId: w.articleId } }),
  'study.open': async (w) => ({ as: (await w.freshMember()).openid, input: { articleId: w.articleId } }),
  'study.finish': async (w) => {
    const m = await w.freshMember()
    await w.t.ok(m.openid, 'study.open', { articleId: w.articleId })
    w.t.cloud.clock.advance(120_000)
    return { as: m.openid, input: { articleId: w.articleId, reachedEnd: true } }
  },
  'study.reflect': async (w) => ({
    as: w.member,
    input: { articleId: w.articleId, text: '这是一段足够长的学习心得内容。' },
  }),
  'study.unreadRequired': async (w) => ({ as: w.member, input: {} }),
  'study.subscribe': async (w) => ({ as: w.member, input: { templateId: 'local_study_required', accepted: true } }),

  // ── activity ──
  // A new activity; and one renamed/moved after sign-ups, whose sign-ups take the new title and start along.
  'activity.save': async (w) => {
    const id = await activity(w.t, w.union, w.isoIn)
    await w.t.ok((await w.freshMember()).openid, 'activity.signup', { activityId: id })
    const a = (await w.t.ok(w.union, 'activity.get', { activityId: id })).activity
    return [
      {
        label: 'new',
        as: w.union,
        input: {
          title: '义务植树',
          kind: 'volunteer',
          subType: '义务植树',
          description: '到城郊开展义务植树。',
          place: '城郊林场',
          startAt: w.isoIn(48 * 60),
          endAt: w.isoIn(51 * 60),
          signupOpenAt: w.isoIn(-1),
          signupCloseAt: w.isoIn(24 * 60),
          capacity: 20,
          waitlist: true,
        },
      },
      ...edits(
        w.union,
        {
          activityId: id,
          revision: a.revision,
          title: a.title,
          kind: a.kind,
          subType: a.subType,
          description: a.description,
          place: a.place,
          startAt: w.isoIn(72 * 60),
          endAt: w.isoIn(75 * 60),
          signupOpenAt: a.signupOpenAt,
          signupCloseAt: a.signupCloseAt,
          capacity: a.capacity ?? undefined,
          waitlist: a.waitlist,
        },
        { place: '城郊林场东门' },
        'moved after sign-ups',
      ),
    ]
  },
  'activity.get': async (w) => ({ as: w.union, input: { activityId: w.fullActivityId } }),
  'activity.publish': async (w) => {
    const { activity: a } = await w.t.ok(w.union, 'activity.save', {
      title: '待发布的活动',
      kind: 'union',
      subType: '趣味运动会',
      description: '工会趣味运动会。',
      place: '机关操场',
      startAt: w.isoIn(48 * 60),
      endAt: w.isoIn(51 * 60),
      signupOpenAt: w.isoIn(-1),
      signupCloseAt: w.isoIn(24 * 60),
      capacity: 20,
    })
    return { as: w.union, input: { activityId: a.id } }
  },
  'activity.closeSignup': async (w) => ({ as: w.union, input: { activityId: await activity(w.t, w.union, w.isoIn) } }),
  'activity.manage': async (w) => ({ as: w.union, input: {} }),
  'activity.roster': async (w) => [
    { label: 'all', as: w.union, input: { activityId: w.fullActivityId } },
    { label: 'waitlist', as: w.union, input: { activityId: w.fullActivityId, status: 'waitlisted' } },
    { label: 'confirmed', as: w.union, input: { activityId: w.fullActivityId, status: 'confirmed' } },
  ],
  'activity.review': async (w) => {
    const id = await activity(w.t, w.union, w.isoIn, { approval: true })
    const { signup } = await w.t.ok(w.member, 'activity.signup', { activityId: id })
    return { as: w.union, input: { signupId: signup.id, approve: true } }
  },
  'activity.promote': async (w) => {
    // A place freed by raising the capacity while someone waits.
    const id = await activity(w.t, w.union, w.isoIn, { capacity: 1 })
    await w.t.ok(w.member, 'activity.signup', { activityId: id })
    const waiting = await w.freshMember()
    const { signup } = await w.t.ok(waiting.openid, 'activity.signup', { activityId: id })
    await w.t.cloud
      .db()
      .collection('activities')
      .doc(id)
      .update({ data: { capacity: 2 } })
    return { as: w.union, input: { signupId: signup.id, reason: '增加名额后递补' } }
  },
  'activity.setHours': async (w) => {
    const id = await activity(w.t, w.union, w.isoIn)
    const { signup } = await w.t.ok(w.member, 'activity.signup', { activityId: id })
    return { as: w.union, input: { signupId: signup.id, tenths: 25, reason: '忘记签退，现场核实' } }
  },
  'activity.qrToken': async (w) => ({ as: w.union, input: { activityId: w.fullActivityId, mode: 'in' } }),
  'activity.exportRoster': async (w) => ({ as: w.union, input: { activityId: w.fullActivityId } }),
  'activity.list': async (w) => [
    { label: 'all', as: w.member, input: {} },
    { label: 'mine', as: w.member, input: { filter: 'mine' } },
    { label: 'page 2', as: w.member, input: { page: 2 } },
  ],
  'activity.detail': async (w) => [
    { label: 'holder', as: w.member, input: { activityId: w.fullActivityId } },
    { label: 'last on the waitlist', as: `wx_wait_${w.size.waitlist - 1}`, input: { activityId: w.fullActivityId } },
  ],
  'activity.signup': async (w) => [
    { label: 'to the waitlist', as: (await w.freshMember()).openid, input: { activityId: w.fullActivityId } },
    {
      label: 'a place',
      as: (await w.freshMember()).openid,
      input: { activityId: await activity(w.t, w.union, w.isoIn) },
    },
  ],
  'activity.cancel': async (w) => ({ label: 'with promotion', as: w.member, input: { activityId: w.fullActivityId } }),
  'activity.checkIn': async (w) => {
    const id = await activity(w.t, w.union, w.isoIn, {
      startAt: w.isoIn(30),
      endAt: w.isoIn(180),
      signupCloseAt: w.isoIn(20),
    })
    await w.t.ok(w.member, 'activity.signup', { activityId: id })
    // On-site check-in opens at the start: the activity has begun by the time she scans (set straight in the
    // database, so the world's clock stays where the other cases expect it).
    await w.t.cloud
      .db()
      .collection('activities')
      .doc(id)
      .update({ data: { startAt: new Date(w.isoIn(-5)) } })
    const { token } = await w.t.ok(w.union, 'activity.qrToken', { activityId: id, mode: 'in' })
    return { as: w.member, input: { token } }
  },
  'activity.myHours': async (w) => ({ as: w.member, input: {} }),
  'activity.subscribe': async (w) => ({
    as: w.member,
    input: { templateId: 'local_activity_promoted', accepted: true },
  }),

  // ── vote ──
  'vote.create': async (w) => ({ as: w.branchAdmin, input: voteInput(w) }),
  'vote.close': async (w) => ({ as: w.branchAdmin, input: { voteId: await openVote(w) } }),
  'vote.update': async (w) => {
    // A vote that opens tomorrow, moved by a day with a third candidate: every write path (deadline copy, audit).
    const input = { ...voteInput(w), openAt: w.isoIn(60 * 24), closeAt: w.isoIn(60 * 48) }
    const { vote } = await w.t.ok(w.branchAdmin, 'vote.create', input)
    const { eligibility: _e, branchId: _b, ...fields } = input
    return edits(
      w.branchAdmin,
      {
        voteId: vote.id,
        revision: 0,
        ...fields,
        options: [...input.options, { text: '弃权' }],
        closeAt: w.isoIn(60 * 72),
      },
      { liveResults: !input.liveResults },
    )
  },
  'vote.manage': async (w) => {
    await openVote(w)
    return { as: w.branchAdmin, input: {} }
  },
  'archive.voteResults': async (w) => {
    const voteId = await openVote(w)
    await w.t.ok(w.member, 'vote.cast', { voteId, choices: ['o1'] })
    return { as: w.branchAdmin, input: { voteId } }
  },
  'vote.list': async (w) => {
    await openVote(w)
    return { as: w.member, input: {} }
  },
  'vote.detail': async (w) => {
    const voteId = await openVote(w)
    await w.t.ok(w.member, 'vote.cast', { voteId, choices: ['o2'] })
    return { as: w.member, input: { voteId } }
  },
  'vote.cast': async (w) => {
    const voteId = await openVote(w)
    return [
      { label: 'first', as: w.member, input: { voteId, choices: ['o1'] } },
      { label: 'again', as: w.member, input: { voteId, choices: ['o2'] } },
    ]
  },

  // ── review ──
  'review.open': async (w) => ({ as: w.orgAdmin, input: reviewInput(w) }),
  'review.list': async (w) => {
    await openReview(w)
    return { as: w.member, input: {} }
  },
  'review.mine': async (w) => ({ as: w.member, input: { reviewId: await openReview(w) } }),
  'review.selfAssess': async (w) => ({
    as: w.member,
    input: { reviewId: await openReview(w), text: '一年来认真学习党的创新理论，按时参加组织生活，完成各项工作任务。' },
  }),
  'review.rate': async (w) => {
    const reviewId = await openReview(w)
    const { ratees } = await w.t.ok(w.member, 'review.mine', { reviewId })
    const ratings = ratees.map((r) => ({ memberId: r.memberId, grade: 'qualified' }))
    return [
      { label: 'first', as: w.member, input: { reviewId, ratings } },
      { label: 'again', as: w.member, input: { reviewId, ratings } },
    ]
  },
  // The window is still open in the shared world (its clock does not move): results and proposals are refused
  // before the close, and that refusal is what is measured; __tests__/functions/review runs them after the close.
  'review.results': async (w) => ({
    as: w.branchAdmin,
    input: { reviewId: await openReview(w), branchId: 'org_office' },
    expect: 'REVIEW_RESULTS_HIDDEN',
  }),
  'review.propose': async (w) => ({
    as: w.branchAdmin,
    input: {
      reviewId: await openReview(w),
      branchId: 'org_office',
      items: [{ memberId: w.memberId, grade: 'qualified' }],
    },
    expect: 'REVIEW_RESULTS_HIDDEN',
  }),
  'review.overview': async (w) => ({ as: w.orgAdmin, input: { reviewId: await openReview(w) } }),
  'archive.reviewResults': async (w) => ({
    as: w.branchAdmin,
    input: { reviewId: await openReview(w) },
    expect: 'REVIEW_RESULTS_HIDDEN',
  }),

  // ── archive ──
  'archive.meetingRecord': async (w) => ({ as: w.branchAdmin, input: { meetingId: await recordedMeeting(w) } }),
  'archive.attendance': async (w) => {
    const closed = await officeMeeting(w, 0)
    await w.t.ok(w.branchAdmin, 'meeting.close', { meetingId: closed })
    return { as: w.orgAdmin, input: {} }
  },
  'archive.rosterTemplate': async (w) => ({ as: w.branchAdmin, input: {} }),
  'archive.reflections': async (w) => ({ as: w.orgAdmin, input: { articleId: w.articleId } }),
  'archive.memberReflections': async (w) => ({ as: w.branchAdmin, input: { memberId: w.memberId } }),
  'archive.volunteerHours': async (w) => ({ as: w.union, input: {} }),
  'archive.compliance': async (w) => ({ as: w.branchAdmin, input: { branchId: 'org_office', year: 2026 } }),
  'archive.branchRecords': async (w) => {
    await recordedMeeting(w)
    return { as: w.branchAdmin, input: { branchId: 'org_office', from: w.isoIn(-60 * 24), to: w.isoIn(60) } }
  },
  // The year's scorecard after a missed meeting (attendance, 纪实, 补学 owed), with the test and the article of the world.
  'archive.scorecard': async (w) => {
    await missedMeeting(w)
    return { as: w.orgAdmin, input: { year: yearOf(w) } }
  },

  // ── remind ──
  'remind.template': async (w) => ({ as: w.member, input: {} }),
  'remind.subscribe': async (w) => ({
    as: w.member,
    input: { templateId: 'local_reminder', accepted: true, meetingId: w.meetingId },
  }),
  // 一键提醒 on a meeting tomorrow (everyone still to sign in) and on the world's open test.
  'remind.send': async (w) => [
    { label: 'a meeting', as: w.branchAdmin, input: { kind: 'meeting', itemId: await officeMeeting(w, 60 * 24) } },
    { label: 'a test', as: w.orgAdmin, input: { kind: 'quiz', itemId: w.quizId } },
  ],
  'remind.activityLog': async (w) => {
    // A 活动提醒 job on record (as the timer queues it a day before), so its outcomes are counted too.
    await w.t.cloud
      .db()
      .collection('reminder_jobs')
      .add({
        data: {
          _id: `activity_soon_${w.fullActivityId}`,
          rule: 'activity_soon',
          kind: 'activity',
          itemId: w.fullActivityId,
          title: '活动',
          branchIds: [],
          page: 'packages/activity/pages/detail/index',
          values: {},
          byId: null,
          byName: null,
          createdAt: w.t.cloud.clock.now(),
          job: {
            status: 'done',
            leaseUntil: new Date(0),
            runner: null,
            cursor: '',
            counts: {},
            startedAt: null,
            finishedAt: w.t.cloud.clock.now(),
          },
        },
      })
    return { as: w.union, input: { activityId: w.fullActivityId } }
  },
  'remind.log': async (w) => {
    const itemId = await officeMeeting(w, 60 * 24)
    await w.t.ok(w.branchAdmin, 'remind.send', { kind: 'meeting', itemId })
    return { as: w.branchAdmin, input: { kind: 'meeting', itemId } }
  },

  // ── scorecard ──
  'scorecard.view': async (w) => {
    await missedMeeting(w)
    return [
      { label: 'the committee, the year', as: w.orgAdmin, input: { year: yearOf(w) } },
      { label: 'a secretary, one month', as: w.branchAdmin, input: { year: yearOf(w), month: monthOf(w) } },
    ]
  },
  'scorecard.setWeights': async (w) => ({
    as: w.orgAdmin,
    input: {
      life: 30,
      attendance: 20,
      records: 10,
      makeup: 10,
      study: 10,
      testJoin: 10,
      testPass: 5,
      volunteer: 0,
      review: 5,
    },
  }),
}

const yearOf = (w: World) => new Date(new Date(w.isoIn(0)).getTime() + 8 * 3600_000).getUTCFullYear()
const monthOf = (w: World) => new Date(new Date(w.isoIn(0)).getTime() + 8 * 3600_000).getUTCMonth() + 1
