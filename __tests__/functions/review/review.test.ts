import { BUDGETS } from '../../../src/contract'
import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { iso } from '../vote/fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

async function openReview(excellentMaxPercent = 30) {
  const org = await t.openidOf('陈建国')
  return t.ok(org, 'review.open', {
    title: '2026 年度民主评议党员',
    period: '2026',
    openAt: iso(t, -1),
    closeAt: iso(t, 60 * 24),
    excellentMaxPercent,
  })
}

/** Everyone of 国库处党支部 who is bound rates everyone else of the branch. */
async function rateAll(reviewId: string, grades: (rater: string, ratee: string) => string) {
  const branch = ['张丽华', '黄海', '林静怡', '罗成', '谢婉清', '唐志远', '宋佳']
  for (const name of branch) {
    const me = await t.openidOf(name)
    const { ratees } = await t.ok(me, 'review.mine', { reviewId })
    await t.ok(me, 'review.rate', {
      reviewId,
      ratings: ratees.map((r) => ({
        memberId: r.memberId,
        grade: grades(name, r.name),
        comment: name === '罗成' ? `${r.name}要加强学习` : undefined,
      })),
    })
  }
}

describe('民主评议党员', () => {
  it('members assess themselves and rate each other once; results appear after the window; proposals respect the committee limit', async () => {
    const { review, participants } = await openReview(30)
    expect(participants).toBe(32)
    const lin = await t.openidOf('林静怡')
    const mine = await t.ok(lin, 'review.mine', { reviewId: review.id })
    expect(mine.branchName).toBe('国库处党支部')
    // Everyone is rated, herself included: a ballot that left its voter out would name her by the gap.
    expect(mine.ratees.filter((r) => r.me).map((r) => r.name)).toEqual(['林静怡'])
    expect(mine.ratees).toHaveLength(8)
    await t.ok(lin, 'review.selfAssess', {
      reviewId: review.id,
      text: '一年来认真学习党的创新理论，按时参加组织生活，完成各项工作任务。',
    })
    // A ballot must rate everyone else, once.
    expect(
      codeOf(
        await t.call(lin, 'review.rate', {
          reviewId: review.id,
          ratings: [{ memberId: mine.ratees[0].memberId, grade: 'excellent' }],
        }),
      ),
    ).toBe('REVIEW_BALLOT_INVALID')
    await rateAll(review.id, (_rater, ratee) => (ratee === '宋佳' ? 'excellent' : 'qualified'))
    expect((await t.ok(lin, 'review.mine', { reviewId: review.id })).voted).toBe(true)
    expect(
      await t.ok(lin, 'review.rate', {
        reviewId: review.id,
        ratings: mine.ratees.map((r) => ({ memberId: r.memberId, grade: 'unqualified' })),
      }),
    ).toEqual({ counted: true, already: true })

    const zhang = await t.openidOf('张丽华')
    expect(codeOf(await t.call(zhang, 'review.results', { reviewId: review.id, branchId: 'org_treasury' }))).toBe(
      'REVIEW_RESULTS_HIDDEN',
    )
    t.cloud.clock.advance(25 * 3600_000)
    // After the close (the budget suite can only measure the refusal before it): within budget here.
    const metered = await t.metered(zhang, 'review.results', { reviewId: review.id, branchId: 'org_treasury' })
    expect(metered.requests.total).toBeLessThanOrEqual(BUDGETS['review.results'].max)
    const res = await t.ok(zhang, 'review.results', { reviewId: review.id, branchId: 'org_treasury' })
    expect(res).toMatchObject({ participants: 8, voted: 7, maxExcellent: 2 })
    const song = res.rows.find((r) => r.name === '宋佳')!
    expect(song.counts).toEqual({ excellent: 7, qualified: 0, basic: 0, unqualified: 0 })
    expect(song.comments).toEqual(['宋佳要加强学习'])
    expect(res.rows.find((r) => r.name === '林静怡')!.self?.text).toMatch(/^一年来认真学习/)
    expect(
      codeOf(
        await t.call(await t.openidOf('李秀英'), 'review.results', { reviewId: review.id, branchId: 'org_treasury' }),
      ),
    ).toBe('OUT_OF_SCOPE')

    const ids = res.rows.map((r) => r.memberId)
    const tooMany = ids.map((memberId, i) => ({ memberId, grade: i < 3 ? 'excellent' : 'qualified' }))
    const refused = await t.call(zhang, 'review.propose', {
      reviewId: review.id,
      branchId: 'org_treasury',
      items: tooMany,
    })
    expect(codeOf(refused)).toBe('REVIEW_PROPOSAL_INVALID')
    expect(refused.ok ? '' : refused.error.message).toBe('优秀比例不能超过 30%（本支部 8 人，最多 2 名优秀）')
    const fine = ids.map((memberId, i) => ({ memberId, grade: i < 2 ? 'excellent' : 'qualified' }))
    const proposed = await t.metered(zhang, 'review.propose', {
      reviewId: review.id,
      branchId: 'org_treasury',
      items: fine,
    })
    expect(proposed.res.ok).toBe(true)
    expect(proposed.requests.total).toBeLessThanOrEqual(BUDGETS['review.propose'].max)

    // Each member's year shows the review: counted, 自我评价 written or not, and her own 建议结果 now it is proposed.
    const linId = res.rows.find((r) => r.name === '林静怡')!.memberId
    const linGrade = fine.find((f) => f.memberId === linId)!.grade
    const year = await t.metered(lin, 'member.year', {})
    expect(year.requests.total).toBeLessThanOrEqual(BUDGETS['member.year'].max)
    expect(year.res.ok && year.res.data.reviews).toEqual([
      {
        reviewId: review.id,
        title: '2026 年度民主评议党员',
        period: '2026',
        state: 'closed',
        voted: true,
        selfDone: true,
        result: linGrade,
      },
    ])
    const luo = await t.ok(await t.openidOf('罗成'), 'member.year', {})
    expect(luo.reviews[0]).toMatchObject({ voted: true, selfDone: false })
    // The committee's scorecard counts the same ballots: 7 of 国库处's 8 participants rated.
    const card = await t.ok(await t.openidOf('陈建国'), 'scorecard.view', { year: 2026 })
    const treasury = card.rows.find((r) => r.branchId === 'org_treasury')!
    expect([treasury.counts.reviewVoted, treasury.counts.reviewParticipants]).toEqual([7, 8])
    expect(treasury.values.review).toBeCloseTo(7 / 8)
    const overview = await t.ok(await t.openidOf('陈建国'), 'review.overview', { reviewId: review.id })
    expect(overview.rows.find((r) => r.branchId === 'org_treasury')).toMatchObject({
      participants: 8,
      voted: 7,
      selfDone: 1,
      proposed: { excellent: 2, qualified: 6, basic: 0, unqualified: 0 },
    })
    const file = await t.ok(await t.openidOf('陈建国'), 'archive.reviewResults', { reviewId: review.id })
    expect(file.fileName).toBe('2026 年度民主评议党员-评议结果.xlsx')
  })

  it('keeps ballots unlinkable: no member or time on a ballot, voter flags written before anyone rated', async () => {
    const { review } = await openReview()
    const db = t.cloud.db()
    const before = (
      await db.collection('review_voters').where({ reviewId: review.id, branchId: 'org_treasury' }).get()
    ).data.map((v) => v._id)
    await rateAll(review.id, () => 'qualified')
    const ballots = (await db.collection('review_ballots').where({ reviewId: review.id }).get()).data
    expect(ballots).toHaveLength(7)
    const openids = (await db.collection('members').limit(100).get()).data.map((m) => m.openid).filter(Boolean)
    for (const b of ballots) {
      expect(Object.keys(b).sort()).toEqual(['_id', 'branchId', 'ratings', 'reviewId'])
      for (const o of openids) expect(JSON.stringify(b)).not.toContain(o)
    }
    // Every ballot names every participant, in roster order: nothing in its content points at its voter.
    const roster = ballots[0].ratings.map((r: { memberId: string }) => r.memberId)
    for (const b of ballots) expect(b.ratings.map((r: { memberId: string }) => r.memberId)).toEqual(roster)
    expect(roster).toHaveLength(8)
    const after = (await db.collection('review_voters').where({ reviewId: review.id, branchId: 'org_treasury' }).get())
      .data
    expect(after.map((v) => v._id)).toEqual(before)
    for (const v of after) expect(Object.keys(v).sort()).toEqual(['_id', 'branchId', 'memberId', 'reviewId', 'voted'])
  })

  it('only participants inside the window; the committee opens reviews', async () => {
    expect(
      codeOf(
        await t.call(await t.openidOf('李秀英'), 'review.open', {
          title: '民主评议',
          period: '2026',
          openAt: iso(t, 0),
          closeAt: iso(t, 10),
          excellentMaxPercent: 30,
        }),
      ),
    ).toBe('FORBIDDEN')
    const { review } = await openReview()
    const again = await openReview()
    expect(again).toMatchObject({ already: true, review: { id: review.id } })
    expect(await t.count('review_voters')).toBe(32)
    t.cloud.clock.advance(25 * 3600_000)
    expect(
      codeOf(
        await t.call(await t.openidOf('林静怡'), 'review.selfAssess', {
          reviewId: review.id,
          text: '一年来认真学习党的创新理论，按时参加组织生活。',
        }),
      ),
    ).toBe('REVIEW_CLOSED')
  })
})
