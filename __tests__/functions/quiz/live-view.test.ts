// The secretary's live view of her branch's test (issue 11): who has handed in, who has not and who is answering now,
// named a page at a time, at the same request count for a branch of eight or of a few hundred.
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { LIVE_NAMES_PAGE } from '../../../src/contract/quiz.contract'
import { importBank, publishedQuiz, rightChoice } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

const EXTRA = 230
const HANDED_IN = 120

/** EXTRA more active members of 办公室党支部 (and one retired, who is nobody's audience), straight into the database. */
async function growOffice() {
  const db = t.cloud.db()
  const at = t.cloud.clock.now()
  const put = (i: number, status: string) =>
    db
      .collection('members')
      .doc(`m_live_${i}`)
      .set({
        data: {
          name: `党员${String(i).padStart(3, '0')}`,
          phone: `136${String(i).padStart(8, '0')}`,
          phoneTail: String(i).padStart(4, '0'),
          branchId: 'org_office',
          groupId: null,
          role: 'member',
          title: null,
          gender: null,
          status,
          openid: null,
          bindStatus: 'unbound',
          pendingOpenid: null,
          unbindRequested: false,
          createdAt: at,
          updatedAt: at,
        },
      })
  await Promise.all(Array.from({ length: EXTRA }, (_, i) => put(i, 'active')))
  await put(EXTRA, 'retired')
}

describe('the branch live view', () => {
  it('names who has taken it and who has not a page at a time, every name once, at one cost for any page', async () => {
    const { quiz } = await publishedQuiz(t, { attemptsAllowed: 2 })
    await growOffice()
    const secretary = await t.openidOf('李秀英')
    // 钱文静 hands in all right (16); 孙浩然 hands in, then starts again: taken once, and answering now.
    const qian = await t.openidOf('钱文静')
    const first = (await t.ok(qian, 'quiz.start', { quizId: quiz.id })).attempt
    for (const q of first.questions)
      await t.ok(qian, 'quiz.saveAnswer', { attemptId: first.attemptId, questionId: q.id, choice: rightChoice(q) })
    await t.ok(qian, 'quiz.submit', { attemptId: first.attemptId })
    const sun = await t.openidOf('孙浩然')
    await t.ok(sun, 'quiz.submit', {
      attemptId: (await t.ok(sun, 'quiz.start', { quizId: quiz.id })).attempt.attemptId,
    })
    await t.ok(sun, 'quiz.start', { quizId: quiz.id })
    // HANDED_IN of the extra members have handed in (a graded attempt cloned from 钱文静's, scores 0–15).
    const db = t.cloud.db()
    const graded = (await db.collection('attempts').doc(first.attemptId).get()).data
    const { _id: _ignored, ...shape } = (Array.isArray(graded) ? graded[0] : graded) as Record<string, unknown>
    await Promise.all(
      Array.from({ length: HANDED_IN }, (_, i) =>
        db
          .collection('attempts')
          .doc(`${quiz.id}_m_live_${i}_1`)
          .set({
            data: { ...shape, memberId: `m_live_${i}`, memberName: `党员${String(i).padStart(3, '0')}`, score: i % 16 },
          }),
      ),
    )

    const audience = 8 + EXTRA
    const taken = 2 + HANDED_IN
    const pages = Math.ceil((audience - taken) / LIVE_NAMES_PAGE)
    const seen: Array<{ memberId: string; name: string }> = []
    const takers: Array<{ memberId: string; score: number }> = []
    const costs: number[] = []
    for (let page = 1; page <= pages; page++) {
      const { res, requests } = await t.metered(secretary, 'quiz.liveView', { quizId: quiz.id, page })
      if (!res.ok) throw new Error(res.error.message)
      costs.push(requests.total)
      const { branch, branches } = res.data
      expect(branches[0]).toMatchObject({ audience, taken, notTaken: audience - taken })
      expect(branch).toMatchObject({
        page,
        pageSize: LIVE_NAMES_PAGE,
        takenTotal: taken,
        notTakenTotal: audience - taken,
        inProgress: 1,
      })
      expect(branch!.notTaken.length).toBeLessThanOrEqual(LIVE_NAMES_PAGE)
      seen.push(...branch!.notTaken)
      takers.push(...branch!.taken)
    }
    // Every member who has not handed in exactly once across the pages, in name order; nobody who has.
    expect(seen).toHaveLength(audience - taken)
    expect(new Set(seen.map((m) => m.memberId)).size).toBe(audience - taken)
    expect(seen.map((m) => m.name)).toEqual([...seen.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'zh')))
    expect(seen.map((m) => m.name)).toContain('党员229')
    expect(seen.map((m) => m.name)).not.toContain('党员000')
    expect(seen.map((m) => m.name)).not.toContain('钱文静')
    expect(seen.map((m) => m.name)).not.toContain('孙浩然')
    expect(seen.map((m) => m.name)).not.toContain(`党员${EXTRA}`)
    // 已考: everyone who handed in once, highest score first, 钱文静's 16 at the top.
    expect(takers).toHaveLength(taken)
    expect(takers[0]).toMatchObject({ score: 16 })
    expect(takers.map((x) => x.score)).toEqual([...takers.map((x) => x.score)].sort((a, b) => b - a))
    // Every page costs the same, and no more than the budget.
    expect(new Set(costs).size).toBe(1)
    expect(costs[0]).toBeLessThanOrEqual(6)

    // A page past the end (the list shrank while she looked) shows the last one.
    const late = await t.ok(secretary, 'quiz.liveView', { quizId: quiz.id, page: 50 })
    expect(late.branch?.page).toBe(pages)
    expect(codeOf(await t.call(secretary, 'quiz.liveView', { quizId: quiz.id, page: 0 }))).toBe('INVALID_INPUT')
  })

  it('the committee naming one branch sees every branch’s figures and that branch’s names', async () => {
    const { quiz, admin } = await publishedQuiz(t)
    await growOffice()
    const view = await t.ok(admin, 'quiz.liveView', { quizId: quiz.id, branchId: 'org_office' })
    expect(view.branches).toHaveLength(4)
    expect(view.branch).toMatchObject({ branchId: 'org_office', takenTotal: 0, notTakenTotal: 8 + EXTRA })
    expect(view.branch?.notTaken).toHaveLength(LIVE_NAMES_PAGE)
  })
})
