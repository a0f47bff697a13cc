import { fail } from './errors'
import type { Db } from './db-types'
import type { Patch, TypedCollection, Where } from './repo'

/**
 * Optimistic concurrency for the admin editors (activity, article, test, meeting, vote): every editable record carries
 * a `revision`, the editor reads it when it opens, sends it back with the save, and the save lands only on that
 * revision — one conditional update (`where({ _id, revision }).update(…)`, which changes nothing when the record has
 * moved on; WeChat 云开发 Collection.where + Query.update, `stats.updated` 0) that also increments it. Two admins (or
 * two tabs) who opened the same revision: the first save lands, the second gets EDITED_ELSEWHERE and writes nothing.
 * Any other write to a field an editor sends moves the revision too (`revision: _.inc(1)` in the same update: the
 * meeting's expected list in meeting/objection.ts and member/staff.ts), else an editor opened before it writes it back.
 *
 * Records written before revisions existed have none: they count as revision 0 without a migration, through a
 * field-level or of `_.exists(false)` and `_.eq(0)` (Command.or "字段值的或操作", Command.exists "判断字段是否存在":
 * developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/command/Command.or.md,
 * …/Command.exists.md). The first save writes revision 1.
 *
 * A retried save (the first attempt applied, its answer was lost) finds the revision moved on but the record already
 * holding exactly what it sends: that is success, not a conflict (nothing would be lost by answering it).
 */
export interface Revised {
  _id: string
  /** Missing on records written before revisions existed: 0. */
  revision?: number
}

export function revisionOf(doc: Revised): number {
  return doc.revision ?? 0
}

/** The where-condition "stored revision is `revision`" (missing counts as 0). */
export function atRevision(db: Db, revision: number): unknown {
  const _ = db.command
  return revision === 0 ? _.or(_.exists(false), _.eq(0)) : revision
}

/** What a save writes about itself (when, by whom, at which revision): never part of "the same content". */
const NOT_CONTENT = new Set(['updatedAt', 'updatedById', 'updatedByName', 'revision'])

/** A comparable form: Dates as instants, object keys in order, undefined dropped (as the database stores it). */
function canonical(x: unknown): unknown {
  if (x instanceof Date) return { $date: x.getTime() }
  if (Array.isArray(x)) return x.map(canonical)
  if (x && typeof x === 'object')
    return Object.fromEntries(
      Object.keys(x)
        .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((x as Record<string, unknown>)[k])]),
    )
  return x
}

/** Whether the stored record already holds every field of `fields` (a retried save, or an identical one). */
export function holds(stored: object, fields: object): boolean {
  const s = stored as Record<string, unknown>
  return Object.entries(fields).every(
    ([k, v]) =>
      NOT_CONTENT.has(k) || v === undefined || JSON.stringify(canonical(s[k] ?? null)) === JSON.stringify(canonical(v)),
  )
}

/**
 * Refuses a save that does not say which revision its form opened: it could only overwrite blindly, so no client can
 * lose a change that way. Every editor of this app sends it, so only an app from before revisions existed gets here:
 * reopening its editor would send none again, so the way out is updating the app — WeChat checks for a new version at
 * each cold start and runs it from the next one ("小程序每次冷启动时，都会检查是否有更新版本…新版本的小程序需要等下一次冷启动才会
 * 应用上", developers.weixin.qq.com/miniprogram/dev/framework/runtime/update-mechanism.html 启动时更新); a web page reloads.
 */
export function requireRevision(revision: number | undefined): asserts revision is number {
  if (revision === undefined)
    fail(
      'INVALID_INPUT',
      '当前版本过旧，修改未保存：请完全退出小程序再重新进入（如仍提示，请再退出进入一次；网页请刷新），更新后再打开编辑页修改',
    )
}

/**
 * Saves `fields` over `before` (the record as the handler read it) on condition that the stored revision is still
 * `revision`, the one the editor opened. Answers the record as now stored.
 *
 * Costs exactly one request when it lands (the handler's own read is `before`): the condition rides on the update.
 * When `before` already shows another revision, no write is tried. When the update matched nothing, one read tells
 * apart a record removed meanwhile (NOT_FOUND), one whose state the handler's `where` excluded (`recheck` throws its
 * own error, e.g. a meeting closed meanwhile), a retry of a save that already applied (success), and a change by
 * someone else (EDITED_ELSEWHERE).
 */
export async function saveAtRevision<T extends Revised>(o: {
  db: Db
  records: TypedCollection<T>
  before: T
  /** The revision the editor opened (its read answered it); an edit without one is refused. */
  revision: number | undefined
  fields: Patch<T>
  /** Further conditions the update carries (e.g. `{ status: 'scheduled' }`). */
  where?: Where<T>
  /** Throws the handler's error when the record re-read after a miss is no longer editable for another reason. */
  recheck?: (now: T) => void
  notFound?: string
}): Promise<T> {
  const { before, revision, fields } = o
  requireRevision(revision)
  if (revisionOf(before) !== revision) {
    if (holds(before, fields)) return before
    fail('EDITED_ELSEWHERE')
  }
  const now = await landAtRevision({ ...o, id: before._id, revision })
  return now ?? ({ ...before, ...(fields as object), revision: revision + 1 } as T)
}

/**
 * The conditional update alone, for a handler that has not read the record (it needs nothing from it): null when it
 * landed (the record now holds `fields` at `revision + 1`), else the record as stored when it already held `fields`
 * (a retry); otherwise it throws as saveAtRevision does. One request when it lands, two when it does not.
 */
export async function landAtRevision<T extends Revised>(o: {
  db: Db
  records: TypedCollection<T>
  id: string
  revision: number
  fields: Patch<T>
  where?: Where<T>
  recheck?: (now: T) => void
  notFound?: string
}): Promise<T | null> {
  const where = { ...(o.where ?? {}), _id: o.id, revision: atRevision(o.db, o.revision) } as Where<T>
  if ((await o.records.updateWhere(where, { ...o.fields, revision: o.revision + 1 } as Patch<T>)) === 1) return null
  const now = await o.records.get(o.id)
  if (!now) fail('NOT_FOUND', o.notFound)
  o.recheck?.(now)
  if (holds(now, o.fields)) return now
  fail('EDITED_ELSEWHERE')
}
