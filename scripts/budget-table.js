#!/usr/bin/env node
// Prints the README's database-requests-per-call table from src/contract/budget.ts; --write updates README.md.
const path = require('path')
const { readmeTable } = require('./readme-table')

readmeTable('budget-table', path.join(__dirname, '..', 'src', 'contract', 'budget-table.ts'), (m) => [
  ...m.BUDGET_TABLE_HEAD,
  ...m.budgetTableRows(),
])
