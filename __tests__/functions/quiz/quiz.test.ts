import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { seededShuffle } from '../../../src/domain/shuffle'
import { BANK, importBank, publishedQuiz, rightChoice, xlsx } from './fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
  await importBank(t)
})
afterEach(() => t.close())

/** Every key anywhere in a JSON value. */
const keysOf = (v: unknown): string[] =>
  v && typeof v === 'object'
    ? Object.entries(v).flatMap(([k, x]) => [...(Array.isArray(v) ? [] : [k]), ...keysOf(x)])
    : []

describe('taking a test', () => {
  it('no response before submit carries an answer key or an explanation', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const payloads: unknown[] = []
    payloads.push(await t.ok(me, 'quiz.available', {}))
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    payloads.push(attempt)
    for (const q of attempt.questions)
      payloads.push(await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: [0] }))
    payloads.push(await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId }))
    payloads.push(await t.ok(me, 'quiz.start', { quizId: quiz.id }))
    payloads.push(await t.ok(me, 'quiz.reportHide', { attemptId: attempt.attemptId }))
    for (const p of payloads) {
      expect(keysOf(p)).not.toContain('answer')
      expect(keysOf(p)).not.toContain('explanation')
      expect(JSON.stringify(p)).not.toMatch(/解析/)
    }
    expect(attempt.questions).toHaveLength(7)
  })

  it('grades on the server: all right scores full marks, and the shuffle does not disturb the key', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    for (const q of attempt.questions)
      await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: rightChoice(q) })
    const { result } = await t.ok(me, 'quiz.submit', { attemptId: attempt.attemptId })
    expect(result).toMatchObject({ score: 16, maxScore: 16, passed: true, correctCount: 7, answersShown: true })
    expect(result.items.every((i) => i.correct && i.explanation?.startsWith('解析'))).toBe(true)
  })

  it('each member gets their own order, stable when they reopen the attempt', async () => {
    const { quiz } = await publishedQuiz(t, { draw: { single: 6, multi: 4, judge: 4 } })
    const a = (await t.ok(await t.openidOf('钱文静'), 'quiz.start', { quizId: quiz.id })).attempt
    const again = (await t.ok(await t.openidOf('钱文静'), 'quiz.start', { quizId: quiz.id })).attempt
    const b = (await t.ok(await t.openidOf('孙浩然'), 'quiz.start', { quizId: quiz.id })).attempt
    expect(again.attemptId).toBe(a.attemptId)
    expect(again.questions).toEqual(a.questions)
    expect(b.questions.map((q) => q.id + q.options.join())).not.toEqual(a.questions.map((q) => q.id + q.options.join()))
  })

  it('resumes with the saved answers after closing WeChat', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    const q = attempt.questions[0]
    await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: [2] })
    const back = await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId })
    expect(back.attempt?.answers[q.id]).toEqual([2])
    expect(back.attempt?.deadline).toBe(attempt.deadline)
  })

  it('the deadline holds: after it (and the grace) saves and submits are refused and the saved answers are graded', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    const [first, second] = attempt.questions
    await t.ok(me, 'quiz.saveAnswer', {
      attemptId: attempt.attemptId,
      questionId: first.id,
      choice: rightChoice(first),
    })
    t.cloud.clock.advance(30 * 60_000 + 31_000)
    expect(
      codeOf(
        await t.call(me, 'quiz.saveAnswer', {
          attemptId: attempt.attemptId,
          questionId: second.id,
          choice: rightChoice(second),
        }),
      ),
    ).toBe('QUIZ_TIME_UP')
    const late = await t.call(me, 'quiz.submit', { attemptId: attempt.attemptId })
    expect(late).toEqual({
      ok: false,
      error: { code: 'QUIZ_TIME_UP', message: '已超过作答时间，本次提交未被接受；系统已按截止前保存的答案评分' },
    })
    const { result } = await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId })
    expect(result).toMatchObject({ submitKind: 'deadline', correctCount: 1 })
  })

  it('within the grace after the deadline a submit still counts, recorded as handed in by the clock', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    t.cloud.clock.advance(29 * 60_000)
    expect((await t.ok(me, 'quiz.submit', { attemptId: attempt.attemptId })).result.submitKind).toBe('member')
    const other = await t.openidOf('孙浩然')
    const late = (await t.ok(other, 'quiz.start', { quizId: quiz.id })).attempt
    t.cloud.clock.advance(30 * 60_000 + 10_000)
    expect((await t.ok(other, 'quiz.submit', { attemptId: late.attemptId })).result.submitKind).toBe('deadline')
  })

  it('the edit form reads one test, drafts included, for the org admin only', async () => {
    const admin = await t.openidOf('陈建国')
    const now = t.cloud.clock.now()
    const { quiz } = await t.ok(admin, 'quiz.saveQuiz', {
      title: '编辑中的测试',
      openAt: now.toISOString(),
      closeAt: new Date(now.getTime() + 3600_000).toISOString(),
      durationMin: 20,
      mode: 'random',
      draw: { single: 1, multi: 0, judge: 0 },
      points: { single: 2, multi: 0, judge: 0 },
      passMark: 1,
    })
    expect((await t.ok(admin, 'quiz.getQuiz', { quizId: quiz.id })).quiz).toMatchObject({
      title: '编辑中的测试',
      status: 'draft',
    })
    expect(codeOf(await t.call(await t.openidOf('李秀英'), 'quiz.getQuiz', { quizId: quiz.id }))).toBe('FORBIDDEN')
  })

  it('a branch admin does not see draft tests', async () => {
    const admin = await t.openidOf('陈建国')
    const now = t.cloud.clock.now()
    await t.ok(admin, 'quiz.saveQuiz', {
      title: '尚未发布的测试',
      openAt: now.toISOString(),
      closeAt: new Date(now.getTime() + 3600_000).toISOString(),
      durationMin: 20,
      mode: 'random',
      draw: { single: 1, multi: 0, judge: 0 },
      points: { single: 2, multi: 0, judge: 0 },
      passMark: 1,
    })
    expect((await t.ok(admin, 'quiz.quizzes', {})).items.map((q) => q.title)).toContain('尚未发布的测试')
    expect((await t.ok(await t.openidOf('李秀英'), 'quiz.quizzes', {})).items.map((q) => q.title)).not.toContain(
      '尚未发布的测试',
    )
  })

  it('ten concurrent submits of one attempt grade it exactly once', async () => {
    const { quiz } = await publishedQuiz(t)
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    for (const q of attempt.questions.slice(0, 4))
      await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: rightChoice(q) })
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.call(me, 'quiz.submit', { attemptId: attempt.attemptId })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(results.map((r) => r.ok && `${r.data.result.score}/${r.data.result.submittedAt}`)).size).toBe(1)
    const doc = (await t.cloud.db().collection('attempts').where({ _id: attempt.attemptId }).get()).data[0]
    expect(doc.gradeWrites).toBe(1)
  })

  it("a member cannot read or answer another member's attempt", async () => {
    const { quiz } = await publishedQuiz(t)
    const { attempt } = await t.ok(await t.openidOf('钱文静'), 'quiz.start', { quizId: quiz.id })
    const other = await t.openidOf('孙浩然')
    expect(codeOf(await t.call(other, 'quiz.attempt', { attemptId: attempt.attemptId }))).toBe('NOT_FOUND')
    expect(
      codeOf(
        await t.call(other, 'quiz.saveAnswer', {
          attemptId: attempt.attemptId,
          questionId: attempt.questions[0].id,
          choice: [0],
        }),
      ),
    ).toBe('NOT_FOUND')
    expect(codeOf(await t.call(other, 'quiz.submit', { attemptId: attempt.attemptId }))).toBe('NOT_FOUND')
  })

  it('attempts are limited, and the counted score follows the rule', async () => {
    const { quiz } = await publishedQuiz(t, { attemptsAllowed: 2, scoreRule: 'highest' })
    const me = await t.openidOf('钱文静')
    const one = (await t.ok(me, 'quiz.start', { quizId: quiz.id })).attempt
    for (const q of one.questions)
      await t.ok(me, 'quiz.saveAnswer', { attemptId: one.attemptId, questionId: q.id, choice: rightChoice(q) })
    await t.ok(me, 'quiz.submit', { attemptId: one.attemptId })
    const two = (await t.ok(me, 'quiz.start', { quizId: quiz.id })).attempt
    expect(two.n).toBe(2)
    await t.ok(me, 'quiz.submit', { attemptId: two.attemptId })
    expect(codeOf(await t.call(me, 'quiz.start', { quizId: quiz.id }))).toBe('QUIZ_NO_ATTEMPTS_LEFT')
    const mine = (await t.ok(me, 'quiz.available', {})).items.find((i) => i.quiz.id === quiz.id)!
    expect(mine).toMatchObject({ state: 'done', countedScore: 16, attemptsUsed: 2 })
  })

  it('a test that ran out of time while the member was away is graded when she next sees her tests (defect 2)', async () => {
    const { quiz } = await publishedQuiz(t, { attemptsAllowed: 1 })
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    for (const q of attempt.questions.slice(0, 2))
      await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: rightChoice(q) })
    // She closes WeChat; the 30 minutes run out.
    t.cloud.clock.advance(31 * 60_000)
    const mine = (await t.ok(me, 'quiz.available', {})).items.find((i) => i.quiz.id === quiz.id)!
    expect(mine).toMatchObject({
      state: 'done',
      attemptsUsed: 1,
      inProgressAttemptId: null,
      lastAttemptId: attempt.attemptId,
    })
    expect(mine.countedScore).toBeGreaterThan(0)
    const doc = (await t.cloud.db().collection('attempts').where({ _id: attempt.attemptId }).get()).data[0]
    expect(doc).toMatchObject({ status: 'submitted', submitKind: 'deadline', gradeWrites: 1 })
    // Seen again: graded once.
    await t.ok(me, 'quiz.available', {})
    const again = (await t.cloud.db().collection('attempts').where({ _id: attempt.attemptId }).get()).data[0]
    expect(again.gradeWrites).toBe(1)
  })

  it('an attempt that runs out between the list being read and graded is not scored against a missing paper', async () => {
    const { quiz } = await publishedQuiz(t, { attemptsAllowed: 1 })
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    for (const q of attempt.questions)
      await t.ok(me, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: rightChoice(q) })
    // She opens her tests a moment before her time (and its grace) runs out; the clock passes it while the cloud
    // reads, so the list came without her paper (it was not yet due for grading when read).
    t.cloud.clock.set(new Date(new Date(attempt.deadline).getTime() + 29_000).toISOString())
    let moved = false
    await t.call(
      me,
      'quiz.available',
      {},
      {
        // The list's one read (its tests with her attempts) is about to run, its `now` already taken.
        beforeRequest: async (action: string) => {
          if (action !== 'database.aggregateDocuments' || moved) return
          moved = true
          t.cloud.clock.advance(5_000)
        },
      },
    )
    expect(moved).toBe(true)
    // Graded now or on the next look, every answer she gave counts.
    t.cloud.clock.advance(60_000)
    const mine = (await t.ok(me, 'quiz.available', {})).items.find((i) => i.quiz.id === quiz.id)!
    expect(mine).toMatchObject({ state: 'done', attemptsUsed: 1 })
    const doc = (await t.cloud.db().collection('attempts').where({ _id: attempt.attemptId }).get()).data[0]
    expect(doc.score).toBeGreaterThan(0)
    expect(doc.score).toBe(doc.maxScore)
  })

  it('answers shown after close are withheld until then', async () => {
    const { quiz } = await publishedQuiz(t, { reveal: 'after_close' })
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    const { result } = await t.ok(me, 'quiz.submit', { attemptId: attempt.attemptId })
    expect(result.answersShown).toBe(false)
    expect(result.revealNote).toMatch(/测试截止后公布/)
    expect(keysOf(result)).not.toContain('answer')
    t.cloud.clock.advance(2 * 3600_000)
    const later = await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId })
    expect(later.result?.items[0].answer).toBeDefined()
  })

  it('leaving the app is counted; with a limit set, going over it hands the paper in', async () => {
    const { quiz } = await publishedQuiz(t, { hideLimit: 2 })
    const me = await t.openidOf('钱文静')
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    expect(await t.ok(me, 'quiz.reportHide', { attemptId: attempt.attemptId })).toEqual({
      hides: 1,
      autoSubmitted: false,
    })
    await t.ok(me, 'quiz.reportHide', { attemptId: attempt.attemptId })
    expect(await t.ok(me, 'quiz.reportHide', { attemptId: attempt.attemptId })).toEqual({
      hides: 3,
      autoSubmitted: true,
    })
    expect((await t.ok(me, 'quiz.attempt', { attemptId: attempt.attemptId })).result?.submitKind).toBe('hide_limit')
  })

  it('a member outside the chosen branches cannot start it; before opening nobody can', async () => {
    const { quiz } = await publishedQuiz(t, { audienceBranchIds: ['org_budget'] })
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'quiz.start', { quizId: quiz.id }))).toBe('NOT_FOUND')
    const later = await publishedQuiz(t, {
      openAt: new Date(t.cloud.clock.now().getTime() + 3600_000).toISOString(),
      closeAt: new Date(t.cloud.clock.now().getTime() + 7200_000).toISOString(),
    })
    expect(codeOf(await t.call(await t.openidOf('钱文静'), 'quiz.start', { quizId: later.quiz.id }))).toBe(
      'QUIZ_NOT_OPEN',
    )
  })
})

describe('the live view', () => {
  it('shows taken and not taken by branch; a branch admin sees only their branch', async () => {
    const { quiz, admin } = await publishedQuiz(t)
    const qian = await t.openidOf('钱文静')
    const { attempt } = await t.ok(qian, 'quiz.start', { quizId: quiz.id })
    for (const q of attempt.questions)
      await t.ok(qian, 'quiz.saveAnswer', { attemptId: attempt.attemptId, questionId: q.id, choice: rightChoice(q) })
    await t.ok(qian, 'quiz.submit', { attemptId: attempt.attemptId })
    await t.ok(await t.openidOf('孙浩然'), 'quiz.start', { quizId: quiz.id })

    const branchView = await t.ok(await t.openidOf('李秀英'), 'quiz.liveView', { quizId: quiz.id })
    expect(branchView.branches.map((b) => b.branchName)).toEqual(['办公室党支部'])
    expect(branchView.branch?.taken.map((x) => x.name)).toEqual(['钱文静'])
    expect(branchView.branch?.notTaken.map((x) => x.name)).toContain('孙浩然')
    expect(branchView.branch).toMatchObject({ inProgress: 1, takenTotal: 1, notTakenTotal: 7, page: 1 })
    expect(branchView.branches[0]).toMatchObject({ audience: 8, taken: 1, notTaken: 7, average: 16, passRate: 1 })
    expect(branchView.questions.every((q) => q.correctRate === 1)).toBe(true)
    expect(
      codeOf(await t.call(await t.openidOf('李秀英'), 'quiz.liveView', { quizId: quiz.id, branchId: 'org_budget' })),
    ).toBe('OUT_OF_SCOPE')

    const orgView = await t.ok(admin, 'quiz.liveView', { quizId: quiz.id })
    expect(orgView.branches).toHaveLength(4)
    expect(orgView.branch).toBeNull()
    expect(codeOf(await t.call(qian, 'quiz.liveView', { quizId: quiz.id }))).toBe('FORBIDDEN')
  })
})

describe('the question bank', () => {
  it('imports nothing from a file with errors, and reports duplicates of existing questions', async () => {
    const before = await t.count('questions')
    const bad = await t.call(await t.openidOf('陈建国'), 'quiz.importBank', {
      fileID: t.cloud.storage.upload(
        'imports/bad.xlsx',
        await xlsx([BANK[0], ['单选', '新题', '甲', '乙', '', '', 'AB', '', '']]),
      ),
    })
    expect(bad.ok || bad.error.details).toEqual([
      { row: 2, path: '答案', message: '单选题只能有一个答案，填写的是“AB”' },
    ])
    expect(await t.count('questions')).toBe(before)
    const again = await importBank(t, [BANK[0], BANK[1], ['判断', '一道新判断题', '', '', '', '', '√', '', '党章']])
    expect(again).toMatchObject({ created: 1, duplicates: [{ row: 2, of: 'existing' }] })
  })

  it('publishing refuses a draw the bank cannot supply', async () => {
    const admin = await t.openidOf('陈建国')
    const now = t.cloud.clock.now()
    const { quiz } = await t.ok(admin, 'quiz.saveQuiz', {
      title: '题量不足的测试',
      openAt: now.toISOString(),
      closeAt: new Date(now.getTime() + 3600_000).toISOString(),
      durationMin: 20,
      mode: 'random',
      draw: { single: 50, multi: 0, judge: 0 },
      points: { single: 2, multi: 0, judge: 0 },
      passMark: 60,
    })
    const res = await t.call(admin, 'quiz.publishQuiz', { quizId: quiz.id })
    expect(res.ok || res.error.message).toBe('题库中符合条件的试题不足：单选题需 50 道，现有 6 道')
  })
})

describe('practice', () => {
  it('gives five questions a day with instant feedback; wrong answers go into the 错题本', async () => {
    const me = await t.openidOf('钱文静')
    const today = await t.ok(me, 'quiz.practiceToday', {})
    expect(today.questions).toHaveLength(5)
    expect(keysOf(today)).not.toContain('answer')
    const q = today.questions[0]
    const wrong =
      q.type === 'judge' ? [rightChoice(q)[0] === 0 ? 1 : 0] : [q.options.findIndex((o) => o.startsWith('错'))]
    const res = await t.ok(me, 'quiz.practiceAnswer', { questionId: q.id, choice: wrong, source: 'daily' })
    expect(res.correct).toBe(false)
    expect(res.explanation).toMatch(/^解析/)
    const book = await t.ok(me, 'quiz.wrongBook', {})
    expect(book.items.map((i) => i.id)).toEqual([q.id])
    expect((await t.ok(me, 'quiz.practiceToday', {})).answered[q.id]).toEqual({ choice: wrong, correct: false })
  })

  it("today's pick cannot be worked out from the member's id and the date: it rests on the server's secret", async () => {
    const me = await t.openidOf('钱文静')
    const pick = async () => (await t.ok(me, 'quiz.practiceToday', {})).questions.map((q) => q.id)
    const first = await pick()
    expect(await pick()).toEqual(first) // the same all day
    const memberId = (await t.cloud.db().collection('members').where({ openid: me }).get()).data[0]._id as string
    const active = (await t.cloud.db().collection('questions').where({ status: 'active' }).limit(100).get()).data
    const ids = active.map((q) => q._id as string).sort()
    // What a member could compute from what she sees (the old seed): not today's pick.
    expect(seededShuffle(ids, `${memberId}/2026-11-23`).slice(0, 5)).not.toEqual(first)
    const saved = process.env.QUIZ_SECRET
    try {
      process.env.QUIZ_SECRET = 'another-deployment-secret-0123'
      expect(await pick()).not.toEqual(first)
      delete process.env.QUIZ_SECRET
      expect(codeOf(await t.call(me, 'quiz.practiceToday', {}))).toBe('INTERNAL') // fails closed, never unseeded
    } finally {
      process.env.QUIZ_SECRET = saved
    }
  })

  it('does not give away keys of questions outside today and the 错题本', async () => {
    const me = await t.openidOf('钱文静')
    const today = new Set((await t.ok(me, 'quiz.practiceToday', {})).questions.map((q) => q.id))
    const other = (await t.cloud.db().collection('questions').limit(100).get()).data.find((q) => !today.has(q._id))!
    expect(
      codeOf(await t.call(me, 'quiz.practiceAnswer', { questionId: other._id, choice: [0], source: 'daily' })),
    ).toBe('PRACTICE_NOT_TODAY')
    expect(
      codeOf(await t.call(me, 'quiz.practiceAnswer', { questionId: other._id, choice: [0], source: 'wrong_book' })),
    ).toBe('PRACTICE_NOT_TODAY')
  })
})
