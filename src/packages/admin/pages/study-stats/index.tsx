import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { OutputOf } from '@/contract'
import { spentText } from '@/components/article-html'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { ROUTES } from '@/routes'
import { ArticleReflections } from '../../components/reflections'
import { RemindCard } from '../../components/remind-card'
import { ARTICLE_PHASE_LABELS, articlePhase } from '../../components/study-labels'
import './index.scss'

type Stats = OutputOf<'study.articleStats'>

export default function StudyStatsPage() {
  const [id, setId] = useState<string | null>(null)
  /** The branch whose names are shown; undefined = the cloud's choice (a branch admin's own). */
  const [branchId, selectBranch] = useState<string | undefined>(undefined)
  const [tab, setTab] = useState<'read' | 'notRead'>('read')
  useLoad((params?: Record<string, string>) => setId(decodeURIComponent(params?.id ?? '')))
  // Receipts keep arriving while members read: every visit (and a pull) shows the current figures.
  const query = useProcedure(
    'study.articleStats',
    { articleId: id ?? '', ...(branchId ? { branchId } : {}) },
    { enabled: !!id },
  )
  usePullToRefresh(query.refetch)
  const exporter = useMutation('study.exportStats')
  // Another branch's names are a new question: the article's figures stay on screen while they come.
  const shown = useRef<Stats | undefined>(undefined)
  if (query.data) shown.current = query.data
  const stats = query.data ?? (shown.current?.article.id === id ? shown.current : undefined)
  const loading = query.refreshing || (query.loading && !!stats)
  const error = query.error

  if (error && !query.data) {
    return (
      <View className="page">
        <ErrorState error={error} onRetry={() => void query.refetch()} />
      </View>
    )
  }
  if (!stats) {
    return (
      <View className="page">
        <LoadingSkeleton cards={3} rows={3} />
      </View>
    )
  }

  const { article } = stats
  const phase = articlePhase(article)
  const branch = stats.branch
  const branchName = branch ? (stats.byBranch.find((b) => b.branchId === branch.branchId)?.branchName ?? '') : ''

  const onExport = async () => {
    try {
      const file = await exporter.run({ articleId: article.id })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  return (
    <View className="page study-stats">
      <View className="card">
        <View className="ss-head">
          <Text className="sa-cat">{article.category}</Text>
          {article.required && <Text className="sa-required">必读</Text>}
          <Text className={`sa-status sa-status-${phase}`}>{ARTICLE_PHASE_LABELS[phase]}</Text>
        </View>
        <Text className="ss-title">{article.title}</Text>
        {article.required && article.deadline && (
          <Text className="muted">完成期限 {formatDateTime(article.deadline)}</Text>
        )}
        <View className="ss-figures">
          <View className="ss-figure" data-figure="audience">
            <Text className="ss-figure-value">{stats.audience}</Text>
            <Text className="ss-figure-label">应读</Text>
          </View>
          <View className="ss-figure" data-figure="read">
            <Text className="ss-figure-value ss-figure-read">{stats.read}</Text>
            <Text className="ss-figure-label">已读</Text>
          </View>
          <View className="ss-figure" data-figure="notRead">
            <Text className="ss-figure-value ss-figure-unread">{stats.notRead}</Text>
            <Text className="ss-figure-label">未读</Text>
          </View>
          <View className="ss-figure" data-figure="average">
            <Text className="ss-figure-value ss-figure-small">
              {stats.averageSeconds === null ? '—' : spentText(stats.averageSeconds)}
            </Text>
            <Text className="ss-figure-label">平均用时</Text>
          </View>
        </View>
        <View className="ss-actions">
          {article.editable && (
            <Button
              size="small"
              fill="outline"
              onClick={() => Taro.navigateTo({ url: `${ROUTES.adminStudyEdit}?id=${encodeURIComponent(article.id)}` })}
            >
              编辑
            </Button>
          )}
          <Button id="stats-export" size="small" type="primary" loading={exporter.pending} onClick={onExport}>
            导出 Excel
          </Button>
        </View>
      </View>

      {/* Required reading is followed up: 一键提醒 to whoever has not read it (a secretary: her branch). */}
      {article.required && article.status === 'published' && stats.notRead > 0 && (
        <RemindCard kind="study" itemId={article.id} who="尚未读完的党员" />
      )}

      {stats.byBranch.length > 1 && (
        <View className="card">
          <Text className="ss-section">各支部阅读情况</Text>
          {stats.byBranch.map((b) => (
            <View
              key={b.branchId}
              className={`ss-branch ${branch?.branchId === b.branchId ? 'ss-branch-active' : ''}`}
              data-branch-id={b.branchId}
              onClick={() => selectBranch(b.branchId)}
            >
              <Text className="ss-branch-name">{b.branchName}</Text>
              <View className="ss-bar">
                <View
                  className="ss-bar-fill"
                  style={{ width: `${b.audience ? Math.round((b.read / b.audience) * 100) : 0}%` }}
                />
              </View>
              <Text className="ss-branch-count">
                {b.read}/{b.audience}
              </Text>
            </View>
          ))}
          {!branch && <Text className="form-hint">点击支部查看已读、未读名单</Text>}
        </View>
      )}

      {branch && (
        <View className="card" id="stats-names">
          <Text className="ss-section">{branchName} 名单</Text>
          <View className="sa-tabs">
            <View
              className={`sa-tab ${tab === 'read' ? 'sa-tab-active' : ''}`}
              id="names-read"
              onClick={() => setTab('read')}
            >
              已读 {branch.read.length}
            </View>
            <View
              className={`sa-tab ${tab === 'notRead' ? 'sa-tab-active' : ''}`}
              id="names-not-read"
              onClick={() => setTab('notRead')}
            >
              未读 {branch.notRead.length}
            </View>
          </View>
          {loading && <Text className="muted">正在刷新…</Text>}
          {tab === 'read' ? (
            branch.read.length ? (
              <View className="ss-names-read">
                {branch.read.map((r) => (
                  <View key={r.memberId} className="ss-reader" data-member-name={r.name}>
                    <Text className="ss-reader-name">{r.name}</Text>
                    <Text className="muted">
                      {formatDateTime(r.readAt)} · 用时 {spentText(r.secondsSpent)}
                    </Text>
                  </View>
                ))}
              </View>
            ) : (
              <Text className="muted">还没有人读完</Text>
            )
          ) : branch.notRead.length ? (
            <View className="chips ss-names-unread">
              {branch.notRead.map((r) => (
                <Text key={r.memberId} className="ss-unread-name">
                  {r.name}
                </Text>
              ))}
            </View>
          ) : (
            <Text className="muted">全部已读</Text>
          )}
        </View>
      )}

      {/* 学习心得 are written on required reading only (study.reflect): the committee's branch pick filters them. */}
      {article.required && (
        <ArticleReflections
          articleId={article.id}
          branchId={branchId}
          branchName={branchId ? stats.byBranch.find((b) => b.branchId === branchId)?.branchName : undefined}
        />
      )}
    </View>
  )
}
