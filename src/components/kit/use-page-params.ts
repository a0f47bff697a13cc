import { useLoad } from '@tarojs/taro'
import { useState } from 'react'

/**
 * The page's query (`?id=…`), decoded, once Taro has loaded the page; null before that. Pages keep their remote
 * reads disabled until it is known, so nothing is fetched for the wrong record.
 */
export function usePageParams(): Record<string, string> | null {
  const [params, setParams] = useState<Record<string, string> | null>(null)
  useLoad((q?: Record<string, string>) => {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(q ?? {})) if (typeof v === 'string') out[k] = safeDecode(v)
    setParams(out)
  })
  return params
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}
