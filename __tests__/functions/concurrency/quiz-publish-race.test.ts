import { codeOf, startTestCloud, type TestCloud } from '../local-cloud'
import { importBank } from '../quiz/fixtures'

// Publishing a test checks its paper against the bank and freezes it (组卷规则、分值和时长不能再修改). The check and the
// freeze are each about the paper as one call read it, so an editor save landing between a publish's read and its
// write, or a save that read the draft landing after the publish, must not leave a published test with a paper
// nobody checked or that changed after it was frozen.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const h = 3600_000
const later = (ms: number) => new Date(t.cloud.clock.now().getTime() + ms).toISOString()

/** A draft test whose draw the bank (6 单选, 4 多选, 4 判断) can fill, as its editor opened it. */
async function draftQuiz() {
  await importBank(t)
  const admin = await t.openidOf('陈建国')
  const fields = {
    title: '七一党内法规测试',
    openAt: later(h),
    closeAt: later(5 * h),
    durationMin: 30,
    mode: 'random',
    draw: { single: 3, multi: 2, judge: 2 },
    points: { single: 2, multi: 4, judge: 1 },
    passMark: 10,
  }
  const { quiz } = await t.ok(admin, 'quiz.saveQuiz', fields)
  return { admin, input: { quizId: quiz.id, revision: quiz.revision, ...fields } }
}

async function storedQuiz(id: string) {
  return (await t.cloud.db().collection('quizzes').doc(id).get()).data as unknown as Record<string, unknown>
}

/** Holds one call just before its first update of a document, until released. */
function gateBeforeUpdate() {
  let release!: () => void
  let reached!: () => void
  const released = new Promise<void>((r) => (release = r))
  const arrived = new Promise<void>((r) => (reached = r))
  let held = false
  return {
    arrived,
    release,
    beforeRequest: async (action: string) => {
      if (action !== 'database.modifyDocument' || held) return
      held = true
      reached()
      await released
    },
  }
}

describe('publishing a test while it is being edited', () => {
  it('a save that landed after the publish checked the paper: the publish is refused, nothing unchecked goes live', async () => {
    const { admin, input } = await draftQuiz()
    const hold = gateBeforeUpdate()
    // The publish has checked the paper (7 questions the bank can fill) and waits just before it writes…
    const publishing = t.call(
      admin,
      'quiz.publishQuiz',
      { quizId: input.quizId },
      { beforeRequest: hold.beforeRequest },
    )
    await hold.arrived
    // …while another tab saves a draw the bank cannot fill.
    await t.ok(admin, 'quiz.saveQuiz', { ...input, draw: { single: 50, multi: 2, judge: 2 } })
    hold.release()
    const res = await publishing
    expect(codeOf(res)).not.toBe('ok')
    expect(await storedQuiz(input.quizId)).toMatchObject({ status: 'draft', draw: { single: 50 } })
    // Published again now, the check sees the paper as it is.
    expect(codeOf(await t.call(admin, 'quiz.publishQuiz', { quizId: input.quizId }))).toBe('QUIZ_NOT_ENOUGH_QUESTIONS')
  })

  it('a save that read the draft before the publish: its paper change is refused once the test is published', async () => {
    const { admin, input } = await draftQuiz()
    const hold = gateBeforeUpdate()
    // This save has read the draft (no freeze yet) and waits just before its update…
    const saving = t.call(
      admin,
      'quiz.saveQuiz',
      { ...input, durationMin: 5, points: { single: 10, multi: 10, judge: 10 } },
      { beforeRequest: hold.beforeRequest },
    )
    await hold.arrived
    // …while the test is published from the list.
    await t.ok(admin, 'quiz.publishQuiz', { quizId: input.quizId })
    hold.release()
    const res = await saving
    expect(codeOf(res)).not.toBe('ok')
    expect(await storedQuiz(input.quizId)).toMatchObject({
      status: 'published',
      durationMin: 30,
      points: { single: 2, multi: 4, judge: 1 },
    })
  })
})
