// Issue 11, "The data layer": handlers call their area's typed repository (`<area>/<area>.repo.ts` over
// _shared/repo.ts), never `ctx.db.collection(...)` with casts of untyped rows. This guard keeps a converted area
// converted: a file in a listed directory other than a *.repo.ts that reaches for `.collection(` fails it, naming the
// file and line. An area joins the list once all of its handlers go through repositories.
import { readFileSync, readdirSync } from 'fs'
import { join } from 'path'

const ROOT = join(__dirname, '..', '..', '..', 'cloudfunctions')

/** Area directories (under cloudfunctions/) whose handlers no longer touch collections directly. */
const CONVERTED_AREAS = [
  'vote',
  'meeting',
  'review',
  'quiz',
  'remind',
  'scorecard',
  'archive',
  'activity',
  'member',
  'study',
]

/** `.collection(` calls in source, comments left out (a comment may well say what the code must not do). */
function rawCalls(source: string): number[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/\/\/.*$/gm, '')
  return code
    .split('\n')
    .map((line, i) => (/\.collection\s*\(/.test(line) ? i + 1 : 0))
    .filter(Boolean)
}

describe('handlers reach the database only through repositories', () => {
  it('finds a raw call where there is one (the scanner is live)', () => {
    expect(rawCalls('const x = 1\nawait ctx.db\n  .collection(COL.votes)\n  .get()\n')).toEqual([3])
    expect(rawCalls('// never ctx.db.collection(...) here\n/* nor db.collection(x) */\n')).toEqual([])
    // The repositories themselves do call it: that is where the rows get their types.
    expect(rawCalls(readFileSync(join(ROOT, '_shared', 'repo.ts'), 'utf8')).length).toBeGreaterThan(0)
  })

  it.each(CONVERTED_AREAS)('%s: only *.repo.ts files call .collection(', (area) => {
    const files = readdirSync(join(ROOT, area)).filter((f) => f.endsWith('.ts') && !f.endsWith('.repo.ts'))
    expect(files.length).toBeGreaterThan(0)
    const offenders = files.flatMap((f) =>
      rawCalls(readFileSync(join(ROOT, area, f), 'utf8')).map((line) => `${area}/${f}:${line}`),
    )
    expect(offenders).toEqual([])
  })
})
