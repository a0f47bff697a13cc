import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { formatDateTime } from '@/domain/time'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ROUTES } from '@/routes'
import { selectStudyAdminHasMore, useStudyAdminListStore, type ArticleStatus } from '@/stores/study-admin-list.store'
import { ARTICLE_PHASE_LABELS, articlePhase } from '../../components/study-labels'
import './index.scss'

const TABS: Array<{ key: ArticleStatus | undefined; label: string }> = [
  { key: undefined, label: '全部' },
  { key: 'draft', label: '草稿' },
  { key: 'published', label: '已发布' },
  { key: 'withdrawn', label: '已撤回' },
]

const go = (url: string) => Taro.navigateTo({ url })

export default function StudyArticlesPage() {
  const status = useStudyAdminListStore((s) => s.status)
  const items = useStudyAdminListStore((s) => s.items)
  const total = useStudyAdminListStore((s) => s.total)
  const loaded = useStudyAdminListStore((s) => s.loaded)
  const loadingMore = useStudyAdminListStore((s) => s.loadingMore)
  const error = useStudyAdminListStore((s) => s.error)
  const hasMore = useStudyAdminListStore(selectStudyAdminHasMore)
  const setStatus = useStudyAdminListStore((s) => s.setStatus)
  const refresh = useStudyAdminListStore((s) => s.refresh)
  const loadMore = useStudyAdminListStore((s) => s.loadMore)

  // Back from the form: a save or a publish changed the list.
  useDidShow(() => {
    refresh()
  })
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  let body
  if (error && !items.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded) body = <LoadingSkeleton cards={2} rows={2} />
  else if (!items.length)
    body = (
      <EmptyState
        icon="学"
        title="还没有学习资料"
        description="点击“新建资料”，撰写第一议题、理论学习等资料并推送给党员"
      />
    )
  else
    body = (
      <View>
        {items.map((a) => {
          const phase = articlePhase(a)
          return (
            <View
              key={a.id}
              className="card sa-item"
              data-article-id={a.id}
              onClick={() =>
                go(`${a.editable ? ROUTES.adminStudyEdit : ROUTES.adminStudyStats}?id=${encodeURIComponent(a.id)}`)
              }
            >
              <View className="sa-item-head">
                <Text className="sa-cat">{a.category}</Text>
                {a.required && <Text className="sa-required">必读</Text>}
                {!a.editable && <Text className="sa-readonly">机关党委推送 · 只读</Text>}
                <Text className={`sa-status sa-status-${phase}`}>{ARTICLE_PHASE_LABELS[phase]}</Text>
              </View>
              <Text className="sa-item-title">{a.title}</Text>
              <Text className="sa-item-line">
                {phase === 'scheduled' && a.publishAt
                  ? `将于 ${formatDateTime(a.publishAt)} 发布`
                  : a.publishAt
                    ? `发布于 ${formatDateTime(a.publishAt)}`
                    : '未发布'}
                {a.required && a.deadline ? ` · 期限 ${formatDateTime(a.deadline)}` : ''}
              </Text>
              <View className="sa-item-foot">
                {/* The committee's article counts every branch's readers: a secretary reads her own on its statistics. */}
                {a.editable && <Text className="sa-item-reads">已读 {a.readCount} 人</Text>}
                {a.notice && <Text className="sa-item-reads">{noticeText(a.notice)}</Text>}
                {a.status !== 'draft' && (
                  <Text
                    className="sa-item-stats"
                    onClick={(e) => {
                      e.stopPropagation()
                      go(`${ROUTES.adminStudyStats}?id=${encodeURIComponent(a.id)}`)
                    }}
                  >
                    {a.editable ? '阅读统计 ›' : '本支部阅读情况 ›'}
                  </Text>
                )}
              </View>
            </View>
          )
        })}
        <View className="list-footer">
          {error ? (
            <View className="form-error" onClick={loadMore}>
              {error.message}，点击重试
            </View>
          ) : hasMore ? (
            <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
              加载更多
            </Button>
          ) : (
            <Text className="muted">共 {total} 篇</Text>
          )}
        </View>
      </View>
    )

  return (
    <View className="page study-articles">
      <View className="sa-toolbar">
        <Button id="study-completion" size="small" fill="outline" onClick={() => go(ROUTES.adminStudyCompletion)}>
          完成情况
        </Button>
        <Button id="study-new" size="small" type="primary" onClick={() => go(ROUTES.adminStudyEdit)}>
          新建资料
        </Button>
      </View>
      <View className="sa-tabs">
        {TABS.map((t) => (
          <View
            key={t.label}
            className={`sa-tab ${status === t.key ? 'sa-tab-active' : ''}`}
            onClick={() => setStatus(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      {body}
    </View>
  )
}

/** The notice job's progress, as the admin reads it: sending by the timer, or how it ended. */
function noticeText(n: { sent: number; failed: number; unconfirmed: number; done: boolean }): string {
  const parts = [`已通知 ${n.sent} 人`]
  if (n.failed) parts.push(`${n.failed} 人未送达`)
  if (n.unconfirmed) parts.push(`${n.unconfirmed} 人未确认`)
  return n.done ? parts.join('，') : `通知发送中 · ${parts.join('，')}`
}
