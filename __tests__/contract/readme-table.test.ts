import fs from 'fs'
import path from 'path'
import { accessTableRows } from '@/contract/access-table'

// The README's function → action → roles table must say what the router enforces; regenerate it with
// `node scripts/access-table.js --write` when an action changes.
describe('the README access table', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8')
  it('lists every action with the access the router enforces', () => {
    const missing = accessTableRows().filter((row) => !readme.includes(row))
    expect(missing).toEqual([])
  })
})
