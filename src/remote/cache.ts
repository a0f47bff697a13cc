import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import { call, takeEarlyData, toApiError, type ApiError } from '@/services/api-client'

/**
 * One small cache of remote answers, keyed by procedure and input. Why not TanStack Query: its core and React
 * binding are ~36 KB minified (10 KB gzip), and every byte of it would sit in the weapp main package (the tab pages
 * read through it), which must come down to 350 KiB; what the screens need — shared answers per key, loading and
 * error, refetch, stale-while-revalidate on show, invalidation after writes, clear on sign-out — is this file.
 */

export interface Entry<T = unknown> {
  data: T | undefined
  error: ApiError | null
  /** A request for this key is in flight. */
  fetching: boolean
  /** When the current data arrived (0: never). */
  at: number
}

type Listener = () => void

const entries = new Map<string, Entry>()
const listeners = new Map<string, Set<Listener>>()
/** Bumped per key by every fetch and by clear(): an answer is kept only if its generation is still current. */
const generations = new Map<string, number>()
let epoch = 0

const EMPTY: Entry = { data: undefined, error: null, fetching: false, at: 0 }

/** Object keys sorted, so `{a, b}` and `{b, a}` name the same answer. */
function stable(v: unknown): string {
  if (v === undefined) return ''
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return '[' + v.map(stable).join(',') + ']'
  const o = v as Record<string, unknown>
  return (
    '{' +
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + stable(o[k]))
      .join(',') +
    '}'
  )
}

export const keyOf = (name: string, input: unknown) => name + ' ' + stable(input)

export function read<T>(key: string): Entry<T> {
  if (process.env.TARO_ENV === 'h5' && !entries.has(key)) seedFromEarly(key)
  return (entries.get(key) as Entry<T>) || (EMPTY as Entry<T>)
}

/**
 * H5 first load: index.html asked for this screen's data while the code downloaded (config/h5-early-calls.js). An
 * answer already in becomes the entry's first data, so the screen's first render draws it; `at` is now, as if the
 * screen had just fetched it (it is at most seconds old), so the mount does not ask again.
 */
function seedFromEarly(key: string) {
  const early = takeEarlyData((name, input) => keyOf(name, input) === key || pagedKeyOf(name, input) === key)
  if (early) entries.set(key, { data: early.data, error: null, fetching: false, at: Date.now() })
}

/** The key usePagedProcedure keeps a list under, for the call of its first page. */
function pagedKeyOf(name: string, input: unknown): string | null {
  const o = input as { page?: unknown } | null
  return o && typeof o === 'object' && o.page === 1 ? keyOf(name, { ...o, page: '*' }) : null
}

function write(key: string, patch: Partial<Entry>) {
  entries.set(key, { ...read(key), ...patch })
  listeners.get(key)?.forEach((l) => l())
}

export function subscribe(key: string, l: Listener): () => void {
  let set = listeners.get(key)
  if (!set) listeners.set(key, (set = new Set()))
  set.add(l)
  return () => {
    set!.delete(l)
  }
}

/**
 * Runs `load` for `key` and stores its answer. Overlapping fetches of one key: the latest wins, an older answer
 * arriving late is dropped. Never throws; the error lands in the entry.
 */
export async function fetchInto<T>(key: string, load: () => Promise<T>): Promise<Entry<T>> {
  const gen = (generations.get(key) || 0) + 1
  generations.set(key, gen)
  const startEpoch = epoch
  write(key, { fetching: true })
  try {
    const data = await load()
    if (generations.get(key) === gen && epoch === startEpoch)
      write(key, { data, error: null, fetching: false, at: Date.now() })
  } catch (e) {
    if (generations.get(key) === gen && epoch === startEpoch) write(key, { error: toApiError(e), fetching: false })
  }
  return read<T>(key)
}

/** Fetches one procedure's answer into the cache. */
export function fetchProcedure<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<Entry<OutputOf<N>>> {
  return fetchInto(keyOf(name, input), () => call(name, input))
}

/** Replaces a cached answer in place (after a write whose answer already says what changed). */
export function setData<T>(key: string, update: (old: T | undefined) => T | undefined) {
  write(key, { data: update(read<T>(key).data) })
}

/**
 * Marks every answer of the given procedures (or whole areas: `'meeting'`) stale and refetches those on screen.
 * Answers no screen shows are dropped, so the next screen that needs them loads fresh.
 */
export function invalidate(prefixes: readonly string[]) {
  for (const key of [...entries.keys()]) {
    const name = key.slice(0, key.indexOf(' '))
    const hit = prefixes.some((p) => name === p || name.startsWith(p + '.'))
    if (!hit) continue
    const watched = listeners.get(key)?.size
    if (watched) {
      write(key, { at: 0 })
      refetchers.get(key)?.()
    } else {
      entries.delete(key)
    }
  }
}

/** Every cached answer of one procedure, whatever its input (a screen opened from a list finds its row there). */
export function answersOf<T>(name: string): T[] {
  const out: T[] = []
  entries.forEach((e, key) => {
    if (key.slice(0, key.indexOf(' ')) === name && e.data !== undefined) out.push(e.data as T)
  })
  return out
}

/** How a watched key fetches itself again (registered by the hooks). */
export const refetchers = new Map<string, () => void>()

/** Sign-out: everything goes, and answers still in flight are dropped when they arrive. */
export function clearAll() {
  epoch++
  entries.clear()
  generations.clear()
  listeners.forEach((set) => set.forEach((l) => l()))
}
