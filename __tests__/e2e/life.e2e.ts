import fs from 'fs'
import JSZip from 'jszip'
import os from 'os'
import path from 'path'
import type { Browser } from 'playwright-core'
import QRCode from 'qrcode'
import { asPerson, callAs, input, launch, snap } from './browser'

// Organisation life on record: 李秀英 completes a meeting's 纪实 with two photos and exports it as Word; 钱文静
// reads the minutes on the meeting page; 陈建国 opens a 民主评议 and three members of 办公室党支部 each rate the
// branch once; 李秀英 starts a vote, two members vote, she closes it and the result shows.

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

jest.setTimeout(240_000)

const SUFFIX = String(Date.now()).slice(-5)

async function photoFiles(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-photos-'))
  return Promise.all(
    ['会场', '发言'].map(async (label, i) => {
      const file = path.join(dir, `photo-${i}.png`)
      fs.writeFileSync(file, await QRCode.toBuffer(`${label}${SUFFIX}`, { width: 600 }))
      return file
    }),
  )
}

describe('a meeting record with photos, exported and read by a member', () => {
  let meetingId = ''
  const MINUTES = `李秀英同志传达了上级会议精神（${SUFFIX}）。与会党员逐一发言，一致同意推荐钱文静同志为优秀共产党员候选人。`

  it('李秀英 completes the record with two photos and exports it as Word', async () => {
    const admin = await asPerson(browser, '李秀英')
    const start = new Date(Date.now() - 30 * 60_000)
    const { meeting } = await callAs<{ meeting: { id: string } }>(admin, 'meeting', 'create', {
      branchId: 'org_office',
      // A 党员大会: 钱文静 is expected there, so she may read its 纪实 (a 支委会 expects only the committee).
      title: `支部党员大会（纪实 ${SUFFIX}）`,
      type: 'branch_assembly',
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      place: '三楼会议室',
      agenda: '学习贯彻党的二十届四中全会精神',
    })
    meetingId = meeting.id
    await admin.goto(`/#/packages/admin/pages/meeting-record/index?id=${encodeURIComponent(meetingId)}`)
    await admin.locator('#record-host').waitFor()
    expect(await admin.locator('#record-state').innerText()).toBe('未完成')
    await snap(admin, 'record-empty')
    await admin.locator('#record-host .mr-chip[data-name="李秀英"]').click()
    await admin.locator('#record-recorder .mr-chip[data-name="何雨桐"]').click()
    await admin.locator('#record-minutes textarea').fill(MINUTES)
    await input(admin, 'record-decision-0').fill('同意推荐钱文静同志为优秀共产党员候选人')
    await admin.locator('#record-photo-input').setInputFiles(await photoFiles())
    await admin.locator('.photo-picker-thumb').nth(1).waitFor()
    await admin.locator('#record-complete').click()
    await admin.locator('#record-state', { hasText: '已完成' }).waitFor()
    await snap(admin, 'record-complete')

    const [download] = await Promise.all([admin.waitForEvent('download'), admin.locator('#record-export').click()])
    expect(download.suggestedFilename()).toMatch(/会议纪实\.docx$/)
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()))
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
    expect(text).toContain(`上级会议精神（${SUFFIX}）`)
    expect(text).toContain('主持人李秀英')
    expect(text).toContain('【第一议题】学习贯彻党的二十届四中全会精神')
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(2)

    await admin.goto('/#/packages/admin/pages/meetings/index')
    await admin.locator(`.admin-meeting[data-meeting-id="${meetingId}"] .record-tag-complete`).waitFor()
    await snap(admin, 'record-in-list')
  })

  it('钱文静 reads the minutes and sees the photos on the meeting page', async () => {
    const qian = await asPerson(browser, '钱文静')
    await qian.goto(`/#/packages/meeting/pages/detail/index?id=${encodeURIComponent(meetingId)}`)
    await qian.locator('#record-card').waitFor()
    expect(await qian.locator('#record-minutes-text').innerText()).toBe(MINUTES)
    expect(await qian.locator('.record-card-photo').count()).toBe(2)
    await qian.locator('#record-card').scrollIntoViewIfNeeded()
    await snap(qian, 'record-member')
  })
})

describe('民主评议 with three members', () => {
  let reviewId = ''

  it('陈建国 opens the review', async () => {
    const org = await asPerson(browser, '陈建国')
    await org.goto('/#/packages/admin/pages/reviews/index')
    await input(org, 'review-title').fill(`民主评议党员（${SUFFIX}）`)
    await org.locator('#review-open').click()
    await org.locator('#review-overview').waitFor()
    reviewId = (await callAs<{ items: Array<{ id: string; title: string }> }>(org, 'review', 'list', {})).items.find(
      (r) => r.title.includes(SUFFIX),
    )!.id
    await snap(org, 'review-admin-opened')
  })

  for (const name of ['钱文静', '何雨桐', '孙浩然']) {
    it(`${name} writes a 自我评价 and rates everyone of the branch once`, async () => {
      const page = await asPerson(browser, name)
      await page.goto(`/#/packages/life/pages/review/index?id=${encodeURIComponent(reviewId)}`)
      await page
        .locator('#review-self textarea')
        .fill('一年来认真学习党的创新理论，按时参加组织生活，较好完成了本职工作。')
      await page.locator('#review-self-save').click()
      const rows = page.locator('.review-ratee')
      await rows.first().waitFor()
      const n = await rows.count()
      expect(n).toBe(8)
      for (let i = 0; i < n; i++)
        await rows
          .nth(i)
          .locator(`.review-grade[data-grade="${i === 0 ? 'excellent' : 'qualified'}"]`)
          .click()
      if (name === '钱文静') await snap(page, 'review-member-rating')
      await page.locator('#review-submit').click()
      await page.locator('#review-counted').waitFor()
      await snap(page, `review-member-counted-${name}`)
    })
  }

  it('the committee sees three ballots counted in 办公室党支部', async () => {
    const org = await asPerson(browser, '陈建国')
    await org.goto('/#/packages/admin/pages/reviews/index')
    const row = org.locator('#review-overview .mr-line', { hasText: '办公室党支部' })
    await row.waitFor()
    expect(await row.innerText()).toContain('评议 3/8')
    expect(await row.innerText()).toContain('自评 3')
    await snap(org, 'review-admin-overview')
  })
})

describe('a vote closes and shows its result', () => {
  const TITLE = `推选优秀党务工作者（${SUFFIX}）`

  it('李秀英 starts it, two members vote, she closes it and the result shows', async () => {
    const admin = await asPerson(browser, '李秀英')
    await admin.goto('/#/packages/admin/pages/votes/index')
    await input(admin, 'vote-title').fill(TITLE)
    await input(admin, 'vote-option-0').fill('钱文静')
    await input(admin, 'vote-option-1').fill('何雨桐')
    await admin.locator('#vote-create').click()
    const card = admin.locator('.card', { hasText: TITLE }).first()
    await card.waitFor()
    const voteId = (await card.getAttribute('data-poll-id'))!
    await snap(admin, 'vote-admin-created')

    for (const [name, pick] of [
      ['钱文静', '何雨桐'],
      ['孙浩然', '何雨桐'],
    ] as const) {
      const page = await asPerson(browser, name)
      await page.goto(`/#/packages/life/pages/votes/index?id=${encodeURIComponent(voteId)}`)
      await page.locator(`.vote-option[data-option="${pick}"]`).click()
      if (name === '钱文静') await snap(page, 'vote-member-choosing')
      await page.locator('#vote-submit').click()
      await page.locator('#vote-counted').waitFor()
      expect(await page.locator('#vote-results').count()).toBe(0)
      if (name === '钱文静') await snap(page, 'vote-member-counted')
    }

    await admin.reload()
    const again = admin.locator(`.card[data-poll-id="${voteId}"]`)
    await again.locator('.vote-turnout', { hasText: '已投 2/' }).waitFor()
    await again.locator('.vote-close').click()
    await again.locator('.mr-state', { hasText: '已结束' }).waitFor()

    const qian = await asPerson(browser, '钱文静')
    await qian.goto(`/#/packages/life/pages/votes/index?id=${encodeURIComponent(voteId)}`)
    await qian.locator('#vote-results').waitFor()
    const first = qian.locator('.vote-result-row').first()
    expect(await first.getAttribute('data-option')).toBe('何雨桐')
    expect(await first.innerText()).toContain('2 票')
    await snap(qian, 'vote-member-result')
  })

  it('李秀英 schedules a vote for later, adds a candidate before it opens, and members will see three', async () => {
    const title = `推选优秀共产党员（${SUFFIX}）`
    const admin = await asPerson(browser, '李秀英')
    await admin.goto('/#/packages/admin/pages/votes/index')
    await input(admin, 'vote-title').fill(title)
    await input(admin, 'vote-option-0').fill('钱文静')
    await input(admin, 'vote-option-1').fill('何雨桐')
    await admin.locator('#vote-start [data-value="hour"]').click()
    await admin.locator('#vote-create').click()
    const card = admin.locator('.poll-card', { hasText: title })
    await card.locator('.mr-state', { hasText: '未开始' }).waitFor()
    const voteId = (await card.getAttribute('data-poll-id'))!

    await card.locator('.vote-edit').click()
    await admin.locator('#vote-edit-form').waitFor()
    await admin.locator('#vote-add-option').click()
    await input(admin, 'vote-option-2').fill('马俊杰')
    await snap(admin, 'vote-admin-editing')
    await admin.locator('#vote-save').click()
    await admin.locator('#vote-edit-form').waitFor({ state: 'detached' })
    await card.getByText(/3 个候选项/).waitFor()

    const qian = await asPerson(browser, '钱文静')
    await qian.goto(`/#/packages/life/pages/votes/index?id=${encodeURIComponent(voteId)}`)
    await qian.locator('.vote-option[data-option="马俊杰"]').waitFor()
    expect(await qian.locator('#vote-submit').count()).toBe(0)
  })
})
