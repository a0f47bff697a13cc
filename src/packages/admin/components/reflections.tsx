import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { ReflectionRow } from '@/contract/study.contract'
import { openExportedFile } from '@/components/open-file'
import { Chips, KitButton } from '@/components/kit'
import { china, formatDateTime } from '@/domain/time'
import { messageOf, useMutation, usePagedProcedure, type Paged } from '@/remote'
import './reflections.scss'

// 学习心得 as staff read them: on an article's 阅读统计 (by member, a secretary's branch or the committee's choice)
// and on a member's page (by article, a year at a time). Both are paged by the cloud (20 a call) and exported to
// Excel by the archive function through the same scope check.

function Rows({ list, show }: { list: AnyList; show: 'member' | 'article' }) {
  return (
    <>
      {list.items.map((r: ReflectionRow) => (
        <View key={r.id} className="rf-item" data-reflection-id={r.id}>
          <View className="rf-who">
            <Text className="rf-name">{show === 'member' ? r.name : r.articleTitle}</Text>
            <Text className="rf-meta">
              {show === 'member' ? `${r.branchName}${r.groupName ? ` · ${r.groupName}` : ''} · ` : ''}
              {formatDateTime(r.updatedAt)}
            </Text>
          </View>
          <Text className="rf-text">{r.text}</Text>
        </View>
      ))}
      {list.hasMore && (
        <KitButton
          className="rf-more"
          size="small"
          block
          loading={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          加载更多（已显示 {list.items.length} / {list.total}）
        </KitButton>
      )}
    </>
  )
}

function useExport<N extends 'archive.reflections' | 'archive.memberReflections'>(name: N) {
  const exporter = useMutation(name)
  const run = async (input: Parameters<typeof exporter.run>[0]) => {
    try {
      const file = await exporter.run(input)
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }
  return { run, pending: exporter.pending }
}

type AnyList = Paged<'study.reflections'> | Paged<'study.memberReflections'>

/** The card both views share: title with the count, the export, what narrows the list, then the list's state. */
function ReflectionsCard({
  id,
  className = 'card',
  list,
  show,
  exporting,
  onExport,
  empty,
  children,
}: {
  id: string
  className?: string
  list: AnyList
  show: 'member' | 'article'
  exporting: boolean
  onExport: () => void
  empty: string
  children?: ReactNode
}) {
  return (
    <View className={className} id={id}>
      <View className="rf-head">
        <Text className="rf-title">学习心得{list.data ? ` ${list.total} 篇` : ''}</Text>
        {list.total > 0 && (
          <KitButton id={`${id}-export`} size="small" loading={exporting} onClick={onExport}>
            导出心得
          </KitButton>
        )}
      </View>
      {children}
      {list.error && !list.data ? (
        <Text className="form-error">{list.error.message}</Text>
      ) : !list.data ? (
        <Text className="muted">正在加载…</Text>
      ) : list.total === 0 ? (
        <Text className="muted" id={`${id}-empty`}>
          {empty}
        </Text>
      ) : (
        <Rows list={list} show={show} />
      )}
    </View>
  )
}

/** An article's reflections; `branchId` narrows them to the branch picked above (the committee's filter). */
export function ArticleReflections({
  articleId,
  branchId,
  branchName,
}: {
  articleId: string
  branchId?: string
  branchName?: string
}) {
  const input = { articleId, ...(branchId ? { branchId } : {}) }
  const list = usePagedProcedure('study.reflections', input)
  const exporter = useExport('archive.reflections')
  return (
    <ReflectionsCard
      id="article-reflections"
      list={list}
      show="member"
      exporting={exporter.pending}
      onExport={() => exporter.run(input)}
      empty="还没有人提交学习心得"
    >
      {branchName && <Text className="rf-sub">{branchName}</Text>}
    </ReflectionsCard>
  )
}

const thisYear = () => china(Date.now()).year()

/** A member's reflections of a year (this year first; the two before on a tap). */
export function MemberReflections({ memberId }: { memberId: string }) {
  const [year, setYear] = useState(thisYear)
  const list = usePagedProcedure('study.memberReflections', { memberId, year })
  const exporter = useExport('archive.memberReflections')
  const years = [thisYear(), thisYear() - 1, thisYear() - 2].map((y) => ({
    value: String(y),
    label: `${y} 年`,
    id: `member-reflections-${y}`,
  }))
  return (
    <ReflectionsCard
      id="member-reflections"
      className="card member-admin-section"
      list={list}
      show="article"
      exporting={exporter.pending}
      onExport={() => exporter.run({ memberId, year })}
      empty={`${year} 年没有提交学习心得`}
    >
      <Chips className="rf-years" value={String(year)} options={years} onChange={(y) => setYear(Number(y))} />
    </ReflectionsCard>
  )
}
