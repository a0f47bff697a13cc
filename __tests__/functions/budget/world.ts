// The data the budget test runs every action against: the seeded demo organisation, and the same organisation with
// a large branch, a long waitlist and a long test paper (issue 11). Setup goes straight into the database or through
// the functions unmetered; only the call under test is counted.
import ExcelJS from 'exceljs'
import { writeBoundMember } from '../bound-member'
import type { TestCloud } from '../local-cloud'
import { importUntilWritten } from '../quiz/fixtures'

export interface WorldSize {
  /** Extra bound members added to 办公室党支部 (whose meetings' default expected list is the whole branch). */
  members: number
  /** People waiting on the shared full activity. */
  waitlist: number
  /** Questions on the shared test's paper. */
  paper: number
  /** Fresh members for create-once calls (40 unless said; the scaling benchmark repeats calls). */
  fresh?: number
}

export const SEEDED: WorldSize = { members: 0, waitlist: 2, paper: 7 }
export const LARGE: WorldSize = { members: 2000, waitlist: 2000, paper: 100 }

export interface World {
  t: TestCloud
  size: WorldSize
  orgAdmin: string
  branchAdmin: string
  union: string
  /** 钱文静, an ordinary member of 办公室党支部: the caller of most member actions. */
  member: string
  memberId: string
  idOf(name: string): Promise<string>
  /** A fresh bound member of 办公室党支部 per call (so create-once actions run their first time). */
  freshMember(): Promise<{ openid: string; id: string }>
  isoIn(minutes: number): string
  /** An open meeting of 办公室党支部 in its sign-in window, printed code on. */
  meetingId: string
  /** A published test, open now; its paper has `size.paper` questions. */
  quizId: string
  /** A published required article for the whole organisation. */
  articleId: string
  /** A full activity (capacity 1, held by `holder`) with `size.waitlist` people waiting. */
  fullActivityId: string
  xlsx(sheet: string, rows: unknown[][]): Promise<string>
}

const PAPER_BANK = (n: number) => {
  const single = Math.round(n * 0.6)
  const multi = Math.round(n * 0.2)
  const judge = n - single - multi
  const rows: unknown[][] = [['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分类']]
  for (let i = 0; i < single; i++)
    rows.push(['单选', `预算单选题${i + 1}（  ）`, '错一', `对${i}`, '错二', '错三', 'B', `解析单${i + 1}`, '党章'])
  for (let i = 0; i < multi; i++)
    rows.push([
      '多选',
      `预算多选题${i + 1}（  ）`,
      `对甲${i}`,
      '错甲',
      `对乙${i}`,
      '错乙',
      'A、C',
      `解析多${i + 1}`,
      '条例',
    ])
  for (let i = 0; i < judge; i++)
    rows.push(['判断', `预算判断题${i + 1}`, '', '', '', '', i % 2 ? '错' : '对', `解析判${i + 1}`, '党章'])
  return { rows, draw: { single, multi, judge } }
}

export async function buildWorld(t: TestCloud, size: WorldSize): Promise<World> {
  const db = t.cloud.db()
  const now = () => t.cloud.clock.now()
  const isoIn = (minutes: number) => new Date(now().getTime() + minutes * 60_000).toISOString()
  const idOf = async (name: string) =>
    (await db.collection('members').where({ name }).limit(1).get()).data[0]._id as string
  const xlsx = async (sheet: string, rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet(sheet)
    rows.forEach((r) => ws.addRow(r))
    return t.cloud.storage.upload(
      `imports/${sheet}-${Math.random().toString(36).slice(2)}.xlsx`,
      Buffer.from(await wb.xlsx.writeBuffer()),
    )
  }
  // members.phone is a unique index of the manifest (the strict local cloud enforces it): one number per member made.
  let phones = 0
  const addMember = async (prefix: string, i: number) => {
    const id = `m_${prefix}_${i}`
    const openid = `wx_${prefix}_${i}`
    const at = now()
    const phone = `135${String(++phones).padStart(8, '0')}`
    await writeBoundMember(db, { id, openid, name: `党员${prefix}${i}`, phone, branchId: 'org_office' }, at)
    return { openid, id }
  }
  for (let i = 0; i < size.members; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, size.members - i) }, (_, k) => addMember('big', i + k)))
  }

  // Fresh members exist before the shared meeting, so they are on its expected list like everyone of the branch.
  const pool = await Promise.all(Array.from({ length: size.fresh ?? 40 }, (_, i) => addMember('fresh', i)))
  const orgAdmin = await t.openidOf('陈建国')
  const branchAdmin = await t.openidOf('李秀英')
  const union = await t.openidOf('赵晓燕')
  const member = await t.openidOf('钱文静')

  const { meeting } = await t.ok(branchAdmin, 'meeting.create', {
    branchId: 'org_office',
    title: '11 月支部党员大会',
    type: 'branch_assembly',
    startAt: isoIn(5),
    endAt: isoIn(95),
    place: '三楼会议室',
    staticCode: true,
  })

  const bank = PAPER_BANK(size.paper)
  await importUntilWritten(t, orgAdmin, await xlsx('题库', bank.rows))
  const { quiz } = await t.ok(orgAdmin, 'quiz.saveQuiz', {
    title: '七一党内法规测试',
    openAt: isoIn(-1),
    closeAt: isoIn(600),
    durationMin: 120,
    mode: 'random',
    draw: bank.draw,
    points: { single: 1, multi: 1, judge: 1 },
    passMark: 1,
    attemptsAllowed: 3,
    // 离退休干部党支部 is left out, so its members practise with the whole bank: practice locks every question a
    // test still open to the member may draw (issue 9), and the practice cases measure the usual day.
    audienceBranchIds: ['org_office', 'org_budget', 'org_treasury'],
  })
  await t.ok(orgAdmin, 'quiz.publishQuiz', { quizId: quiz.id })

  const { article } = await t.ok(orgAdmin, 'study.save', {
    title: '学习贯彻党的二十届四中全会精神',
    category: '第一议题',
    markdown: '## 一、总体要求\n\n深入学习**全会精神**。',
    required: true,
    deadline: isoIn(7 * 1440),
    readMinutes: 1,
  })
  await t.ok(orgAdmin, 'study.publish', { articleId: article.id })
  // 学习心得 on it: 钱文静's through the function, and one from every extra member of the large branch, so reading
  // them by page must cost the same for three or two thousand.
  await t.ok(member, 'study.reflect', { articleId: article.id, text: '深入学习全会精神，结合岗位抓好落实。' })
  for (let i = 0; i < size.members; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, size.members - i) }, (_, k) => {
        const memberId = `m_big_${i + k}`
        return db
          .collection('reflections')
          .doc(`${article.id}_${memberId}`)
          .set({
            data: {
              articleId: article.id,
              memberId,
              branchId: 'org_office',
              text: `第 ${i + k} 位党员的学习心得：联系实际，抓好落实。`,
              updatedAt: new Date(now().getTime() - (i + k) * 1000),
            },
          })
      }),
    )
  }

  const full = await activity(t, union, isoIn, { capacity: 1, waitlist: true })
  await t.ok(member, 'activity.signup', { activityId: full })
  const act = (await db.collection('activities').doc(full).get()).data as Record<string, unknown>
  const queue: string[] = []
  for (let i = 0; i < size.waitlist; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, size.waitlist - i) }, async (_, k) => {
        const w = await addMember('wait', i + k)
        await joinWaitlist(t, act, w.id, i + k)
        return `${full}_${w.id}`
      }),
    )
    queue.push(...batch)
  }
  // The activity's queue in the order they joined, as activity.signup appends it one by one.
  await db.collection('activities').doc(full).update({ data: { queue } })

  return {
    t,
    size,
    orgAdmin,
    branchAdmin,
    union,
    member,
    memberId: await idOf('钱文静'),
    idOf,
    isoIn,
    xlsx,
    freshMember: async () => {
      const m = pool.shift()
      if (!m) throw new Error('the world ran out of fresh members: raise the pool')
      return m
    },
    meetingId: meeting.id,
    quizId: quiz.id,
    articleId: article.id,
    fullActivityId: full,
  }
}

/** Puts a member on an activity's waitlist directly (setup for the large world; the functions do this one by one). */
async function joinWaitlist(t: TestCloud, a: Record<string, unknown>, memberId: string, i: number) {
  const at = new Date(t.cloud.clock.now().getTime() + i)
  await t.cloud
    .db()
    .collection('signups')
    .doc(`${a._id}_${memberId}`)
    .set({
      data: {
        activityId: a._id,
        activityTitle: a.title,
        kind: a.kind,
        subType: a.subType,
        activityStartAt: a.startAt,
        memberId,
        memberName: `候补${i}`,
        branchId: 'org_office',
        status: 'waitlisted',
        waitAt: at,
        extra: [],
        createdAt: at,
        updatedAt: at,
        promotedAt: null,
        checkInAt: null,
        checkOutAt: null,
        hours: null,
        rejectReason: null,
      },
    })
}

/** Saves and publishes an activity as the union admin; sign-up open now, held in two days unless `over` says. */
export async function activity(
  t: TestCloud,
  union: string,
  isoIn: (m: number) => string,
  over: Record<string, unknown> = {},
): Promise<string> {
  const { activity: a } = await t.ok(union, 'activity.save', {
    title: `巾帼志愿者进社区${Math.random().toString(36).slice(2, 6)}`,
    kind: 'volunteer',
    subType: '巾帼志愿者进社区',
    description: '走进幸福里社区，开展垃圾分类宣传和助老服务。',
    place: '幸福里社区党群服务中心',
    startAt: isoIn(48 * 60),
    endAt: isoIn(51 * 60),
    signupOpenAt: isoIn(-1),
    signupCloseAt: isoIn(24 * 60),
    capacity: 2,
    waitlist: true,
    ...over,
  })
  await t.ok(union, 'activity.publish', { activityId: a.id })
  return a.id
}
