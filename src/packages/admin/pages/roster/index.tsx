import { Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_LABELS } from '@/domain/roles'
import { Button } from '@/components/nut'
import { ListScreen } from '@/components/kit'
import { LEAVE_REASON_LABELS } from '@/domain/staff.rules'
import { ROUTES } from '@/routes'
import { openExportedFile } from '@/components/open-file'
import type { InputOf, MemberView } from '@/contract'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import { useOrgTree } from '../../components/use-org-tree'
import { useSessionStore } from '@/stores/session.store'
import { BIND_STATUS_LABELS, statusOf } from '../../components/member-labels'
import './index.scss'

type RosterFilter = Pick<InputOf<'member.list'>, 'orgId' | 'keyword' | 'bindStatus' | 'status'>

const STATUS_FILTERS: Array<{ value: RosterFilter['bindStatus']; label: string }> = [
  { value: undefined, label: '全部' },
  { value: 'bound', label: BIND_STATUS_LABELS.bound },
  { value: 'unbound', label: BIND_STATUS_LABELS.unbound },
  { value: 'pending', label: BIND_STATUS_LABELS.pending },
  { value: 'unbind_requested', label: BIND_STATUS_LABELS.unbind_requested },
]

const LEFT_LABEL = '已离开'

/** The filter as the query keys it: blank fields left out, so 全部 and a cleared search are one answer. */
function clean(filter: RosterFilter): RosterFilter {
  const out: RosterFilter = {}
  if (filter.orgId) out.orgId = filter.orgId
  if (filter.keyword && filter.keyword.trim()) out.keyword = filter.keyword.trim()
  if (filter.bindStatus) out.bindStatus = filter.bindStatus
  if (filter.status) out.status = filter.status
  return out
}

function RosterRow({ m }: { m: MemberView }) {
  const status = statusOf(m)
  return (
    <View
      className="roster-item card"
      data-member-id={m.id}
      onClick={() => Taro.navigateTo({ url: `${ROUTES.adminMember}?id=${encodeURIComponent(m.id)}` })}
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
          <Text className={`roster-badge roster-status roster-status-${status}`}>{BIND_STATUS_LABELS[status]}</Text>
        </View>
      </View>
    </View>
  )
}

/** 花名册: the roster filtered by branch, search and binding state, 20 at a time; a row opens the member. */
export default function RosterPage() {
  const isOrgAdmin = useSessionStore((s) => s.me?.member?.role === 'org_admin')
  const { branches } = useOrgTree({ enabled: isOrgAdmin })
  const [filter, setFilterState] = useState<RosterFilter>({})
  const list = usePagedProcedure('member.list', clean(filter))
  const setFilter = (patch: Partial<RosterFilter>) => setFilterState((f) => ({ ...f, ...patch }))
  const [keyword, setKeyword] = useState('')
  const exporter = useMutation('member.exportRoster')

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
    try {
      const file = await exporter.run({ orgId: filter.orgId, fullPhones: full })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const branchNames = ['全部支部', ...branches.map((b) => b.name)]
  const branchIndex = Math.max(0, branches.findIndex((b) => b.id === filter.orgId) + 1)

  const filters = (
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
  )

  return (
    <ListScreen
      query={list}
      pageClassName="roster"
      className="roster-list"
      unit="人"
      skeleton={{ cards: 3, rows: 2 }}
      empty={{
        icon: '册',
        title: '没有符合条件的党员',
        description: '换个筛选条件试试，或通过“导入花名册”批量添加',
      }}
      header={
        <>
          {filters}
          {list.items.length > 0 && (
            <View className="roster-total-row">
              <Text className="roster-total muted">共 {list.total} 人</Text>
              {filter.status !== 'left' && (
                <Button id="roster-export" size="small" fill="outline" loading={exporter.pending} onClick={onExport}>
                  导出 Excel
                </Button>
              )}
            </View>
          )}
        </>
      }
      renderItem={(m) => <RosterRow m={m} />}
    />
  )
}
