import fs from 'fs'
import path from 'path'

/**
 * Issue 10: "the member-facing functions stay lean (check-in must not load exceljs at cold start)". The functions that
 * also export spreadsheets reach exceljs only through `_shared/workbook.ts`'s `import()`, which esbuild bundles as a
 * wrapper run on first call. In the built bundle that shows as every call of exceljs's module factory sitting inside
 * `Promise.resolve().then(...)`; a plain `import ExcelJS from 'exceljs'` anywhere would add a top-level call, run at
 * cold start, and fail this test.
 */
const BUILT = path.join(__dirname, '..', '..', '..', 'build', 'cloudfunctions')

describe.each(['meeting', 'activity', 'quiz', 'study', 'member'])('the %s function', (name) => {
  it('runs exceljs only when a spreadsheet is made or read, never at cold start', () => {
    const code = fs.readFileSync(path.join(BUILT, name, 'index.js'), 'utf8')
    const factory = /var (require_excel\w*) = __commonJS\(\{\s*"node_modules\/exceljs\/excel\.js"/.exec(code)?.[1]
    expect(factory).toBeDefined() // exceljs is bundled (exports still work offline)
    const calls = [...code.matchAll(new RegExp(`${factory}\\(\\)`, 'g'))].map((m) =>
      code.slice(Math.max(0, m.index! - 40), m.index!),
    )
    expect(calls.length).toBeGreaterThan(0)
    for (const before of calls) expect(before).toMatch(/Promise\.resolve\(\)\.then\(\(\) => __toESM\($/)
  })
})
