import type { Db, Tx } from './db-types'

export type { Tx }

/** Reads one document inside a transaction; null when it does not exist. */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = (await t.collection(collection).doc(id).get()) as { data: (T & { _id: string }) | null }
  return res.data ?? null
}

/** Runs `fn` in a transaction. Inside it, only `doc()` operations are transactional (as on CloudBase). */
export function inTransaction<T>(db: Db, fn: (t: Tx) => Promise<T>): Promise<T> {
  return db.runTransaction(fn)
}
