/** What an import answers while a large file is written over several calls (quiz.importBank, member.import). */
export interface Written {
  stage: string
  progress?: { written: number; total: number } | null
}

/** Lost or cut-off calls retried in a row before giving up (the cloud resumes the import each time). */
const RESUMES = 3
/** Pause before asking again when an answer showed no progress (a cut-off run's lease still held for a moment). */
const STALLED_WAIT_MS = 1000

/**
 * Calls `call` until the import is no longer `writing`, reporting the progress of each answer: the cloud writes a
 * large file in runs that stop before the function's timeout, and the same call goes on where the last one stopped —
 * also after a call that was cut off or lost (a NETWORK error, up to RESUMES times in a row).
 */
export async function untilWritten<R extends Written>(
  call: () => Promise<R>,
  onProgress: (p: { written: number; total: number } | null) => void,
): Promise<R> {
  let lost = 0
  let written = -1
  for (;;) {
    let next: R
    try {
      next = await call()
    } catch (e) {
      if ((e as { code?: string }).code !== 'NETWORK' || ++lost > RESUMES) throw e
      continue
    }
    lost = 0
    if (next.stage !== 'writing') return next
    onProgress(next.progress ?? null)
    if ((next.progress?.written ?? 0) === written) await new Promise((r) => setTimeout(r, STALLED_WAIT_MS))
    written = next.progress?.written ?? 0
  }
}
