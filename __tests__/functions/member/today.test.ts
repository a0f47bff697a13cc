import { startTestCloud, type TestCloud } from '../local-cloud'
import { officeMeeting, tokenFor } from '../meeting/fixtures'
import { importBank, publishedQuiz } from '../quiz/fixtures'

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const inDays = (d: number) => new Date(t.cloud.clock.now().getTime() + d * 86400_000).toISOString()

async function requiredArticle(title: string, deadlineDays: number) {
  const admin = await t.openidOf('陈建国')
  const { article } = await t.ok(admin, 'study.save', {
    title,
    category: '第一议题',
    markdown: '深入学习全会精神。',
    required: true,
    deadline: inDays(deadlineDays),
    readMinutes: 1,
  })
  await t.ok(admin, 'study.publish', { articleId: article.id })
  return article
}

describe('首页 cards (member.today)', () => {
  it('shows the meeting whose sign-in is open, an open test, reading due within a week and a pending leave; each goes once done', async () => {
    const me = await t.openidOf('钱文静')
    const before = (await t.ok(me, 'member.today', {})).cards.map((c) => c.id)

    const { admin, meeting: now } = await officeMeeting(t, { startsInMin: 10, title: '正在签到的党员大会' })
    const { meeting: later } = await officeMeeting(t, {
      startsInMin: 2 * 24 * 60,
      title: '后天的党课',
      type: 'party_lecture',
    })
    await importBank(t)
    const { quiz } = await publishedQuiz(t, { attemptsAllowed: 1 })
    const due = await requiredArticle('三天后到期的必读', 3)
    const far = await requiredArticle('一个月后到期的必读', 30)
    await t.ok(me, 'meeting.requestLeave', { meetingId: later.id, reason: '公务出差' })

    const cards = (await t.ok(me, 'member.today', {})).cards.filter((c) => !before.includes(c.id))
    expect(cards.map((c) => [c.kind, c.title])).toEqual([
      ['signIn', '正在签到的党员大会'],
      ['test', quiz.title],
      ['reading', '三天后到期的必读'],
      ['leave', '后天的党课'],
    ])
    expect(cards.find((c) => c.kind === 'test')!.at).toBe(new Date(quiz.closeAt).toISOString())
    expect(cards.some((c) => c.id === far.id)).toBe(false)

    // Signed in, the test taken, the item read, the leave approved: nothing left of these.
    await t.ok(me, 'meeting.checkIn', { token: await tokenFor(t, admin, now.id) })
    const { attempt } = await t.ok(me, 'quiz.start', { quizId: quiz.id })
    await t.ok(me, 'quiz.submit', { attemptId: attempt.attemptId })
    await t.ok(me, 'study.open', { articleId: due.id })
    t.cloud.clock.advance(60_000)
    await t.ok(me, 'study.finish', { articleId: due.id, reachedEnd: true })
    const leaves = await t.ok(admin, 'meeting.leaves', { meetingId: later.id })
    await t.ok(admin, 'meeting.reviewLeave', { leaveId: leaves.items[0].id, approve: true })
    const after = (await t.ok(me, 'member.today', {})).cards.filter((c) => !before.includes(c.id))
    expect(after).toEqual([])
  })

  it('another branch sees none of them', async () => {
    await officeMeeting(t, { startsInMin: 10, title: '办公室支部的会' })
    const other = await t.openidOf('王志强')
    const cards = (await t.ok(other, 'member.today', {})).cards
    expect(cards.some((c) => c.title === '办公室支部的会')).toBe(false)
  })
})
