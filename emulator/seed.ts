import type { Db } from '../cloudfunctions/_shared/db-types'
import { memberIdFor } from '../cloudfunctions/member/member-id'
import { phoneTail } from '../src/domain/phone'
import { ROLE_LABELS } from '../src/domain/roles'
import { BRANCH_POSTS, type BranchPost } from '../src/domain/staff.rules'
import { seedActivities } from './seed-activities'
import { seedMeetings } from './seed-meetings'
import { seedQuiz } from './seed-quiz'
import { demoPhone, MEMBERS } from './seed-members'
import { seedReflections, seedStudy } from './seed-study'

export { demoPhone, demoPhoneOf } from './seed-members'

/** Emulator-only collection: the WeChat identities the dev sign-in page offers. */
export const PERSONAS = 'dev_personas'

const ORGS = [
  { _id: 'org_root', name: '示范市财政局机关党委', type: 'committee', parentId: null, ancestors: [], sort: 0 },
  {
    _id: 'org_gb1',
    name: '机关第一党总支',
    type: 'general_branch',
    parentId: 'org_root',
    ancestors: ['org_root'],
    sort: 0,
  },
  {
    _id: 'org_office',
    name: '办公室党支部',
    type: 'branch',
    parentId: 'org_gb1',
    ancestors: ['org_root', 'org_gb1'],
    sort: 0,
    inviteCode: 'BGSZB2',
  },
  {
    _id: 'org_budget',
    name: '预算处党支部',
    type: 'branch',
    parentId: 'org_gb1',
    ancestors: ['org_root', 'org_gb1'],
    sort: 1,
    inviteCode: 'YSCZB3',
  },
  {
    _id: 'org_treasury',
    name: '国库处党支部',
    type: 'branch',
    parentId: 'org_root',
    ancestors: ['org_root'],
    sort: 1,
    inviteCode: 'GKCZB4',
  },
  {
    _id: 'org_retired',
    name: '离退休干部党支部',
    type: 'branch',
    parentId: 'org_root',
    ancestors: ['org_root'],
    sort: 2,
    inviteCode: 'LTXZB5',
    // 离退休干部党支部: its members start in 长辈模式.
    retirees: true,
  },
  {
    _id: 'org_office_g1',
    name: '第一党小组',
    type: 'group',
    parentId: 'org_office',
    ancestors: ['org_root', 'org_gb1', 'org_office'],
    sort: 0,
  },
  {
    _id: 'org_office_g2',
    name: '第二党小组',
    type: 'group',
    parentId: 'org_office',
    ancestors: ['org_root', 'org_gb1', 'org_office'],
    sort: 1,
  },
  {
    _id: 'org_treasury_g1',
    name: '第一党小组',
    type: 'group',
    parentId: 'org_treasury',
    ancestors: ['org_root', 'org_treasury'],
    sort: 0,
  },
]

/** Writes the demo organisation through the same database API the functions use. Idempotent (fixed ids). */
export async function seedDemo(
  db: Db,
  now: Date,
  opts: { meetings?: boolean; quiz?: boolean; upload?: (cloudPath: string, content: Buffer) => string } = {},
): Promise<{
  orgs: number
  members: number
  meetings: number
  questions: number
  articles: number
  activities: number
}> {
  // The one collection outside the manifest: emulator-only (the dev sign-in page), never deployed.
  try {
    await (db as unknown as { createCollection(n: string): Promise<unknown> }).createCollection(PERSONAS)
  } catch {
    // Already there (a reseed keeps it).
  }
  for (const o of ORGS) {
    const { _id, ...data } = o
    await db
      .collection('orgs')
      .doc(_id)
      .set({
        data: {
          ...data,
          inviteCode: (o as { inviteCode?: string }).inviteCode ?? null,
          createdAt: now,
          updatedAt: now,
        },
      })
  }
  let newIdentity = 0
  // The demo titles name committee posts (支部书记, 组织委员…): seed those as posts on the branch committee.
  const postOf = (title?: string): BranchPost | null =>
    title === '支部书记' ? '书记' : BRANCH_POSTS.includes(title as BranchPost) ? (title as BranchPost) : null
  for (const [i, m] of MEMBERS.entries()) {
    const phone = demoPhone(i)
    const id = memberIdFor(phone)
    const state = m.state ?? 'bound'
    const openid = state === 'bound' || state === 'unbind_requested' ? `demo_${id}` : null
    const pendingOpenid = state === 'pending' ? `demo_pending_${id}` : null
    const role = m.role ?? 'member'
    await db
      .collection('members')
      .doc(id)
      .set({
        data: {
          name: m.name,
          phone,
          phoneTail: phoneTail(phone),
          branchId: m.branch,
          groupId: m.group ?? null,
          role,
          title: m.title ?? null,
          post: postOf(m.title),
          gender: m.gender,
          status: 'active',
          leftReason: null,
          leftAt: null,
          openid,
          bindStatus: state === 'unbind_requested' ? 'bound' : state,
          pendingOpenid,
          unbindRequested: state === 'unbind_requested',
          createdAt: now,
          updatedAt: now,
        },
      })
    const branchName = ORGS.find((o) => o._id === m.branch)!.name
    if (openid || pendingOpenid) {
      await db
        .collection('bindings')
        .doc((openid ?? pendingOpenid)!)
        .set({ data: { memberId: id, status: openid ? 'bound' : 'pending', at: now } })
    }
    // Every member gets a sign-in identity; an unbound one is a WeChat user who has not bound yet.
    const persona = openid ?? pendingOpenid ?? `demo_new_${++newIdentity}`
    const hint =
      state === 'unbound'
        ? `新微信用户：请以“${m.name}”、手机尾号 ${phoneTail(phone)} 绑定（或支部邀请码 ${(ORGS.find((o) => o._id === m.branch) as { inviteCode?: string }).inviteCode}）`
        : state === 'pending'
          ? '已用邀请码申请绑定，等待支部审核'
          : state === 'unbind_requested'
            ? '已申请解除绑定'
            : `手机 ${phone.slice(0, 3)}****${phone.slice(7)}`
    await db
      .collection(PERSONAS)
      .doc(persona)
      .set({
        data: { name: m.name, roleLabel: ROLE_LABELS[role], branchName, hint, sort: i },
      })
  }
  let meetings = 0
  if (opts.meetings !== false) {
    const office = MEMBERS.map((m, i) => ({ ...m, id: memberIdFor(demoPhone(i)) })).filter(
      (m) => m.branch === 'org_office' && (m.state ?? 'bound') === 'bound',
    )
    const groups: Record<string, string[]> = {}
    for (const m of office) if (m.group) (groups[m.group] ??= []).push(m.id)
    const organiser = office.find((m) => m.role === 'branch_admin')!
    meetings = await seedMeetings(
      db,
      now,
      {
        branch: office.map((m) => m.id),
        // The branch committee: those holding a post (支部书记, 组织委员…), expected at 支部委员会.
        committee: office.filter((m) => postOf(m.title)).map((m) => m.id),
        groups,
        names: Object.fromEntries(office.map((m) => [m.id, m.name])),
      },
      { id: organiser.id, name: organiser.name },
    )
  }
  let questions = 0
  if (opts.quiz !== false) questions = (await seedQuiz(db, now, memberIdFor(demoPhone(0)))).questions
  const articles = opts.upload ? await seedStudy(db, now, memberIdFor(demoPhone(0)), opts.upload) : 0
  const people = MEMBERS.map((m, i) => ({
    id: memberIdFor(demoPhone(i)),
    name: m.name,
    branchId: m.branch,
    bound: (m.state ?? 'bound') === 'bound',
  })).filter((p) => p.bound && ['钱文静', '孙浩然', '冯涛', '林静怡'].includes(p.name))
  const activities = opts.upload ? await seedActivities(db, now, memberIdFor(demoPhone(2)), people) : 0
  if (opts.upload) await seedReflections(db, now, people)
  return { orgs: ORGS.length, members: MEMBERS.length, meetings, questions, articles, activities }
}
