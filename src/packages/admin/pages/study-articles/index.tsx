import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AdminArticle } from '@/contract/study.contract'
import { ListScreen, Tabs } from '@/components/kit'
import { Button } from '@/components/nut'
import { formatDateTime } from '@/domain/time'
import { usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { ARTICLE_PHASE_LABELS, articlePhase } from '../../components/study-labels'
import './index.scss'

type ArticleStatus = AdminArticle['status']

const TABS: Array<{ value: ArticleStatus | null; label: string; id: string }> = [
  { value: null, label: '全部', id: 'study-status-all' },
  { value: 'draft', label: '草稿', id: 'study-status-draft' },
  { value: 'published', label: '已发布', id: 'study-status-published' },
  { value: 'withdrawn', label: '已撤回', id: 'study-status-withdrawn' },
]

const go = (url: string) => Taro.navigateTo({ url })

function ArticleRow({ a }: { a: AdminArticle }) {
  const phase = articlePhase(a)
  return (
    <View
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
}

/** 学习资料管理: the articles the admin may edit (a branch admin: their branch's, and the committee's pushed to it). */
export default function StudyArticlesPage() {
  const [status, setStatus] = useState<ArticleStatus | null>(null)
  const list = usePagedProcedure('study.adminList', status ? { status } : {})

  return (
    <ListScreen
      query={list}
      pageClassName="study-articles"
      unit="篇"
      skeleton={{ cards: 2, rows: 2 }}
      empty={{
        icon: '学',
        title: '还没有学习资料',
        description: '点击“新建资料”，撰写第一议题、理论学习等资料并推送给党员',
      }}
      renderItem={(a) => <ArticleRow a={a} />}
      header={
        <>
          <View className="sa-toolbar">
            <Button id="study-completion" size="small" fill="outline" onClick={() => go(ROUTES.adminStudyCompletion)}>
              完成情况
            </Button>
            <Button id="study-new" size="small" type="primary" onClick={() => go(ROUTES.adminStudyEdit)}>
              新建资料
            </Button>
          </View>
          <Tabs value={status} options={TABS} onChange={setStatus} />
        </>
      }
    />
  )
}

/** The notice job's progress, as the admin reads it: sending by the timer, or how it ended. */
function noticeText(n: { sent: number; failed: number; unconfirmed: number; done: boolean }): string {
  const parts = [`已通知 ${n.sent} 人`]
  if (n.failed) parts.push(`${n.failed} 人未送达`)
  if (n.unconfirmed) parts.push(`${n.unconfirmed} 人未确认`)
  return n.done ? parts.join('，') : `通知发送中 · ${parts.join('，')}`
}
