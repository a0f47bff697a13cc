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

/** Runs `fn` in a transaction. Inside it, only `doc()` operations are transactional (as on CloudBase). */
export function inTransaction<T>(db: Db, fn: (t: Tx) => Promise<T>): Promise<T> {
  return db.runTransaction(fn)
}
