import { useCallback, useEffect, useRef, useState } from 'react'
import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import { ApiError, call, toApiError } from '@/services/api-client'

export interface Remote<T> {
  data: T | null
  loading: boolean
  error: ApiError | null
  refetch(): Promise<void>
  /** Replaces the data with what a mutation answered, without a round trip. */
  set(data: T): void
}

/**
 * Reads one procedure for a page: loading, error, refetch. The minimal remote-data primitive for the organisation
 * life screens until the shared client kit lands; pages keep no remote data in zustand. `input` null = wait.
 */
export function useRemote<N extends ProcedureName>(name: N, input: InputOf<N> | null): Remote<OutputOf<N>> {
  const [data, setData] = useState<OutputOf<N> | null>(null)
  const [loading, setLoading] = useState(input !== null)
  const [error, setError] = useState<ApiError | null>(null)
  const key = input === null ? null : JSON.stringify(input)
  const seq = useRef(0)
  const refetch = useCallback(async () => {
    if (key === null) return
    const mine = ++seq.current
    setLoading(true)
    setError(null)
    try {
      const out = await call(name, JSON.parse(key) as InputOf<N>)
      if (mine === seq.current) setData(out)
    } catch (e) {
      if (mine === seq.current) setError(toApiError(e))
    } finally {
      if (mine === seq.current) setLoading(false)
    }
  }, [name, key])
  useEffect(() => {
    void refetch()
  }, [refetch])
  return { data, loading, error, refetch, set: setData }
}

/** Runs one action for a page (a save, a vote, an export) and returns its data; throws ApiError for the form. */
export function mutate<N extends ProcedureName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
  return call(name, input)
}

export { uploadFile, type LocalFile } from '@/services/api-client'
