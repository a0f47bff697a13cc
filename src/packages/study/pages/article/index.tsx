import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { usePageScroll, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { PrivacySheet } from '@/components/privacy-sheet'
import type { ArticleView } from '@/contract'
import { formatDate, formatDateTime } from '@/domain/time'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/kit'
import { usePageParams } from '@/components/kit/use-page-params'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { spentText } from '@/components/article-html'
import { ArticleContent } from '@/components/article/article-content'
import { useReadReceipt } from '../../components/use-read-receipt'
import { AttachmentItem } from '../../components/attachment-item'
import './index.scss'
import { altProps } from '@/components/alt'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** How close to the bottom (px) counts as having reached the end. */
const END_SLACK = 60

/** "请再阅读 N 秒", ticking inside this component only; asks again when the time has passed. */
function ReadWait({ until, onDone }: { until: number; onDone(): void }) {
  const left = () => Math.max(0, Math.ceil((until - Date.now()) / 1000))
  const [seconds, setSeconds] = useState(left)
  const doneRef = useRef(onDone)
  doneRef.current = onDone
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = () => {
      const ms = until - Date.now()
      setSeconds(Math.max(0, Math.ceil(ms / 1000)))
      if (ms <= 0) {
        doneRef.current()
        return
      }
      timer = setTimeout(tick, ms % 1000 || 1000)
    }
    tick()
    return () => clearTimeout(timer)
  }, [until])
  return (
    <Text className="article-wait" id="article-wait">
      请再阅读 {Math.max(1, seconds)} 秒
    </Text>
  )
}

function Reflection({ article }: { article: ArticleView }) {
  const reflect = useMutation('study.reflect', {
    onSuccess: ({ reflection }, input) =>
      updateProcedure('study.get', { articleId: input.articleId }, (old) =>
        old ? { article: { ...old.article, reflection } } : old,
      ),
  })
  const reflecting = reflect.pending
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const saved = article.reflection

  const submit = async () => {
    const t = text.trim()
    if (t.length < 10) {
      setError('学习心得至少 10 个字')
      return
    }
    if (t.length > 1000) {
      setError('学习心得不能超过 1000 字')
      return
    }
    setError(null)
    try {
      await reflect.run({ articleId: article.id, text: t })
      setEditing(false)
      Taro.showToast({ title: '心得已保存', icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View className="card article-reflection" id="article-reflection">
      <Text className="article-section-title">学习心得</Text>
      {saved && !editing ? (
        <>
          <Text className="article-reflection-text" id="reflection-saved">
            {saved.text}
          </Text>
          <View className="article-reflection-foot">
            <Text className="muted">保存于 {formatDateTime(saved.updatedAt)}</Text>
            <Text
              className="article-link"
              onClick={() => {
                setText(saved.text)
                setEditing(true)
              }}
            >
              修改
            </Text>
          </View>
        </>
      ) : (
        <>
          <Textarea
            id="reflection-input"
            className="article-textarea"
            value={text}
            maxlength={1000}
            placeholder="写下学习体会（10–1000 字），提交后经内容安全检测保存"
            onInput={(e) => {
              setText(e.detail.value)
              setError(null)
            }}
          />
          <Text className="article-count muted">{text.trim().length}/1000</Text>
          {error && (
            <View className="form-error" id="reflection-error" role="alert">
              {error}
            </View>
          )}
          <View className="article-reflection-actions">
            {saved && (
              <Button size="small" fill="outline" onClick={() => setEditing(false)}>
                取消
              </Button>
            )}
            <Button id="reflection-submit" size="small" type="primary" loading={reflecting} onClick={submit}>
              提交心得
            </Button>
          </View>
        </>
      )}
    </View>
  )
}

export default function ArticlePage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const query = useProcedure('study.get', { articleId: id }, { enabled: !!id })
  usePullToRefresh(query.refetch)
  const article = query.data?.article
  const error = query.error

  if (params && !id) {
    return (
      <View className="page">
        <ErrorState error={{ message: '没有指定资料，请从学习列表进入' }} />
      </View>
    )
  }
  if (error && !article) {
    if (error.code === 'NOT_FOUND') {
      return (
        <View className="page">
          <EmptyState icon="学" title="没有找到该资料" description="资料可能已撤回，或没有推送给您所在的支部" />
        </View>
      )
    }
    return (
      <View className="page">
        <ErrorState error={error} onRetry={() => void query.refetch()} />
      </View>
    )
  }
  if (!article) {
    return (
      <View className="page">
        <LoadingSkeleton cards={2} rows={5} />
      </View>
    )
  }
  return <ArticleBody key={article.id} article={article} />
}

/** One article: the body, its attachments, the read receipt at the end and (required items) the 学习心得. */
function ArticleBody({ article }: { article: ArticleView }) {
  const { phase, waitUntil, secondsSpent, finishError, finish } = useReadReceipt(article)
  const [progress, setProgress] = useState(0)
  const [reachedEnd, setReachedEnd] = useState(false)
  const rootHeight = useRef(0)

  // Where the reader is: H5 reads the page's scroll box; weapp measures the page root (re-measured as images load).
  const track = (scrollTop: number) => {
    let total: number
    let view: number
    if (!isWeapp) {
      // Taro's H5 router scrolls each page inside its own `.taro_page` box, not the window.
      const root = document.getElementById('article-root')
      const box = (root?.closest('.taro_page') as HTMLElement | null) ?? document.documentElement
      total = box.scrollHeight
      view = box.clientHeight || window.innerHeight
      scrollTop = box.scrollTop || scrollTop
    } else {
      total = rootHeight.current
      view = Taro.getWindowInfo().windowHeight
    }
    const room = total - view
    if (room <= END_SLACK) {
      setProgress(1)
      setReachedEnd(true)
      return
    }
    setProgress(Math.min(1, Math.max(0, scrollTop / room)))
    if (scrollTop + view >= total - END_SLACK) setReachedEnd(true)
  }
  const measure = () => {
    if (!isWeapp) return track(0)
    Taro.createSelectorQuery()
      .select('#article-root')
      .boundingClientRect()
      .exec((res) => {
        const r = res?.[0] as { height?: number } | undefined
        if (r?.height) rootHeight.current = r.height
        track(0)
      })
  }

  // Once the body is on screen: a short article is read to its end without scrolling.
  useEffect(() => {
    const t = setTimeout(measure, 300)
    return () => clearTimeout(t)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [article.id])

  const lastMeasure = useRef(0)
  usePageScroll(({ scrollTop }) => {
    if (isWeapp && Date.now() - lastMeasure.current > 800) {
      lastMeasure.current = Date.now()
      measure()
    }
    track(scrollTop)
  })
  useReachBottom(() => setReachedEnd(true))

  useEffect(() => {
    if (reachedEnd && !article.read && phase === 'reading' && !finishError) finish()
  }, [reachedEnd, article, phase, finishError, finish])

  return (
    <View className="article-page" id="article-root">
      <View className="article-progress">
        <View
          className="article-progress-bar"
          id="article-progress"
          style={{ width: `${Math.round(progress * 100)}%` }}
        />
      </View>
      <View className="article-head">
        <Text className="article-title">{article.title}</Text>
        <View className="article-meta">
          <Text className="article-cat">{article.category}</Text>
          {article.required && <Text className="article-required">必读</Text>}
          {article.source && <Text className="article-meta-text">{article.source}</Text>}
          <Text className="article-meta-text">
            {formatDate(article.sourceDate ?? article.publishedAt ?? Date.now())}
          </Text>
        </View>
        {article.required && article.deadline && (
          <Text className={`article-deadline ${article.overdue ? 'article-deadline-overdue' : ''}`}>
            {article.overdue ? '已逾期' : '完成期限'} {formatDateTime(article.deadline)} · 预计阅读{' '}
            {article.readMinutes} 分钟
          </Text>
        )}
      </View>
      {article.coverUrl && (
        <Image className="article-cover" src={article.coverUrl} mode="widthFix" {...altProps(`${article.title}封面`)} />
      )}

      <View className="article-body" id="article-body">
        <ArticleContent html={article.html ?? ''} />
      </View>

      {article.attachments.length > 0 && (
        <View className="card article-attachments">
          <Text className="article-section-title">附件</Text>
          {article.attachments.map((a, i) => (
            <AttachmentItem key={i} a={a} />
          ))}
        </View>
      )}

      <View className="article-end" id="article-end">
        {phase === 'read' ? (
          <Text className="article-read" id="article-read">
            已读 ✓{secondsSpent !== null ? ` · 阅读用时 ${spentText(secondsSpent)}` : ''}
          </Text>
        ) : phase === 'waiting' ? (
          <ReadWait until={waitUntil} onDone={finish} />
        ) : phase === 'finishing' ? (
          <Text className="muted">正在记录…</Text>
        ) : finishError ? (
          <View className="form-error" onClick={finish}>
            {finishError.message}，点击重试
          </View>
        ) : (
          <Text className="muted">— 读到这里即完成阅读 —</Text>
        )}
      </View>

      {article.required && <Reflection article={article} />}
      <PrivacySheet />
    </View>
  )
}
