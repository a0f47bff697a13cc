import type { Browser } from 'playwright-core'
import { asPerson, callAs, launch, snap } from './browser'

// The committee's view (issue 16): 陈建国 (机关党委, org admin) opens 支部考评 from the management page and sees every
// branch ranked in the chart — each bar named, as long as its total, in rank order — and 办公室党支部's card with its
// place and measures; the figures are the ones the cloud computed for the same period (scorecard.view).

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

describe('the committee opens the scorecard', () => {
  it('陈建国 sees every branch ranked in the chart, with the totals the cloud computed', async () => {
    const page = await asPerson(browser, '陈建国')
    await page.goto('/#/packages/admin/pages/index')
    await page.locator('.admin-entry', { hasText: '支部考评' }).click()
    await page.waitForURL(/admin\/pages\/scorecard\/index/)
    const chart = page.locator('#scorecard-chart')
    await chart.locator('.sc-bar-row').first().waitFor()

    // What the chart must show: the year's rows as the cloud answers them to the same person, best first.
    const view = await callAs<{ rows: Row[]; ranked: number }>(page, 'scorecard', 'view', {
      year: Number(new Date(Date.now() + 8 * 3600_000).getUTCFullYear()),
    })
    const ranked = [...view.rows].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
    expect(ranked.length).toBeGreaterThan(2)
    expect(await chart.getAttribute('aria-label')).toBe('各支部总分条形图')

    const bars = chart.locator('.sc-bar-row')
    expect(await bars.count()).toBe(ranked.length)
    const shown = await bars.evaluateAll((rows) =>
      rows.map((r) => ({
        rank: r.querySelector('.sc-bar-rank')?.textContent ?? '',
        name: r.querySelector('.sc-bar-name')?.textContent ?? '',
        value: r.querySelector('.sc-bar-value')?.textContent ?? '',
        // The bar a person sees: its drawn width against its track's.
        drawn: Math.round(
          ((r.querySelector('.sc-bar-fill') as HTMLElement).getBoundingClientRect().width /
            (r.querySelector('.sc-bar-track') as HTMLElement).getBoundingClientRect().width) *
            100,
        ),
      })),
    )
    expect(shown.map(({ rank, name, value }) => ({ rank, name, value }))).toEqual(
      ranked.map((r) => ({
        rank: r.rank === null ? '—' : String(r.rank),
        name: r.branchName,
        value: r.total === null ? '—' : r.total.toFixed(1),
      })),
    )
    shown.forEach((s, i) => expect(Math.abs(s.drawn - Math.round(ranked[i].total ?? 0))).toBeLessThanOrEqual(1))
    // The demo organisation's 办公室党支部 has a year of meetings on record: its bar is drawn, and no bar below the
    // first is longer than it.
    expect(shown.map((s) => s.name)).toContain('办公室党支部')
    expect(shown[0].drawn).toBeGreaterThan(0)
    expect(Math.max(...shown.map((s) => s.drawn))).toBe(shown[0].drawn)
    await chart.scrollIntoViewIfNeeded()
    await snap(page, 'committee-scorecard-chart')

    // 办公室党支部's card: its total, its place among the ranked branches and its members, as in the chart.
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
