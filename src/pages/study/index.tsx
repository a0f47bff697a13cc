import { Image, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import type { ArticleCard } from '@/contract'
import { ARTICLE_CATEGORIES } from '@/domain/read.rules'
import { china } from '@/domain/time'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { messageOf } from '@/remote/messages'
import { ROUTES } from '@/routes'
import { selectFeedHasMore, selectUnreadRequired, useStudyFeedStore } from '@/stores/study-feed.store'
import { useStudyUnreadStore } from '@/stores/study-unread.store'
import './index.scss'

/** `07-01 18:00` this year, `2025-07-01` another year (China time): the cards are narrow. */
function shortDate(at: string, withTime = false): string {
  const d = china(at)
  if (d.year() !== china(Date.now()).year()) return d.format('YYYY-MM-DD')
  return d.format(withTime ? 'MM-DD HH:mm' : 'MM-DD')
}

const open = (id: string) => Taro.navigateTo({ url: `${ROUTES.studyArticle}?id=${encodeURIComponent(id)}` })

function RequiredItem({ a }: { a: ArticleCard }) {
  return (
    <View
      className={`study-req ${a.overdue ? 'study-req-overdue' : ''}`}
      data-article-id={a.id}
      onClick={() => open(a.id)}
    >
      <View className="study-req-main">
        <Text className="study-req-title">{a.title}</Text>
        <Text className="study-req-meta">
          {a.category} · 约 {a.readMinutes} 分钟
          {a.deadline ? ` · ${a.overdue ? '已逾期' : '截止'} ${shortDate(a.deadline, true)}` : ''}
        </Text>
      </View>
      <Text className={`study-read-tag ${a.read ? 'study-read-tag-done' : a.overdue ? 'study-read-tag-overdue' : ''}`}>
        {a.read ? '已读' : '未读'}
      </Text>
    </View>
  )
}

function ArticleItem({ a }: { a: ArticleCard }) {
  return (
    <View className="card study-item" data-article-id={a.id} onClick={() => open(a.id)}>
      <View className="study-item-text">
        <Text className="study-item-title">{a.title}</Text>
        {a.summary && <Text className="study-item-summary">{a.summary}</Text>}
        <View className="study-item-meta">
          <Text className="study-cat">{a.category}</Text>
          {a.required && <Text className="study-required-mark">必读</Text>}
          <Text className="muted">{a.publishedAt ? shortDate(a.publishedAt) : ''}</Text>
          {a.read && <Text className="study-item-read">已读</Text>}
        </View>
      </View>
      {a.coverUrl && <Image className="study-item-cover" src={a.coverUrl} mode="aspectFill" lazyLoad />}
    </View>
  )
}

export default function StudyTab() {
  const category = useStudyFeedStore((s) => s.category)
  const keyword = useStudyFeedStore((s) => s.keyword)
  const required = useStudyFeedStore((s) => s.required)
  const items = useStudyFeedStore((s) => s.items)
  const total = useStudyFeedStore((s) => s.total)
  const loaded = useStudyFeedStore((s) => s.loaded)
  const loading = useStudyFeedStore((s) => s.loading)
  const loadingMore = useStudyFeedStore((s) => s.loadingMore)
  const error = useStudyFeedStore((s) => s.error)
  const templateId = useStudyFeedStore((s) => s.subscribeTemplateId)
  const hasMore = useStudyFeedStore(selectFeedHasMore)
  const unread = useStudyFeedStore(selectUnreadRequired)
  const setCategory = useStudyFeedStore((s) => s.setCategory)
  const search = useStudyFeedStore((s) => s.search)
  const refresh = useStudyFeedStore((s) => s.refresh)
  const loadMore = useStudyFeedStore((s) => s.loadMore)
  const subscribe = useStudyFeedStore((s) => s.subscribe)
  const [typed, setTyped] = useState(keyword)
  const [subscribing, setSubscribing] = useState(false)

  // Every time the tab shows: a receipt written on the article page changes 已读/未读 here.
  useDidShow(() => {
    refresh().then(() => {
      if (process.env.TARO_ENV !== 'weapp') return
      const n = selectUnreadRequired(useStudyFeedStore.getState())
      useStudyUnreadStore.setState({ count: n })
      const badge = n
        ? Taro.setTabBarBadge({ index: 1, text: String(Math.min(n, 99)) })
        : Taro.removeTabBarBadge({ index: 1 })
      badge.catch(() => {})
    })
  })
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  const askSubscribe = async () => {
    if (!templateId) return
    setSubscribing(true)
    try {
      let accepted = true
      if (process.env.TARO_ENV === 'weapp') {
        // One consent = one message: WeChat asks each time, and the cloud counts the credits.
        const res = (await Taro.requestSubscribeMessage({
          tmplIds: [templateId],
          entityIds: [],
        } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
        accepted = res[templateId] === 'accept'
      }
      await subscribe(accepted)
      Taro.showToast({ title: accepted ? '已订阅必读提醒' : '未订阅', icon: accepted ? 'success' : 'none' })
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg
      Taro.showToast({ title: msg ? '未能订阅，请稍后再试' : messageOf(e), icon: 'none' })
    } finally {
      setSubscribing(false)
    }
  }

  let body
  if (error && !items.length && !required.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded) body = <LoadingSkeleton cards={3} rows={2} />
  else if (!items.length)
    body = (
      <EmptyState
        icon="学"
        title={keyword ? `没有找到“${keyword}”相关的资料` : '这个栏目还没有资料'}
        description={keyword ? '换个关键字试试' : '党委和支部发布的学习资料会出现在这里'}
      />
    )
  else
    body = (
      <View className="study-list">
        {items.map((a) => (
          <ArticleItem key={a.id} a={a} />
        ))}
        <View className="study-footer">
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
    <View className="page study-tab">
      <View className="study-search">
        <Input
          id="study-search"
          className="study-search-input"
          value={typed}
          maxlength={30}
          confirmType="search"
          placeholder="搜索资料标题"
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => search(typed)}
        />
        <Text className="study-search-btn" id="study-search-submit" onClick={() => search(typed)}>
          搜索
        </Text>
      </View>

      {required.length > 0 && (
        <View className="card study-required" id="study-required">
          <View className="study-required-head">
            <Text className="study-required-title">必读</Text>
            <Text className="muted">{unread ? `${unread} 篇未读` : '已全部读完'}</Text>
          </View>
          {required.map((a) => (
            <RequiredItem key={a.id} a={a} />
          ))}
          {templateId && unread > 0 && (
            <Button
              id="study-subscribe"
              className="study-subscribe"
              size="small"
              fill="outline"
              loading={subscribing}
              onClick={askSubscribe}
            >
              订阅必读提醒
            </Button>
          )}
        </View>
      )}

      <View className="study-cats">
        <View
          className={`study-cat-tab ${category === null ? 'study-cat-tab-active' : ''}`}
          onClick={() => setCategory(null)}
        >
          最新
        </View>
        {ARTICLE_CATEGORIES.map((c) => (
          <View
            key={c}
            className={`study-cat-tab ${category === c ? 'study-cat-tab-active' : ''}`}
            data-category={c}
            onClick={() => setCategory(c)}
          >
            {c}
          </View>
        ))}
      </View>
      {keyword && (
        <View className="study-keyword">
          <Text className="muted">搜索“{keyword}”</Text>
          <Text
            className="study-keyword-clear"
            onClick={() => {
              setTyped('')
              search('')
            }}
          >
            清除
          </Text>
        </View>
      )}
      {loading && loaded && <Text className="muted study-refreshing">正在刷新…</Text>}
      {body}
    </View>
  )
}
