import { useCallback, useRef, useState } from 'react'
import type { InputOf, OutputOf, ProcedureName } from '@/contract'
import { call, toApiError, type ApiError } from '@/services/api-client'
import { invalidate } from './cache'

export interface MutationOptions<N extends ProcedureName> {
  /** Procedures (`'meeting.mine'`) or areas (`'meeting'`) whose answers this write makes stale. */
  invalidates?: readonly string[]
  onSuccess?: (out: OutputOf<N>, input: InputOf<N>) => void
}

export interface Mutation<N extends ProcedureName> {
  /** Calls the procedure; throws ApiError (show its message), invalidates on success. */
  run: (input: InputOf<N>) => Promise<OutputOf<N>>
  pending: boolean
  error: ApiError | null
}

/** A write. One at a time per component: a second tap while one is pending is ignored (returns the same promise). */
export function useMutation<N extends ProcedureName>(name: N, options: MutationOptions<N> = {}): Mutation<N> {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const inFlight = useRef<Promise<OutputOf<N>> | null>(null)
  const opts = useRef(options)
  opts.current = options

  const run = useCallback(
    (input: InputOf<N>) => {
      if (inFlight.current) return inFlight.current
      setPending(true)
      setError(null)
      const p = (async () => {
        try {
          const out = await call(name, input)
          if (opts.current.invalidates?.length) invalidate(opts.current.invalidates)
          opts.current.onSuccess?.(out, input)
          return out
        } catch (e) {
          const err = toApiError(e)
          setError(err)
          throw err
        } finally {
          inFlight.current = null
          setPending(false)
        }
      })()
      inFlight.current = p
      return p
    },
    [name],
  )
  return { run, pending, error }
}
