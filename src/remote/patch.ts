import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import { answersOf, fetchInto, keyOf, setData } from './cache'
import type { ItemOf, PagedName, PageShape } from './use-paged'

// Writes that patch cached answers with what the cloud answered. Not re-exported from '@/remote': only subpackage
// screens use them, and the index is in the weapp main package (350 KiB budget).

/** Patches one procedure's cached answer with what a write answered (no round trip; screens showing it re-render). */
export function updateProcedure<N extends ProcedureName>(
  name: N,
  input: InputOf<N>,
  update: (old: OutputOf<N> | undefined) => OutputOf<N> | undefined,
) {
  setData(keyOf(name, input), update)
}

/**
 * Puts an answer a write already carried into the cache as just fetched, so the screen it leads to shows it without
 * asking the cloud again (the submit's result for the result page: issue 11).
 */
export function primeProcedure<N extends ProcedureName>(name: N, input: InputOf<N>, data: OutputOf<N>) {
  return fetchInto(keyOf(name, input), async () => data)
}

/**
 * Patches the rows of a cached paged list in place (a removed or re-counted row), keeping `total` in step with
 * removals. The key is the one usePagedProcedure uses: all pages of one input.
 */
export function updatePagedItems<N extends PagedName>(
  name: N,
  input: Omit<InputOf<N>, 'page'>,
  update: (items: ItemOf<N>[]) => ItemOf<N>[],
) {
  setData<PageShape>(keyOf(name, { ...input, page: '*' }), (old) => {
    if (!old) return old
    const items = update(old.items as ItemOf<N>[]) as PageShape['items']
    return { ...old, items, total: Math.max(0, old.total - (old.items.length - items.length)) }
  })
}

/**
 * A row of a paged list as the cache holds it, from whichever filter showed it: a screen opened from the list reads
 * the row it was opened on without asking again (undefined when no list holding it is cached, e.g. after a reload).
 */
export function findPagedItem<N extends PagedName>(name: N, id: string): ItemOf<N> | undefined {
  for (const page of answersOf<PageShape>(name)) {
    const hit = page.items?.find((i: { id: string }) => i.id === id)
    if (hit) return hit as ItemOf<N>
  }
  return undefined
}
