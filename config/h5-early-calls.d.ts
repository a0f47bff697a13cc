// Types for h5-early-calls.js (a CommonJS file the webpack config requires; the tests import it).
export const EARLY_CALLS: Record<
  'pages/home/index' | 'pages/study/index' | 'pages/activity/index',
  [string, string, object][]
>
export const GLOBAL: string
export const HINT_KEY: string
export function earlyCallsScript(home: string, calls?: Record<string, [string, string, object][]>): string
