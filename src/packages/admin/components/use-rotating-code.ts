import { useCallback, useState } from 'react'
import type { InputOf, OutputOf } from '@/contract'
import { useMutation, type ApiError } from '@/remote'

type CodeName = 'meeting.qrToken' | 'activity.qrToken'

/**
 * The organiser's rotating code: RotatingQrScreen asks for the current one once per 10-second slot. Held by the
 * screen, not in the remote cache on purpose: a code is worthless after its slot, and a cached one shown on the next
 * opening would be a dead code on the wall until the first answer. A failure clears the code (the screen shows why
 * and retries).
 */
export function useRotatingCode<N extends CodeName>(name: N) {
  const { run } = useMutation(name)
  const [code, setCode] = useState<OutputOf<N> | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const next = useCallback(
    async (input: InputOf<N>): Promise<number | null> => {
      try {
        const out = await run(input)
        setCode(out)
        setError(null)
        return out.expiresInMs
      } catch (e) {
        setCode(null)
        setError(e as ApiError)
        return null
      }
    },
    [run],
  )
  const clear = useCallback(() => {
    setCode(null)
    setError(null)
  }, [])
  return { code, error, next, clear, setCode }
}
