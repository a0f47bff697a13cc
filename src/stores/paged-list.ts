import { ApiError, toApiError } from '@/services/api-client'

/** The state every page-by-page list store shares; a store's own State extends it. */
export interface PagedListState<Item> {
  items: Item[]
  total: number
  /** The last page fetched (0: none yet). */
  page: number
  /** Whether the current list has answered at least once: an empty list before that is "still loading". */
  loaded: boolean
  loading: boolean
  loadingMore: boolean
  error: ApiError | null
}

export interface PagedListActions {
  /** Fetches the first page again, replacing the items. */
  refresh(): Promise<void>
  /** Appends the next page, if there is one and nothing is loading. */
  loadMore(): Promise<void>
  reset(): void
}

/** What a list procedure answers. */
export interface Page<Item> {
  items: Item[]
  total: number
  page: number
}

export const emptyPage: PagedListState<never> = {
  items: [],
  total: 0,
  page: 0,
  loaded: false,
  loading: false,
  loadingMore: false,
  error: null,
}

export const hasMore = (s: PagedListState<unknown>) => s.items.length < s.total

const asApiError = (e: unknown) => toApiError(e)

interface Options<S, Out> {
  /** The store's whole initial state; reset() goes back to it. */
  initial: S
  /** Fetches one page for whatever the store is currently filtered by. */
  fetch: (page: number) => Promise<Out>
  /** More state to set with the first page (in the same update, so no render sees half of it). */
  firstPage?: (out: Out) => Partial<S>
}

/**
 * refresh/loadMore/reset for a list fetched 20 at a time, to spread into a `create<State & Actions>()` store.
 * `set`/`get` are the store's own; the store keeps its filter state and setters, and calls `restart` when the
 * filter changes (spread `actions`, not the whole answer).
 */
export function pagedList<
  Item extends { id: string },
  S extends PagedListState<Item>,
  Out extends Page<Item> = Page<Item>,
>(set: (patch: Partial<S>) => void, get: () => S, { initial, fetch, firstPage }: Options<S, Out>) {
  // Answers from an older filter (or from before a reset) must not overwrite a newer list: each refresh and
  // reset starts a new generation, and an answer is only applied if its generation is still current.
  let generation = 0
  // The shared fields are part of S, but TypeScript cannot see that a literal of them is a Partial<S>.
  const patch = (p: Partial<PagedListState<Item>>) => set(p as Partial<S>)

  const actions: PagedListActions = {
    async refresh() {
      const gen = ++generation
      patch({ loading: true, error: null })
      try {
        const out = await fetch(1)
        if (gen !== generation) return
        set({
          items: out.items,
          total: out.total,
          page: 1,
          loaded: true,
          loading: false,
          ...firstPage?.(out),
        } as Partial<S>)
      } catch (e) {
        if (gen !== generation) return
        patch({ loading: false, error: asApiError(e) })
      }
    },

    async loadMore() {
      const s = get()
      if (s.loading || s.loadingMore || !hasMore(s)) return
      const gen = generation
      patch({ loadingMore: true, error: null })
      try {
        const out = await fetch(s.page + 1)
        if (gen !== generation) return
        // A row added or moved up since the previous page may come back again; show it once.
        const seen = new Set(get().items.map((i) => i.id))
        patch({
          items: [...get().items, ...out.items.filter((i) => !seen.has(i.id))],
          total: out.total,
          page: out.page,
          loadingMore: false,
        })
      } catch (e) {
        if (gen !== generation) return
        patch({ loadingMore: false, error: asApiError(e) })
      }
    },

    reset() {
      generation++
      set(initial)
    },
  }

  /** Empties the list with the new filter in `filterPatch`, then fetches its first page. */
  async function restart(filterPatch: Partial<S>) {
    generation++
    set({ ...filterPatch, items: [], total: 0, page: 0, loaded: false, error: null } as Partial<S>)
    await actions.refresh()
  }

  // Kept apart so spreading `actions` into a store does not make `restart` public.
  return { actions, restart }
}
