import type { Db, Tx } from './db-types'

export type { Tx }

/**
 * Reads one document inside a transaction; null when it does not exist. wx-server-sdk rejects a missing document
 * with "document.get:fail document with _id … does not exist"; any other failure is passed on.
 */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  try {
    const res = (await t.collection(collection).doc(id).get()) as { data: (T & { _id: string }) | null }
    return res.data ?? null
  } catch (err) {
    if (err instanceof Error && /does not exist/.test(err.message)) return null
    throw err
  }
}

/** Runs of one transaction before a conflict is given up on (each waits a little longer, with jitter). */
const ATTEMPTS = 8

/**
 * A write conflict as it reaches function code. CloudBase reports it AT THE WRITE (snapshot isolation: the first
 * writer locks the document) with DATABASE_TRANSACTION_CONFLICT, which wx-server-sdk 4.0.2 has no number for and
 * surfaces as the catch-all -501001; a conflict at commit arrives as the raw `{ code }`. Either way the transaction
 * was rolled back (emulator/db/README.md, "Transactions").
 */
function isConflict(err: unknown): boolean {
  const e = err as { code?: unknown; errCode?: unknown } | null
  return e?.code === 'DATABASE_TRANSACTION_CONFLICT' || e?.errCode === -501001
}

/**
 * Runs `fn` in a transaction. Inside it, only `doc()` operations are transactional (as on CloudBase). @cloudbase/
 * database's own retry never sees a conflict reported at the write, so it is done here: the whole callback runs
 * again on a fresh snapshot, where it reads what the winner committed and gives the answer a single call would.
 * Callbacks must therefore be safe to run again: read first, decide, write — nothing outside the transaction.
 */
export async function inTransaction<T>(db: Db, fn: (t: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(fn, 0)
    } catch (err) {
      if (attempt >= ATTEMPTS || !isConflict(err)) throw err
      // The winner holds its locks until it commits (a few requests): wait past that, spread out so that many
      // concurrent losers do not collide again on the same beat.
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 10 * attempt))
    }
  }
}
