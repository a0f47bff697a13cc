import type { Db } from './context'
import { getDoc } from './docs'

/** The error code CloudBase answers a write that repeats a unique key with (emulator/db/README.md). */
export const DUPLICATE_WRITE = 'DATABASE_DUPLICATE_WRITE'

/**
 * Whether `err`, thrown by an `add` of a document under the natural key `id`, means that document already exists
 * (a retry, a double tap, a concurrent call). Recognised by code, never by message text: the backend's code when the
 * error carries it (node-sdk), otherwise the database's own answer. wx-server-sdk 4.0.2 has no number for
 * DATABASE_DUPLICATE_WRITE and surfaces it as the catch-all -501001, so the key is read back: present means the add
 * lost to an existing document; absent means some other failure, which is passed on. A unique index on another field
 * (members.phone) is a different clash and is not taken for this one.
 */
export async function isDuplicateKey(db: Db, collection: string, id: string, err: unknown): Promise<boolean> {
  if ((err as { code?: unknown } | null)?.code === DUPLICATE_WRITE) return true
  if (!mayBeDuplicate(err)) return false
  return (await getDoc(db, collection, id)) !== null
}

/**
 * Whether a failed write may have clashed with an existing key: the backend said so, or wx-server-sdk's catch-all
 * codes hide what it said. Missing collection (-502005), bad parameters (-501007) and the like are never a duplicate,
 * so no read is spent on them.
 */
function mayBeDuplicate(err: unknown): boolean {
  const e = err as { code?: unknown; errCode?: unknown } | null
  return e?.code === DUPLICATE_WRITE || e?.errCode === -501001 || e?.errCode === -502001
}

/**
 * The document that made an `add` under the natural key `id` fail, when that is why it failed (a retry, a double tap,
 * a concurrent twin); null for any other failure, which the caller passes on. Same recognition as isDuplicateKey, and
 * the read it may need is the one a caller answering from the existing document would make anyway.
 */
export async function existingOnDuplicate<T>(
  db: Db,
  collection: string,
  id: string,
  err: unknown,
): Promise<(T & { _id: string }) | null> {
  return mayBeDuplicate(err) ? getDoc<T>(db, collection, id) : null
}
