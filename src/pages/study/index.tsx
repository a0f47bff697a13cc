import { Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ArticleCard } from '@/contract'
import { ARTICLE_CATEGORIES, type ArticleCategory } from '@/domain/read.rules'
import { chinaFields, formatChina } from '@/domain/china-format'
import { Chips, KitButton, ListScreen, StatusTag } from '@/components/kit'
import { MemberGate } from '@/components/member-gate'
import { syncStudyBadge } from '@/components/study-badge'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

/** `07-01 18:00` this year, `2025-07-01` another year (China time): the cards are narrow. */
function shortDate(at: string, withTime = false): string {
  if (chinaFields(at).year !== chinaFields(Date.now()).year) return formatChina(at, 'YYYY-MM-DD')
  return formatChina(at, withTime ? 'MM-DD HH:mm' : 'MM-DD')
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
      <StatusTag className="study-read-tag" tone={a.read ? 'success' : a.overdue ? 'danger' : 'warning'}>
        {a.read ? '已读' : '未读'}
      </StatusTag>
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
      {/* Beside its title the cover says nothing more: alt="" on H5's real <img> (alt.ts), so readers skip it. */}
      {a.coverUrl && (
        <Image
          className="study-item-cover"
          src={a.coverUrl}
          mode="aspectFill"
          lazyLoad
          {...(process.env.TARO_ENV === 'h5' ? { imgProps: { alt: '' } } : {})}
        />
      )}
    </View>
  )
}

const CATEGORY_OPTIONS = [
  { value: null, label: '最新' },
  ...ARTICLE_CATEGORIES.map((c) => ({ value: c, label: c, id: `study-cat-${c}` })),
]

function StudyFeed() {
  const [category, setCategory] = useState<ArticleCategory | null>(null)
  const [keyword, setKeyword] = useState('')
  const [typed, setTyped] = useState('')
  const feed = usePagedProcedure('study.feed', {
    ...(category ? { category } : {}),
    ...(keyword ? { keyword } : {}),
  })
  const required = feed.data?.required ?? []
  const templateId = feed.data?.subscribeTemplateId ?? null
  const unread = required.filter((a) => !a.read).length
  const subscribe = useMutation('study.subscribe')
  const [subscribing, setSubscribing] = useState(false)

  // The 学习 tab badge follows what the feed says is unread (weapp only: H5 has no native tab bar badge).
  const feedAnswered = feed.data !== undefined
  useEffect(() => {
    if (feedAnswered) syncStudyBadge(unread)
  }, [feedAnswered, unread])

  const search = (k: string) => setKeyword(k.trim())

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
      await subscribe.run({ templateId, accepted })
      Taro.showToast({ title: accepted ? '已订阅必读提醒' : '未订阅', icon: accepted ? 'success' : 'none' })
    } catch (e) {
      const msg = (e as { errMsg?: string })?.errMsg
      Taro.showToast({ title: msg ? '未能订阅，请稍后再试' : messageOf(e), icon: 'none' })
    } finally {
      setSubscribing(false)
    }
  }

  const header = (
    <>
      <View className="study-search">
        <Input
          id="study-search"
          className="study-search-input"
          value={typed}
          maxlength={30}
          confirmType="search"
          placeholder="搜索资料标题"
          aria-label="搜索资料标题"
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
            <KitButton
              id="study-subscribe"
              className="study-subscribe"
              size="small"
              kind="outline"
              loading={subscribing}
              onClick={askSubscribe}
            >
              订阅必读提醒
            </KitButton>
          )}
        </View>
      )}

      <Chips value={category} options={CATEGORY_OPTIONS} onChange={setCategory} />
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
    </>
  )

  return (
    <ListScreen
      pageClassName="study-tab"
      className="study-list"
      query={feed}
      header={header}
      unit="篇"
      skeleton={{ cards: 3, rows: 2 }}
      renderItem={(a) => <ArticleItem a={a} />}
      empty={{
        icon: '学',
        title: keyword ? `没有找到“${keyword}”相关的资料` : '这个栏目还没有资料',
        description: keyword ? '换个关键字试试' : '党委和支部发布的学习资料会出现在这里',
      }}
    />
  )
}

export default function StudyTab() {
  return (
    <MemberGate pageClassName="study-tab">
      <StudyFeed />
    </MemberGate>
  )
}
