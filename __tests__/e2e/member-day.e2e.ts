import fs from 'fs'
import os from 'os'
import path from 'path'
import type { Browser, Page } from 'playwright-core'
import qrcode from 'qrcode-generator'
import { asPerson, callAs, launch, phonePage, signInAs, snap } from './browser'

// A day of 罗成 (国库处党支部) in a phone browser whose camera films the organiser's screen:
// 首页 shows what is due now (a meeting signing in, a test, required reading, his pending leave); he starts a one-minute
// test and leaves it open; he signs in to the meeting and checks in to a volunteer activity through the camera (the
// QR code the local cloud issues, played to Chromium as its fake camera's video); he reads a required article over two
// visits and the second asks only for what is still owed; back on the test, time runs out: it is handed in by itself
// and graded, and the list shows the score with no 再考一次. 宋佳 started the same test and went away: her list shows
// her score too, graded when she next looked. The waits overlap, so the journey costs about the test's one minute.

const SUFFIX = String(Date.now()).slice(-5)
const MIN = 60_000
const camDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-camera-'))
const CAMERA = path.join(camDir, 'organiser-screen.y4m')

let browser: Browser
beforeAll(async () => {
  writeCameraFrames('')
  // Chromium reads the file each time a page opens the camera, so rewriting it before a scan changes what it films.
  browser = await launch([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${CAMERA}`,
  ])
})
afterAll(async () => {
  await browser.close()
  fs.rmSync(camDir, { recursive: true, force: true })
})

jest.setTimeout(120_000)

/**
 * The camera's picture: the organiser's screen showing `text` as a QR code, dark on white, as 640×480 YUV 4:2:0
 * frames (the y4m format Chromium's fake camera plays). An empty text films a blank screen.
 */
function writeCameraFrames(text: string) {
  const W = 640
  const H = 480
  const luma = Buffer.alloc(W * H, 235)
  if (text) {
    // The same encoder and error correction the organiser's screen draws with (src/components/qr-code.tsx).
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    const size = qr.getModuleCount()
    const cell = Math.floor(400 / (size + 8))
    const x0 = Math.floor((W - size * cell) / 2)
    const y0 = Math.floor((H - size * cell) / 2)
    for (let r = 0; r < size; r++)
      for (let c = 0; c < size; c++)
        if (qr.isDark(r, c))
          for (let y = 0; y < cell; y++)
            luma.fill(16, (y0 + r * cell + y) * W + x0 + c * cell, (y0 + r * cell + y) * W + x0 + (c + 1) * cell)
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma])
  const tmp = `${CAMERA}.tmp`
  fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]))
  fs.renameSync(tmp, CAMERA)
}

const iso = (ms: number) => new Date(ms).toISOString()

describe("罗成's day: 首页, the camera, reading over two visits, a test that runs out", () => {
  let zhang: Page // 张丽华, secretary of 国库处党支部
  let zhao: Page // 赵晓燕, union and volunteer organiser
  let luo: Page
  let quizPage: Page
  let songDeadline = ''
  const ids = { meeting: '', later: '', quiz: '', article: '', activity: '' }
  const T = {
    meeting: `支部党员大会（扫码 ${SUFFIX}）`,
    later: `主题党日（明天 ${SUFFIX}）`,
    quiz: `一分钟小测（${SUFFIX}）`,
    article: `学习贯彻新修订的党章（两次读完 ${SUFFIX}）`,
    activity: `社区义诊志愿服务（${SUFFIX}）`,
  }

  beforeAll(async () => {
    zhang = await asPerson(browser, '张丽华')
    zhao = await asPerson(browser, '赵晓燕')
    const chen = await asPerson(browser, '陈建国')
    const now = Date.now()
    ids.quiz = (
      await callAs<{ quiz: { id: string } }>(chen, 'quiz', 'saveQuiz', {
        title: T.quiz,
        openAt: iso(now - MIN),
        closeAt: iso(now + 2 * 24 * 60 * MIN),
        durationMin: 1,
        mode: 'random',
        draw: { single: 2, multi: 0, judge: 1 },
        points: { single: 40, multi: 0, judge: 20 },
        passMark: 60,
        attemptsAllowed: 1,
        audienceBranchIds: ['org_treasury'],
      })
    ).quiz.id
    await callAs(chen, 'quiz', 'publishQuiz', { quizId: ids.quiz })
    // 宋佳 starts the test and goes away without handing it in.
    const song = await asPerson(browser, '宋佳')
    songDeadline = (await callAs<{ attempt: { deadline: string } }>(song, 'quiz', 'start', { quizId: ids.quiz }))
      .attempt.deadline
    await song.context().close()
    const meetingOf = (title: string, start: number) => ({
      branchId: 'org_treasury',
      title,
      type: 'branch_assembly',
      startAt: iso(start),
      endAt: iso(start + 60 * MIN),
      place: '二楼会议室',
    })
    // Signing in opens 30 minutes before the start: this one is open now, tomorrow's is not.
    ids.meeting = (
      await callAs<{ meeting: { id: string } }>(zhang, 'meeting', 'create', meetingOf(T.meeting, now + 10 * MIN))
    ).meeting.id
    ids.later = (
      await callAs<{ meeting: { id: string } }>(zhang, 'meeting', 'create', meetingOf(T.later, now + 24 * 60 * MIN))
    ).meeting.id

    const body = Array.from(
      { length: 14 },
      (_, i) => `### 第 ${i + 1} 节\n\n坚持读原著、学原文、悟原理，做到学思用贯通、知信行统一。\n`,
    ).join('\n')
    ids.article = (
      await callAs<{ article: { id: string } }>(zhang, 'study', 'save', {
        title: T.article,
        category: '第一议题',
        markdown: body,
        required: true,
        deadline: iso(now + 3 * 24 * 60 * MIN),
        readMinutes: 1, // 18 seconds at least
      })
    ).article.id
    await callAs(zhang, 'study', 'publish', { articleId: ids.article })

    // Under way since five minutes ago: on-site check-in is open now.
    ids.activity = (
      await callAs<{ activity: { id: string } }>(zhao, 'activity', 'save', {
        title: T.activity,
        kind: 'volunteer',
        subType: '社区服务',
        description: '为社区老人测量血压、讲解用药常识。',
        place: '和平里社区卫生服务站',
        startAt: iso(now - 5 * MIN),
        endAt: iso(now + 120 * MIN),
        signupOpenAt: iso(now - 24 * 60 * MIN),
        signupCloseAt: iso(now + 60 * MIN),
        capacity: 10,
        audienceBranchIds: ['org_treasury'],
      })
    ).activity.id
    await callAs(zhao, 'activity', 'publish', { activityId: ids.activity })

    luo = await asPerson(browser, '罗成')
    await callAs(luo, 'meeting', 'requestLeave', { meetingId: ids.later, reason: '明天到区财政局对账' })
    await callAs(luo, 'activity', 'signup', { activityId: ids.activity })
    await chen.context().close()
  })

  it('首页 shows what is due now: the meeting signing in, the test, the reading and his pending leave', async () => {
    await luo.reload()
    const today = luo.locator('#home-today')
    await today.waitFor()
    await luo.locator(`#today-signIn-${ids.meeting}`).waitFor()
    expect(await luo.locator(`#today-signIn-${ids.meeting}`).innerText()).toContain('正在签到')
    expect(await luo.locator(`#today-test-${ids.quiz}`).innerText()).toContain(`测试：${T.quiz}`)
    expect(await luo.locator(`#today-reading-${ids.article}`).innerText()).toMatch(/截止 \d\d-\d\d \d\d:\d\d/)
    expect(await luo.locator(`#today-leave-${ids.later}`).innerText()).toContain('请假待审批')
    // Tomorrow's meeting is not signing in yet.
    expect(await luo.locator(`#today-signIn-${ids.later}`).count()).toBe(0)
    await snap(luo, 'day-home-cards')
  })

  it('he starts the one-minute test from its card and leaves the page open', async () => {
    quizPage = await phonePage(browser)
    await signInAs(quizPage, '罗成')
    await quizPage.waitForURL(/pages\/home\/index/)
    await quizPage.locator(`#today-test-${ids.quiz}`).click()
    await quizPage.waitForURL(/quiz\/pages\/index/)
    const card = quizPage.locator(`.quiz-card[data-quiz-id="${ids.quiz}"]`)
    await card.locator('.quiz-start').click()
    const modal = quizPage.locator('.taro__modal .taro-modal__content').filter({ visible: true })
    await modal.waitFor()
    expect(await modal.innerText()).toContain('限时 1 分钟')
    await modal.locator('.taro-model__confirm').click()
    await quizPage.waitForURL(/quiz\/pages\/take\/index/)
    // Keep every toast the page shows while he is away on other pages: the time warnings come then.
    await quizPage.evaluate(() => {
      const seen: string[] = []
      ;(window as unknown as { toasts: string[] }).toasts = seen
      new MutationObserver(() => {
        const el = document.querySelector('.taro__toast')
        const text = el && getComputedStyle(el).display !== 'none' ? (el.textContent ?? '').trim() : ''
        if (text && !seen.includes(text)) seen.push(text)
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true })
    })
    await quizPage.locator('.take-question .q-option[data-option="0"]').click()
    await quizPage.locator('#save-state', { hasText: '✓ 已保存' }).waitFor()
    await snap(quizPage, 'day-quiz-taking')
  })

  it('the meeting card opens the camera, which reads the code on the organiser screen: 签到成功', async () => {
    const { token } = await callAs<{ token: string }>(zhang, 'meeting', 'qrToken', { meetingId: ids.meeting })
    writeCameraFrames(token)
    await luo.locator(`#today-signIn-${ids.meeting}`).click()
    await luo.waitForURL(/meeting\/pages\/checkin\/index\?scan=1/)
    await luo.locator('.camera-scan-video').waitFor()
    await luo.locator('.checkin-result-title', { hasText: '签到成功' }).waitFor({ timeout: 20_000 })
    expect(await luo.locator('.checkin-result-meeting').innerText()).toBe(T.meeting)
    await snap(luo, 'day-meeting-camera-checked-in')
    // The organiser's board counts him.
    const board = await callAs<{ rows: Array<{ name: string; status: string; method: string | null }> }>(
      zhang,
      'meeting',
      'board',
      { meetingId: ids.meeting },
    )
    expect(board.rows.find((r) => r.name === '罗成')).toMatchObject({ status: 'present', method: 'scan' })
  })

  it('on the activity check-in page, 扫码签到 / 签退 reads the on-site code through the camera', async () => {
    writeCameraFrames('')
    await luo.goto('/#/packages/activity/pages/checkin/index')
    await luo.locator('#activity-camera').waitFor()
    await snap(luo, 'day-activity-camera-offered')
    const { token } = await callAs<{ token: string }>(zhao, 'activity', 'qrToken', {
      activityId: ids.activity,
      mode: 'in',
    })
    writeCameraFrames(token)
    await luo.locator('#activity-camera').click()
    await luo.locator('.act-checkin-title', { hasText: '签到成功' }).waitFor({ timeout: 20_000 })
    expect(await luo.locator('.act-checkin-activity').innerText()).toBe(T.activity)
    await snap(luo, 'day-activity-camera-checked-in')
  })

  it('reading time adds up over two visits: the second asks only for what is still owed', async () => {
    await luo.goto('/#/pages/home/index')
    await luo.locator(`#today-reading-${ids.article}`).click()
    await luo.waitForURL(/study\/pages\/article\/index\?id=/)
    await luo.locator('.article-title', { hasText: T.article }).waitFor()
    await luo.waitForTimeout(10_000)
    // Leaving the page pauses his clock on the server with the 10 seconds banked.
    await luo.goto('/#/pages/study/index')
    await luo.locator(`[data-article-id="${ids.article}"]`).first().waitFor()
    await luo.waitForTimeout(3_000) // away: not reading

    await luo.locator(`[data-article-id="${ids.article}"]`).first().click()
    await luo.locator('.article-title', { hasText: T.article }).waitFor()
    await luo.locator('#article-end').scrollIntoViewIfNeeded()
    await luo.mouse.wheel(0, 4000)
    const wait = luo.locator('#article-wait')
    await wait.waitFor({ timeout: 15_000 })
    const owed = Number((await wait.innerText()).match(/^请再阅读 (\d+) 秒$/)?.[1])
    // 18 s are needed; about 10 were read on the first visit. Restarting would ask for ~18 again.
    expect(owed).toBeGreaterThan(0)
    expect(owed).toBeLessThanOrEqual(10)
    await snap(luo, 'day-reading-second-visit')
    await luo.locator('#article-read').waitFor({ timeout: 30_000 })
    const spent = Number((await luo.locator('#article-read').innerText()).match(/阅读用时 (\d+) 秒/)?.[1])
    expect(spent).toBeGreaterThanOrEqual(18)
    await snap(luo, 'day-reading-done')
  })

  it('time runs out while he is on the test: it is handed in and graded by itself, and the list shows the score', async () => {
    await quizPage.bringToFront()
    await quizPage.waitForURL(/quiz\/pages\/result\/index\?attemptId=/, { timeout: 90_000 })
    await quizPage.locator('#result-score').waitFor()
    // He was warned ten seconds before the end (issue 13, defect 2).
    expect(await quizPage.evaluate(() => (window as unknown as { toasts: string[] }).toasts)).toContain(
      '还剩 10 秒，到时将自动交卷',
    )
    expect(await quizPage.locator('#result-score').innerText()).toMatch(/^\d+$/)
    await snap(quizPage, 'day-quiz-expired-result')

    await quizPage.goto('/#/packages/quiz/pages/index')
    const card = quizPage.locator(`.quiz-card[data-quiz-id="${ids.quiz}"]`)
    await card.locator('.quiz-card-score-value').waitFor()
    expect(await card.locator('.quiz-card-score-value').innerText()).toMatch(/^\d+$/)
    expect(await card.locator('.quiz-state').innerText()).toBe('已完成')
    expect(await card.innerText()).toContain('已作答 1/1 次')
    expect(await card.locator('.quiz-start, .quiz-continue').count()).toBe(0)
    await snap(quizPage, 'day-quiz-expired-list')
  })

  it('宋佳, who went away mid-test, finds it graded with her score and no 再考一次', async () => {
    // The cloud still takes a submit for 30 s after the deadline (one may be on its way: quiz/docs.ts); after that
    // her first look at the list grades it.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(songDeadline) + 31_000 - Date.now())))
    const song = await asPerson(browser, '宋佳')
    await song.goto('/#/packages/quiz/pages/index')
    const card = song.locator(`.quiz-card[data-quiz-id="${ids.quiz}"]`)
    await card.locator('.quiz-card-score-value').waitFor()
    expect(await card.locator('.quiz-card-score-value').innerText()).toBe('0')
    expect(await card.locator('.quiz-start, .quiz-continue').count()).toBe(0)
    expect(await card.locator('.quiz-pass').innerText()).toBe('不及格')
    await snap(song, 'day-quiz-graded-while-away')
  })
})
