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

/**
 * Issue 11: the study function renders Markdown and cleans HTML only when an article is saved or re-rendered, so its
 * reading paths (feed, open, finish) must not run markdown-it or sanitize-html at cold start: their module
 * initialisers are called only inside the body of contentTools (study/content.ts), which runs on first use.
 */
describe('the study function', () => {
  it.each([
    ['markdown-it', /var (require_markdown_it_cjs) = __commonJS\(/],
    ['sanitize-html', /var (require_sanitize_html) = __commonJS\(/],
  ])('runs %s only when an article is rendered, never at cold start', (_lib, definition) => {
    const src = fs.readFileSync(path.join(BUILT, 'study', 'index.js'), 'utf8')
    const init = definition.exec(src)?.[1]
    expect(init).toBeDefined() // bundled: saving works offline
    const start = src.indexOf('function contentTools()')
    const end = src.indexOf('\n}\n', start)
    expect(start).toBeGreaterThan(0)
    const calls = [...src.matchAll(new RegExp(`\\b${init}\\(\\)`, 'g'))].map((m) => m.index!)
    expect(calls.length).toBeGreaterThan(0)
    for (const at of calls) expect({ init, inside: at > start && at < end }).toEqual({ init, inside: true })
  })
})
