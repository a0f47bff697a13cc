import { CONTRACT } from '../../../src/contract'
import type { Access } from '../../../src/contract/access'
import { ERRORS } from '../../../src/contract/errors'
import type { Schema } from '../../../src/contract/schema'
import type { Role } from '../../../src/domain/roles'
import { startTestCloud, type TestCloud } from '../local-cloud'
import { writeCounter } from './db-hash'
import { minimalInput } from './valid-inputs'

/**
 * Authorization matrix generated from the contract: every action × the seven kinds of caller × objects of two
 * branches (办公室党支部 "A", 预算处党支部 "B"). The expected cell comes from the action's access list and the scope
 * rule: a refused caller gets exactly NOT_BOUND / FORBIDDEN and nothing is written; a branch admin handed the other
 * branch's objects never succeeds and writes nothing; and no answer ever carries the names of members outside the
 * caller's scope or the committee's drafts. Nothing may answer INTERNAL.
 */

type Kind = 'unknown' | 'pending' | 'member' | 'branchAdminOwn' | 'branchAdminOther' | 'unionAdmin' | 'orgAdmin'
type Side = 'A' | 'B' | 'C'

let t: TestCloud
let writes: () => number
const who: Record<Kind, (side: Side) => string> = {} as never
/** Object ids per field name, per branch. */
const ids: Record<Side, Record<string, string>> = { A: {}, B: {}, C: {} }
const namesOf: Record<string, string[]> = {}
const DRAFT = '委员会草稿MATRIX'

const memberDoc = async (name: string) =>
  (await t.cloud.db().collection('members').where({ name }).limit(1).get()).data[0]

beforeAll(async () => {
  t = await startTestCloud()
  writes = writeCounter(t)
  const open = async (name: string) => t.openidOf(name)
  const [qian, li, wang, zhao, chen] = await Promise.all(['钱文静', '李秀英', '王志强', '赵晓燕', '陈建国'].map(open))
  const pending = (await memberDoc('郑洁')).pendingOpenid as string
  Object.assign(who, {
    unknown: () => 'wx_matrix_stranger',
    pending: () => pending,
    member: () => qian,
    branchAdminOwn: (s: Side) => (s === 'B' ? wang : li),
    branchAdminOther: (s: Side) => (s === 'B' ? li : wang),
    unionAdmin: () => zhao,
    orgAdmin: () => chen,
  })
  for (const m of (await t.cloud.db().collection('members').limit(100).get()).data)
    (namesOf[m.branchId] ??= []).push(m.name)

  // Objects of each branch: its id, a plain member (nobody who calls), a meeting and an article draft of its own admin.
  for (const [side, branchId, admin, person] of [
    ['A', 'org_office', li, '马俊杰'],
    ['B', 'org_budget', wang, '冯涛'],
  ] as const) {
    const { meeting } = await t.ok(admin, 'meeting.create', {
      branchId,
      title: `${side}支部党员大会`,
      type: 'branch_assembly',
      startAt: '2026-11-23T10:30:00+08:00',
      endAt: '2026-11-23T11:30:00+08:00',
      place: '会议室',
    })
    const { article } = await t.ok(admin, 'study.save', {
      title: `${side}支部学习资料`,
      category: '理论学习',
      markdown: '正文',
    })
    Object.assign(ids[side], {
      branchId,
      orgId: branchId,
      memberId: (await memberDoc(person))._id,
      meetingId: meeting.id,
      articleId: article.id,
    })
  }
  // The committee's drafts (an article and a test): no branch admin may read them anywhere. Every action is also
  // called with their ids (side "C"), where a branch admin must never succeed.
  const draft = await t.ok(chen, 'study.save', { title: DRAFT, category: '理论学习', markdown: '草稿正文' })
  const quiz = await t.ok(chen, 'quiz.saveQuiz', {
    title: DRAFT,
    openAt: '2026-11-23T10:00:00+08:00',
    closeAt: '2026-11-24T10:00:00+08:00',
    durationMin: 30,
    mode: 'random',
    draw: { single: 1, multi: 1, judge: 1 },
    points: { single: 1, multi: 1, judge: 1 },
    passMark: 1,
  })
  Object.assign(ids.C, { articleId: draft.article.id, quizId: quiz.quiz.id })
})
afterAll(() => t.close())

const ROLE_OF: Partial<Record<Kind, Role>> = {
  member: 'member',
  branchAdminOwn: 'branch_admin',
  branchAdminOther: 'branch_admin',
  unionAdmin: 'union_admin',
  orgAdmin: 'org_admin',
}

/** What the contract's access list says this kind of caller hears: null = let through to the handler. */
function accessRefusal(access: Access, kind: Kind): 'NOT_BOUND' | 'FORBIDDEN' | null {
  // Console actions (the first org admin's bootstrap) answer no WeChat caller at all.
  if (access === 'console') return 'FORBIDDEN'
  if (access === 'openid') return null
  const role = ROLE_OF[kind]
  if (!role) return 'NOT_BOUND'
  if (access === 'member') return null
  return access.includes(role) ? null : 'FORBIDDEN'
}

/** Names a caller of this kind may see in an answer; everyone else's is a leak. */
function visibleBranches(kind: Kind, side: Side): string[] | 'all' {
  if (kind === 'orgAdmin') return 'all'
  if (kind === 'branchAdminOwn') return [side === 'B' ? 'org_budget' : 'org_office']
  if (kind === 'branchAdminOther') return [side === 'B' ? 'org_office' : 'org_budget']
  if (kind === 'unknown' || kind === 'pending') return []
  return ['org_office'] // 钱文静 and 赵晓燕 sit in 办公室党支部
}

const SCOPED_FIELDS = ['branchId', 'orgId', 'memberId', 'meetingId', 'articleId']
/** Fields naming a committee draft (side C). */
const DRAFT_FIELDS = ['articleId', 'quizId']
const KINDS: Kind[] = ['unknown', 'pending', 'member', 'branchAdminOwn', 'branchAdminOther', 'unionAdmin', 'orgAdmin']
const actions = Object.entries(CONTRACT).flatMap(([fn, specs]) =>
  Object.entries(specs as Record<string, { input: Schema<unknown>; access: Access }>).map(([name, spec]) => ({
    procedure: `${fn}.${name}`,
    ...spec,
  })),
)
// Actions that write whatever the caller (a bind attempt is counted, a bootstrap refused and so on) are still checked
// for their answer; only refusals must leave the database untouched.
const cells = actions.flatMap((a) => {
  const shape = a.input.meta.kind === 'object' ? Object.keys(a.input.meta.shape) : []
  const scoped = shape.some((k) => SCOPED_FIELDS.includes(k))
  const drafts = shape.some((k) => DRAFT_FIELDS.includes(k))
  const sides: Side[] = [...(scoped ? (['A', 'B'] as const) : (['A'] as const)), ...(drafts ? (['C'] as const) : [])]
  // The org admin owns the drafts: their cells on side C would publish them under the other cells' feet.
  return KINDS.flatMap((kind) =>
    sides.filter((side) => !(side === 'C' && kind === 'orgAdmin')).map((side) => ({ ...a, kind, side, scoped })),
  )
})

it('covers every action of the contract, for all seven kinds of caller', () => {
  expect(new Set(cells.map((c) => c.procedure)).size).toBeGreaterThan(90)
  expect(cells.length).toBeGreaterThan(90 * 7)
})

describe.each(actions.map((a) => a.procedure))('%s', (procedure) => {
  it.each(cells.filter((c) => c.procedure === procedure).map((c) => [c.kind, c.side, c] as const))(
    '%s on objects of %s',
    async (_k, _s, cell) => {
      const input = minimalInput(cell.input, ids[cell.side])
      const before = writes()
      const res = await t.call(who[cell.kind](cell.side), procedure as never, input as never)
      const wrote = writes() !== before
      if (process.env.MATRIX_DEBUG)
        console.log(procedure, cell.kind, cell.side, JSON.stringify(input), JSON.stringify(res).slice(0, 300))
      if (!res.ok) {
        expect(Object.keys(ERRORS)).toContain(res.error.code)
        expect(res.error.code).not.toBe('INTERNAL')
      }

      const refusal = accessRefusal(cell.access, cell.kind)
      if (refusal) {
        expect(res).toEqual({ ok: false, error: { code: refusal, message: ERRORS[refusal] } })
        expect(wrote).toBe(false)
        return
      }
      expect(res.ok || res.error.code !== 'NOT_BOUND').toBe(true)

      // A branch admin handed the other branch's objects: never a success, never a write.
      if (cell.kind === 'branchAdminOther' && cell.scoped) {
        expect(res.ok).toBe(false)
        expect(wrote).toBe(false)
      }

      // No leak: member names outside the caller's scope, the committee's drafts for anyone but the org admin.
      const text = JSON.stringify(res)
      const visible = visibleBranches(cell.kind, cell.side)
      if (visible !== 'all') {
        expect(text).not.toContain(DRAFT)
        for (const [branchId, names] of Object.entries(namesOf)) {
          if (visible.includes(branchId)) continue
          // A pending caller may see the name they applied under.
          for (const name of names)
            if (!(cell.kind === 'pending' && name === '郑洁')) expect(text).not.toContain(`"${name}"`)
        }
      }
    },
  )
})
