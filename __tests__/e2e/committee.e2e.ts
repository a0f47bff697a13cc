import type { Browser, Page } from 'playwright-core'
import { asPerson, callAs, launch, snap } from './browser'

// The committee's view (issue 16): 陈建国 (机关党委, org admin) opens 支部考评 from the management page and sees the
// chart — AntV F2 bars per branch on a canvas, best on top, with the ranking as text beside it (the figures the cloud
// computed for the same period), the bars redrawn for another measure, and the trend's lines — and 办公室党支部's card
// with its place and measures. "Sees" is read from the canvas's pixels: an element that exists but was never drawn fails.

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser.close()
})

jest.setTimeout(120_000)

interface Row {
  branchId: string
  branchName: string
  total: number | null
  rank: number | null
  members: number
}

/**
 * What a canvas shows, read back in the page: how many pixels are painted, and for each colour asked for, the
 * horizontal bands (runs of rows) holding it from top to bottom with the widest run of that colour in each band.
 */
async function painted(page: Page, canvasHost: string, colors: Record<string, [number, number, number]>) {
  return page.evaluate(
    ({ canvasHost, colors }) => {
      const canvas = document.querySelector(`${canvasHost} canvas`) as HTMLCanvasElement | null
      if (!canvas || !canvas.width || !canvas.height) return null
      const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
      let inked = 0
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++
      const near = (i: number, [r, g, b]: [number, number, number]) =>
        data[i + 3] > 200 &&
        Math.abs(data[i] - r) < 24 &&
        Math.abs(data[i + 1] - g) < 24 &&
        Math.abs(data[i + 2] - b) < 24
      const bands: Record<string, number[]> = {}
      for (const [name, rgb] of Object.entries(colors)) {
        const out: number[] = []
        let current = 0
        for (let y = 0; y < height; y++) {
          let run = 0
          let widest = 0
          for (let x = 0; x < width; x++) {
            run = near((y * width + x) * 4, rgb) ? run + 1 : 0
            widest = Math.max(widest, run)
          }
          if (widest > 0) current = Math.max(current, widest)
          else if (current > 0) {
            out.push(current)
            current = 0
          }
        }
        if (current > 0) out.push(current)
        bands[name] = out
      }
      return { inked, total: width * height, bands }
    },
    { canvasHost, colors },
  )
}

const RED: [number, number, number] = [200, 16, 46] // 总分's colour (the app's red)
const ORANGE: [number, number, number] = [212, 107, 8] // 会议出勤率's colour

/**
 * Waits (F2 draws once the canvas is laid out; never slept on) until the canvas shows a pixel of exactly `rgb`, as F2
 * fills a bar, or, without a colour, more than 500 painted pixels (a trend's lines).
 */
async function drawn(page: Page, canvasHost: string, rgb?: [number, number, number]) {
  await page.waitForFunction(
    ({ canvasHost, rgb }) => {
      const c = document.querySelector(`${canvasHost} canvas`) as HTMLCanvasElement | null
      if (!c?.width) return false
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 0; i < d.length; i += 4) {
        if (rgb && d[i] === rgb[0] && d[i + 1] === rgb[1] && d[i + 2] === rgb[2]) return true
        if (d[i + 3] > 0) n++
      }
      return !rgb && n > 500
    },
    { canvasHost, rgb: rgb ?? null },
    { timeout: 15_000 },
  )
}

describe('the committee opens the scorecard', () => {
  it('陈建国 sees the chart drawn: every branch ranked, the bars redrawn per measure, the lines of the trend', async () => {
    const page = await asPerson(browser, '陈建国')
    await page.goto('/#/packages/admin/pages/index')
    await page.locator('.admin-entry', { hasText: '支部考评' }).click()
    await page.waitForURL(/scorecard\/pages\/index/)
    const ranking = page.locator('#scorecard-ranking')
    await ranking.locator('.sc-rank-row').first().waitFor()

    // What the chart must show: the year's rows as the cloud answers them to the same person, best first.
    const view = await callAs<{ rows: Row[]; ranked: number }>(page, 'scorecard', 'view', {
      year: Number(new Date(Date.now() + 8 * 3600_000).getUTCFullYear()),
    })
    const ranked = [...view.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
    expect(ranked.length).toBeGreaterThan(2)
    const shown = await ranking.locator('.sc-rank-row').evaluateAll((rows) =>
      rows.map((r) => ({
        rank: r.querySelector('.sc-bar-rank')?.textContent ?? '',
        name: r.querySelector('.sc-rank-name')?.textContent ?? '',
        value: r.querySelector('.sc-bar-value')?.textContent ?? '',
      })),
    )
    expect(shown).toEqual(
      ranked.map((r) => ({
        rank: r.rank === null ? '—' : String(r.rank),
        name: r.branchName,
        value: r.total === null ? '—' : r.total.toFixed(1),
      })),
    )
    expect(shown.map((s) => s.name)).toContain('办公室党支部')
    // A screen reader hears the canvas as an image carrying the same figures.
    expect(await page.locator('#scorecard-chart [role="img"]').getAttribute('aria-label')).toBe(
      `各支部总分对比条形图：${ranked.map((r) => `${r.branchName} ${r.total === null ? '—' : r.total.toFixed(1)}`).join('，')}`,
    )

    // The bars were drawn: red bars, one band per branch with a visible total, the top one (the first ranked) the
    // longest.
    const visible = ranked.filter((r) => (r.total ?? 0) >= 1).length
    await drawn(page, '#scorecard-bars', RED)
    const bars = (await painted(page, '#scorecard-bars', { red: RED, orange: ORANGE }))!
    expect(bars.inked / bars.total).toBeGreaterThan(0.02)
    expect(bars.bands.red.length).toBeGreaterThanOrEqual(visible)
    expect(bars.bands.red[0]).toBe(Math.max(...bars.bands.red))
    expect(bars.bands.orange).toEqual([])
    await page.locator('#scorecard-chart').scrollIntoViewIfNeeded()
    await snap(page, 'committee-scorecard-chart')

    // Another measure: the bars are drawn again in its colour, and the list follows.
    await page.locator('#compare-attendance').click()
    await page.waitForFunction(() =>
      document.querySelector('#scorecard-chart [role="img"]')?.getAttribute('aria-label')?.includes('会议出勤率'),
    )
    await drawn(page, '#scorecard-bars', ORANGE)
    const attendance = (await painted(page, '#scorecard-bars', { red: RED, orange: ORANGE }))!
    expect(attendance.bands.orange.length).toBeGreaterThan(0)
    expect(attendance.bands.red).toEqual([])
    await snap(page, 'committee-scorecard-attendance')

    // The trend: a line per measure and the total, drawn for the first ranked branch, its legend the figures as text.
    const trend = page.locator('#scorecard-trend')
    await trend.scrollIntoViewIfNeeded()
    expect(await trend.locator('.sc-legend-row').count()).toBe(10)
    await drawn(page, '#scorecard-lines')
    const lines = (await painted(page, '#scorecard-lines', { red: RED }))!
    expect(lines.inked / lines.total).toBeGreaterThan(0.01)
    // 办公室党支部 has a year of meetings on record: its total's line (red) is drawn.
    if (ranked[0].branchName === '办公室党支部') expect(lines.bands.red.length).toBeGreaterThan(0)
    await snap(page, 'committee-scorecard-trend')

    // 办公室党支部's card: its total, its place among the ranked branches and its members, as in the list.
    const office = ranked.find((r) => r.branchName === '办公室党支部')!
    const card = page.locator('.sc-branch[data-branch-id="org_office"]')
    await card.scrollIntoViewIfNeeded()
    expect(await card.locator('.sc-branch-total').innerText()).toBe(
      office.total === null ? '—' : office.total.toFixed(1),
    )
    expect(await card.innerText()).toContain(
      office.rank
        ? `第 ${office.rank} 名 / 共 ${view.ranked} 个支部 · 党员 ${office.members} 人`
        : `本期没有到期事项，不参与排名 · 党员 ${office.members} 人`,
    )
    expect(await card.locator('.sc-measure').count()).toBeGreaterThan(5)
    await snap(page, 'committee-scorecard-branch')
  })
})
