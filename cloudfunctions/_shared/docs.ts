import type { Db } from './context'

/**
 * The most documents one server-side `get()` returns: 1000 with `limit()` (Collection.limit: "在云函数端默认及最大上限为
 * 1000", developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/
 * Collection.limit.md; the local cloud enforces the same, emulator/db/README.md "get() caps"). Reading a branch's
 * roster or a meeting's records 1000 at a time keeps them at one to three requests for 2,000 members instead of twenty.
 */
export const GET_PAGE = 1000

/**
 * Reads one document by id, or null when there is none. `doc().get()` rejects for a missing document on the server
 * SDK, so every "maybe there" read goes through here instead of repeating the try/catch.
 */
export async function getDoc<T>(db: Db, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get()
  return (res.data[0] as (T & { _id: string }) | undefined) ?? null
}

/** Reads many documents by id, GET_PAGE per request (the server-side `get()` cap), keyed by id. */
export async function getDocs<T>(
  db: Db,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, T & { _id: string }>> {
  const out = new Map<string, T & { _id: string }>()
  const unique = [...new Set(ids)]
  const _ = db.command
  for (let i = 0; i < unique.length; i += GET_PAGE) {
    const res = await db
      .collection(collection)
      .where({ _id: _.in(unique.slice(i, i + GET_PAGE)) })
      .limit(GET_PAGE)
      .get()
    for (const d of res.data as Array<T & { _id: string }>) out.set(d._id, d)
  }
  return out
}
