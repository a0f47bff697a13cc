import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useLoad, usePullDownRefresh, useReachBottom, useUnload } from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_LABELS } from '@/domain/roles'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { LEAVE_REASON_LABELS } from '@/domain/staff.rules'
import { ROUTES } from '@/routes'
import { openExportedFile } from '@/components/open-file'
import { messageOf } from '@/remote/messages'
import { useMemberAdminStore } from '@/stores/member-admin.store'
import { useOrgStore } from '@/stores/org.store'
import { selectHasMore, useRosterStore, type RosterFilter } from '@/stores/roster.store'
import { useSessionStore } from '@/stores/session.store'
import { BIND_STATUS_LABELS, statusOf } from '../../components/member-labels'
import './index.scss'

const STATUS_FILTERS: Array<{ value: RosterFilter['bindStatus']; label: string }> = [
  { value: undefined, label: '全部' },
  { value: 'bound', label: BIND_STATUS_LABELS.bound },
  { value: 'unbound', label: BIND_STATUS_LABELS.unbound },
  { value: 'pending', label: BIND_STATUS_LABELS.pending },
  { value: 'unbind_requested', label: BIND_STATUS_LABELS.unbind_requested },
]

const LEFT_LABEL = '已离开'

export default function RosterPage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const branches = useOrgStore((s) => s.branches)
  const loadOrgs = useOrgStore((s) => s.load)
  const filter = useRosterStore((s) => s.filter)
  const items = useRosterStore((s) => s.items)
  const total = useRosterStore((s) => s.total)
  const loading = useRosterStore((s) => s.loading)
  const loadingMore = useRosterStore((s) => s.loadingMore)
  const error = useRosterStore((s) => s.error)
  const hasMore = useRosterStore(selectHasMore)
  const setFilter = useRosterStore((s) => s.setFilter)
  const refresh = useRosterStore((s) => s.refresh)
  const loadMore = useRosterStore((s) => s.loadMore)
  const reset = useRosterStore((s) => s.reset)
  const [keyword, setKeyword] = useState('')
  const openMember = useMemberAdminStore((s) => s.open)
  const exportRoster = useRosterStore((s) => s.exportRoster)
  const [exporting, setExporting] = useState(false)

  const onExport = async () => {
    let full = false
    if (isOrgAdmin) {
      try {
        const { tapIndex } = await Taro.showActionSheet({
          itemList: ['导出（手机号打码）', '导出完整手机号（记入审计）'],
        })
        full = tapIndex === 1
      } catch {
        return
      }
    }
    setExporting(true)
    try {
      const file = await exportRoster(full)
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    } finally {
      setExporting(false)
    }
  }

  useLoad(() => {
    refresh()
    if (isOrgAdmin) loadOrgs()
  })
  useUnload(() => reset())
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  const branchNames = ['全部支部', ...branches.map((b) => b.name)]
  const branchIndex = Math.max(0, branches.findIndex((b) => b.id === filter.orgId) + 1)

  return (
    <View className="page roster">
      <View className="roster-filters card">
        <View className="roster-search">
          <Input
            id="roster-keyword"
            className="roster-search-input"
            value={keyword}
            maxlength={20}
            confirmType="search"
            placeholder="搜索姓名或手机号"
            onInput={(e) => setKeyword(e.detail.value)}
            onConfirm={() => setFilter({ keyword })}
          />
          <Button size="small" type="primary" onClick={() => setFilter({ keyword })}>
            搜索
          </Button>
        </View>
        {isOrgAdmin && (
          <Picker
            mode="selector"
            range={branchNames}
            value={branchIndex}
            onChange={(e) => setFilter({ orgId: branches[Number(e.detail.value) - 1]?.id })}
          >
            <View className="roster-branch">
              <Text className="muted">支部</Text>
              <Text className="roster-branch-name">{branchNames[branchIndex]} ▾</Text>
            </View>
          </Picker>
        )}
        <View className="roster-chips">
          {STATUS_FILTERS.map((f) => (
            <View
              key={f.label}
              className={`roster-chip ${filter.status !== 'left' && filter.bindStatus === f.value ? 'roster-chip-active' : ''}`}
              onClick={() => setFilter({ bindStatus: f.value, status: undefined })}
            >
              {f.label}
            </View>
          ))}
          <View
            id="roster-left"
            className={`roster-chip ${filter.status === 'left' ? 'roster-chip-active' : ''}`}
            onClick={() => setFilter({ bindStatus: undefined, status: 'left' })}
          >
            {LEFT_LABEL}
          </View>
        </View>
      </View>

      {error && !items.length ? (
        <ErrorState message={error.message} onRetry={refresh} />
      ) : loading && !items.length ? (
        <LoadingSkeleton cards={3} rows={2} />
      ) : !items.length ? (
        <EmptyState icon="册" title="没有符合条件的党员" description="换个筛选条件试试，或通过“导入花名册”批量添加" />
      ) : (
        <View className="roster-list">
          <View className="roster-total-row">
            <Text className="roster-total muted">共 {total} 人</Text>
            {filter.status !== 'left' && (
              <Button id="roster-export" size="small" fill="outline" loading={exporting} onClick={onExport}>
                导出 Excel
              </Button>
            )}
          </View>
          {items.map((m) => {
            const status = statusOf(m)
            return (
              <View
                key={m.id}
                className="roster-item card"
                data-member-id={m.id}
                onClick={() => {
                  openMember(m)
                  Taro.navigateTo({ url: ROUTES.adminMember })
                }}
              >
                <View className="roster-item-main">
                  <Text className="roster-item-name">{m.name}</Text>
                  <Text className="roster-item-phone">{m.phoneMasked}</Text>
                </View>
                <View className="roster-item-sub">
                  <Text className="muted">
                    {m.branchName}
                    {m.groupName ? ` · ${m.groupName}` : ''}
                    {m.title ? ` · ${m.title}` : ''}
                  </Text>
                  <View className="roster-item-tags">
                    {m.post && <Text className="roster-badge roster-role">{m.post}</Text>}
                    {m.role !== 'member' && <Text className="roster-badge roster-role">{ROLE_LABELS[m.role]}</Text>}
                    {m.status === 'left' && m.leftReason && (
                      <Text className="roster-badge roster-status">{LEAVE_REASON_LABELS[m.leftReason]}</Text>
                    )}
                    <Text className={`roster-badge roster-status roster-status-${status}`}>
                      {BIND_STATUS_LABELS[status]}
                    </Text>
                  </View>
                </View>
              </View>
            )
          })}
          <View className="roster-footer">
            {error ? (
              <View className="form-error" onClick={loadMore}>
                {error.message}，点击重试
              </View>
            ) : hasMore ? (
              <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
                加载更多
              </Button>
            ) : (
              <Text className="muted">没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}
