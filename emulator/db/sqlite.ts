// The slice of better-sqlite3 12.x we use, typed here because the project carries no @types package for it.

export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint }
  get(...params: unknown[]): unknown
  all(...params: unknown[]): unknown[]
  iterate(...params: unknown[]): IterableIterator<unknown>
  /** Rows as arrays of column values instead of objects (permanently, for this statement). */
  raw(on?: boolean): Statement
}

export interface TransactionFn<A extends unknown[], R> {
  (...args: A): R
  deferred(...args: A): R
  immediate(...args: A): R
}

export interface Database {
  prepare(sql: string): Statement
  exec(sql: string): void
  pragma(sql: string, opts?: { simple?: boolean }): unknown
  transaction<A extends unknown[], R>(fn: (...args: A) => R): TransactionFn<A, R>
  close(): void
  readonly inTransaction: boolean
  readonly open: boolean
}

type DatabaseConstructor = new (file: string, opts?: { timeout?: number }) => Database

export const SqliteDatabase = require('better-sqlite3') as DatabaseConstructor
