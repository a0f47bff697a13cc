import { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ArticleView } from '@/contract'
import { useMutation, type ApiError } from '@/remote'
import { updateProcedure } from '@/remote/patch'

/**
 * Where the read receipt stands: `reading` until the member reaches the end; `waiting` when they got there faster
 * than the server's minimum (the page asks again by itself at `waitUntil`); `read` once the cloud recorded it.
 */
export type ReceiptPhase = 'reading' | 'finishing' | 'waiting' | 'read'

/** Ask a little after the minimum has passed: the server rounds to whole seconds. */
const MARGIN_MS = 800

/**
 * The server-timed read receipt of one article: opening starts (or resumes) the clock on the server, leaving the page
 * pauses it, reaching the end asks for the receipt. The phone's clock is never trusted for the time read.
 */
export function useReadReceipt(article: ArticleView) {
  const id = article.id
  const [phase, setPhase] = useState<ReceiptPhase>(article.read ? 'read' : 'reading')
  const [waitUntil, setWaitUntil] = useState(0)
  const [secondsSpent, setSecondsSpent] = useState<number | null>(article.secondsSpent)
  const [finishError, setFinishError] = useState<ApiError | null>(null)
  const phaseRef = useRef(phase)
  phaseRef.current = phase

  const open = useMutation('study.open')
  const finishCall = useMutation('study.finish', { invalidates: ['study.feed', 'study.unreadRequired', 'member.year'] })
  const openRun = open.run
  const finishRun = finishCall.run

  const start = useCallback(() => openRun({ articleId: id }), [openRun, id])
  // The clock runs while the article is on screen: opened now, and again each time the page comes back.
  useEffect(() => {
    if (!article.read) start().catch(() => undefined)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id])
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    if (phaseRef.current !== 'read') start().catch(() => undefined)
  })
  // Leaving (another app, another page) pauses the clock on the server: time away is not time read.
  const pause = () => {
    if (phaseRef.current === 'read' || phaseRef.current === 'finishing') return
    finishRun({ articleId: id, reachedEnd: false }).catch(() => undefined)
  }
  useDidHide(pause)
  useUnload(pause)

  const finish = useCallback(async () => {
    if (phaseRef.current === 'finishing' || phaseRef.current === 'read') return
    setPhase('finishing')
    setFinishError(null)
    try {
      const out = await finishRun({ articleId: id, reachedEnd: true })
      if (out.recorded) {
        setPhase('read')
        setSecondsSpent(out.secondsSpent)
        updateProcedure('study.get', { articleId: id }, (old) =>
          old ? { article: { ...old.article, read: true, overdue: false, secondsSpent: out.secondsSpent } } : old,
        )
      } else if (out.reason === 'too_fast') {
        const left = Math.max(1, (out.needSeconds ?? 0) - out.secondsSpent)
        setWaitUntil(Date.now() + left * 1000 + MARGIN_MS)
        setPhase('waiting')
      } else if (out.reason === 'not_opened') {
        // The clock was lost (e.g. opened on another phone): start it again and wait what is still needed.
        const opened = await start()
        const left = Math.max(1, opened.minReadSeconds - opened.secondsSoFar)
        setWaitUntil(Date.now() + left * 1000 + MARGIN_MS)
        setPhase('waiting')
      } else {
        setPhase('reading')
      }
    } catch (e) {
      setPhase('reading')
      setFinishError(e as ApiError)
    }
  }, [finishRun, id, start])

  return { phase, waitUntil, secondsSpent, finishError, finish }
}
