#!/usr/bin/env node
// Prints the README's function → action → access table from the contract (src/contract); --write updates README.md.
const path = require('path')
const { readmeTable } = require('./readme-table')

readmeTable('access-table', path.join(__dirname, '..', 'src', 'contract', 'access-table.ts'), (m) => [
  '| 云函数 | action | 谁可以调用 | 做什么 |',
  '| --- | --- | --- | --- |',
  ...m.accessTableRows(),
])
