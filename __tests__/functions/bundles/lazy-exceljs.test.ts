import fs from 'fs'
import path from 'path'

/**
 * Issues 10 and 11: the member-facing functions stay lean at cold start (check-in must not load exceljs). The
 * libraries only exports, imports and article rendering need are bundled into files of their own beside index.js
 * (`lib-<name>.js`, scripts/build-functions.js) and required from there on first use. A plain `import ExcelJS from
 * 'exceljs'` anywhere would put a top-level require in index.js, run at every cold start, and fail this test.
 */
const BUILT = path.join(__dirname, '..', '..', '..', 'build', 'cloudfunctions')
const read = (fn: string, file = 'index.js') => fs.readFileSync(path.join(BUILT, fn, file), 'utf8')

/** What precedes each `require("./lib-<lib>.js")` in a bundle. */
function requiresOf(code: string, lib: string): Array<{ at: number; before: string }> {
  return [...code.matchAll(new RegExp(`require\\("\\./lib-${lib}\\.js"\\)`, 'g'))].map((m) => ({
    at: m.index!,
    before: code.slice(Math.max(0, m.index! - 40), m.index!),
  }))
}

describe.each(['meeting', 'activity', 'quiz', 'study', 'member'])('the %s function', (name) => {
  it('requires exceljs only when a spreadsheet is made or read, never at cold start', () => {
    const code = read(name)
    expect(code).not.toContain('node_modules/exceljs/') // not parsed at cold start
    const calls = requiresOf(code, 'exceljs')
    expect(calls.length).toBeGreaterThan(0)
    for (const { before } of calls) expect(before).toMatch(/Promise\.resolve\(\)\.then\(\(\) => __toESM\($/)
  })

  it('carries exceljs beside it, so its exports work in the cloud with nothing installed but wx-server-sdk', () => {
    const lib = require(path.join(BUILT, name, 'lib-exceljs.js')) as { Workbook?: unknown }
    expect(typeof lib.Workbook).toBe('function')
    const pkg = JSON.parse(read(name, 'package.json')) as { dependencies: Record<string, string> }
    expect(Object.keys(pkg.dependencies)).toEqual(['wx-server-sdk'])
  })

  it('is small enough to parse quickly at cold start (under 400 KiB; it was 2.5–3.3 MiB with exceljs inside)', () => {
    expect(fs.statSync(path.join(BUILT, name, 'index.js')).size).toBeLessThan(400 * 1024)
  })
})

/**
 * Issue 11: the study function renders Markdown and cleans HTML only when an article is saved or re-rendered, so its
 * reading paths (feed, open, finish) must not load markdown-it or sanitize-html at cold start: they are required only
 * inside the body of contentTools (study/content.ts), which runs on first use.
 */
describe('the study function', () => {
  it.each(['markdown-it', 'markdown-it-cjk-friendly', 'sanitize-html'])(
    'requires %s only when an article is rendered, never at cold start',
    (lib) => {
      const src = read('study')
      const start = src.indexOf('function contentTools()')
      const end = src.indexOf('\n}\n', start)
      expect(start).toBeGreaterThan(0)
      const calls = requiresOf(src, lib)
      expect(calls.length).toBeGreaterThan(0)
      for (const { at } of calls) expect({ lib, inside: at > start && at < end }).toEqual({ lib, inside: true })
      expect(fs.existsSync(path.join(BUILT, 'study', `lib-${lib}.js`))).toBe(true)
    },
  )
})
