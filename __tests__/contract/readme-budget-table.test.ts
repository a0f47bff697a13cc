import fs from 'fs'
import path from 'path'
import { budgetTableRows } from '@/contract/budget-table'

// The README's costs table must say what the budget test enforces; regenerate it with
// `node scripts/budget-table.js --write` when a budget changes.
describe('the README costs table', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8')
  it('lists every action with the budget the budget test checks', () => {
    const missing = budgetTableRows().filter((row) => !readme.includes(row))
    expect(missing).toEqual([])
  })
})
