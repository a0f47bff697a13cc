import ExcelJS from 'exceljs'
import { china } from '../../../src/domain/time'
import { startTestCloud, type TestCloud } from '../local-cloud'

// 学习心得 read by staff (issue 14): by article and by member, each through one scope check, and their Excel.

let t: TestCloud
beforeEach(async () => {
  t = await startTestCloud()
})
afterEach(() => t.close())

const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code)
const inDays = (d: number) => new Date(t.cloud.clock.now().getTime() + d * 86400_000).toISOString()

async function requiredArticle(title: string, audienceBranchIds?: string[]) {
  const admin = await t.openidOf('陈建国')
  const { article } = await t.ok(admin, 'study.save', {
    title,
    category: '第一议题',
    markdown: '## 一、总体要求\n\n深入学习全会精神。',
    audienceBranchIds,
    required: true,
    deadline: inDays(7),
    readMinutes: 1,
  })
  await t.ok(admin, 'study.publish', { articleId: article.id })
  return article.id
}

async function reflect(name: string, articleId: string, text: string) {
  await t.ok(await t.openidOf(name), 'study.reflect', { articleId, text })
  // A minute apart, so "newest first" has an order to show.
  t.cloud.clock.advance(60_000)
}

async function readBack(fileID: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(t.cloud.storage.download(fileID) as unknown as ArrayBuffer)
  const ws = wb.worksheets[0]
  const rows: unknown[][] = []
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)))
  return rows
}

const OFFICE_TEXT = '学习全会精神，要在办公室服务保障工作中落到实处。'
const SUN_TEXT = '通过学习，我更加深刻理解了全会的重大意义。'
const BUDGET_TEXT = '结合预算编制工作，深入领会全会精神。'

async function threeReflections() {
  const articleId = await requiredArticle('学习贯彻党的二十届四中全会精神')
  await reflect('钱文静', articleId, OFFICE_TEXT)
  await reflect('冯涛', articleId, BUDGET_TEXT)
  await reflect('孙浩然', articleId, SUN_TEXT)
  return articleId
}

describe('by article', () => {
  it("a secretary reads her branch's reflections, newest first, with names and 党小组", async () => {
    const articleId = await threeReflections()
    const li = await t.openidOf('李秀英')
    const page = await t.ok(li, 'study.reflections', { articleId })
    expect(page.total).toBe(2)
    expect(page.items.map((r) => [r.name, r.text])).toEqual([
      ['孙浩然', SUN_TEXT],
      ['钱文静', OFFICE_TEXT],
    ])
    expect(page.items[1]).toMatchObject({ branchName: '办公室党支部', groupName: expect.any(String) })
    // Another branch is not hers to filter by.
    expect(code(await t.call(li, 'study.reflections', { articleId, branchId: 'org_budget' }))).toBe('OUT_OF_SCOPE')
  })

  it('the committee reads every branch, or one branch when she filters', async () => {
    const articleId = await threeReflections()
    const chen = await t.openidOf('陈建国')
    const all = await t.ok(chen, 'study.reflections', { articleId })
    expect(all.items.map((r) => r.name)).toEqual(['孙浩然', '冯涛', '钱文静'])
    const budget = await t.ok(chen, 'study.reflections', { articleId, branchId: 'org_budget' })
    expect(budget.items.map((r) => [r.name, r.branchName])).toEqual([['冯涛', '预算处党支部']])
  })

  it('a second reflection by the same member replaces the first: one row, the new text', async () => {
    const articleId = await requiredArticle('学习贯彻党的二十届四中全会精神')
    await reflect('钱文静', articleId, OFFICE_TEXT)
    await reflect('钱文静', articleId, SUN_TEXT)
    const page = await t.ok(await t.openidOf('李秀英'), 'study.reflections', { articleId })
    expect(page.items.map((r) => r.text)).toEqual([SUN_TEXT])
  })

  it("pages 20 at a time over a large branch's reflections", async () => {
    const articleId = await requiredArticle('学习贯彻党的二十届四中全会精神')
    const db = t.cloud.db()
    const office = (await db.collection('members').where({ branchId: 'org_office' }).limit(5).get()).data
    // 45 reflections written straight into the database (study.reflect is tested above); ids of their own, so five
    // real members can stand behind all of them.
    for (let i = 0; i < 45; i++) {
      const m = office[i % office.length]
      await db
        .collection('reflections')
        .doc(`${articleId}_x${i}`)
        .set({
          data: {
            articleId,
            memberId: m._id,
            branchId: 'org_office',
            text: `第 ${i} 条心得`,
            updatedAt: new Date(Date.UTC(2026, 5, 1) + i * 1000),
          },
        })
    }
    const li = await t.openidOf('李秀英')
    const p1 = await t.ok(li, 'study.reflections', { articleId })
    const p3 = await t.ok(li, 'study.reflections', { articleId, page: 3 })
    expect([p1.total, p1.items.length, p3.items.length]).toEqual([45, 20, 5])
    expect(p1.items[0].text).toBe('第 44 条心得')
    expect(p3.items.at(-1)!.text).toBe('第 0 条心得')
  })

  it("an article that never went to a secretary's branch answers like one that does not exist", async () => {
    const articleId = await requiredArticle('预算处专题学习', ['org_budget'])
    await reflect('冯涛', articleId, BUDGET_TEXT)
    const li = await t.openidOf('李秀英')
    const hidden = await t.call(li, 'study.reflections', { articleId })
    const nowhere = await t.call(li, 'study.reflections', { articleId: 'ar_nowhere' })
    expect(code(hidden)).toBe('NOT_FOUND')
    expect(hidden).toEqual(nowhere)
    expect(code(await t.call(li, 'archive.reflections', { articleId }))).toBe('NOT_FOUND')
  })

  it('members cannot read them', async () => {
    const articleId = await threeReflections()
    expect(code(await t.call(await t.openidOf('钱文静'), 'study.reflections', { articleId }))).toBe('FORBIDDEN')
  })

  it('the Excel holds what the screen shows, by branch, with 党小组 and 字数 as a number', async () => {
    const articleId = await threeReflections()
    const chen = await t.openidOf('陈建国')
    const file = await t.ok(chen, 'archive.reflections', { articleId })
    expect(file.count).toBe(3)
    expect(file.fileName).toBe('学习贯彻党的二十届四中全会精神-学习心得.xlsx')
    const rows = await readBack(file.fileID)
    expect(rows[0]).toEqual(['支部', '党小组', '姓名', '学习心得', '字数', '提交时间'])
    const body = rows.slice(1).map((r) => [r[0], r[2], r[3], r[4]])
    expect(body).toEqual([
      ['办公室党支部', '孙浩然', SUN_TEXT, [...SUN_TEXT].length],
      ['办公室党支部', '钱文静', OFFICE_TEXT, [...OFFICE_TEXT].length],
      ['预算处党支部', '冯涛', BUDGET_TEXT, [...BUDGET_TEXT].length],
    ])
    expect(typeof rows[1][1]).toBe('string')

    // The secretary's file: her branch only.
    const mine = await readBack((await t.ok(await t.openidOf('李秀英'), 'archive.reflections', { articleId })).fileID)
    expect(mine.slice(1).map((r) => r[2])).toEqual(['孙浩然', '钱文静'])
  })
})

describe('by member', () => {
  it("a secretary reads a member's reflections of the year, with the article titles, and exports them", async () => {
    const first = await requiredArticle('学习贯彻党的二十届四中全会精神')
    const second = await requiredArticle('学习《中国共产党纪律处分条例》')
    await reflect('钱文静', first, OFFICE_TEXT)
    await reflect('钱文静', second, SUN_TEXT)
    await reflect('孙浩然', first, BUDGET_TEXT)
    const li = await t.openidOf('李秀英')
    const qian = (await t.cloud.db().collection('members').where({ name: '钱文静' }).get()).data[0]._id as string
    const year = china(t.cloud.clock.now()).year()

    const page = await t.ok(li, 'study.memberReflections', { memberId: qian })
    expect(page.year).toBe(year)
    expect(page.items.map((r) => [r.articleTitle, r.text])).toEqual([
      ['学习《中国共产党纪律处分条例》', SUN_TEXT],
      ['学习贯彻党的二十届四中全会精神', OFFICE_TEXT],
    ])
    // Another year has none.
    expect((await t.ok(li, 'study.memberReflections', { memberId: qian, year: year - 1 })).total).toBe(0)

    const file = await t.ok(li, 'archive.memberReflections', { memberId: qian })
    expect(file.fileName).toBe(`钱文静-${year}年学习心得.xlsx`)
    const rows = await readBack(file.fileID)
    expect(rows[0]).toEqual(['资料', '学习心得', '字数', '提交时间', '提交时所在支部'])
    expect(rows.slice(1).map((r) => r[0])).toEqual(['学习《中国共产党纪律处分条例》', '学习贯彻党的二十届四中全会精神'])
  })

  it("another branch's member answers like one that does not exist, for the list and the Excel", async () => {
    const articleId = await requiredArticle('学习贯彻党的二十届四中全会精神')
    await reflect('冯涛', articleId, BUDGET_TEXT)
    const li = await t.openidOf('李秀英')
    const feng = (await t.cloud.db().collection('members').where({ name: '冯涛' }).get()).data[0]._id as string
    for (const action of ['study.memberReflections', 'archive.memberReflections'] as const) {
      const hidden = await t.call(li, action, { memberId: feng })
      const nowhere = await t.call(li, action, { memberId: 'm_nowhere' })
      expect(code(hidden)).not.toBe('ok')
      expect(hidden).toEqual(nowhere)
    }
    // The committee reads her.
    const chen = await t.openidOf('陈建国')
    expect((await t.ok(chen, 'study.memberReflections', { memberId: feng })).items.map((r) => r.text)).toEqual([
      BUDGET_TEXT,
    ])
  })
})
