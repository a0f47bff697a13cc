import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { OrgTreeNode } from '@/domain/org.tree'
import { ROLE_LABELS, ROLES } from '@/domain/roles'
import { BRANCH_POSTS, LEAVE_REASON_LABELS, LEAVE_REASONS, type LeaveReason } from '@/domain/staff.rules'
import { Button } from '@/components/nut'
import { EmptyState } from '@/components/page-state'
import { DetailScreen } from '@/components/kit/detail-screen'
import { usePageParams } from '@/components/kit/use-page-params'
import { ReasonDialog } from '@/components/reason-dialog'
import type { MemberView } from '@/contract'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { useSessionStore } from '@/stores/session.store'
import { MemberReflections } from '../../components/reflections'
import { useOrgTree } from '../../components/use-org-tree'
import './index.scss'

function branchesOf(nodes: OrgTreeNode[], out: OrgTreeNode[] = []): OrgTreeNode[] {
  for (const n of nodes) {
    if (n.type === 'branch') out.push(n)
    else branchesOf(n.children, out)
  }
  return out
}

const NO_POST = '（无）'
const NO_GROUP = '不分党小组'

/**
 * One member as staff manage them: role, committee post, branch and group, and 转出/去世/停止党籍. Opened from the
 * roster with her id (?id=), read through member.get, so a reload or a shared link shows her as she is now.
 */
export default function MemberAdminPage() {
  const params = usePageParams()
  const memberId = params?.id ?? ''
  const query = useProcedure('member.get', { memberId }, { enabled: !!memberId })
  if (params && !memberId) return <EmptyState icon="员" title="没有选中的党员" description="请从花名册点开一位党员" />
  return (
    <DetailScreen query={query} pageClassName="member-admin" skeleton={{ cards: 3, rows: 3 }}>
      {(data) => <MemberAdmin member={data.member} />}
    </DetailScreen>
  )
}

function MemberAdmin({ member }: { member: MemberView }) {
  const me = useSessionStore((s) => s.me?.member)
  const { tree } = useOrgTree()
  // Each change answers the member as she now is: shown at once; the roster, the tree's counts and the committee
  // (all under 'member') refetch when next on screen.
  const options = {
    invalidates: ['member'],
    onSuccess: (out: { member: MemberView }) =>
      updateProcedure('member.get', { memberId: member.id }, () => ({ member: out.member })),
  }
  const setRole = useMutation('member.setRole', options)
  const setPost = useMutation('member.setPost', options)
  const move = useMutation('member.moveMember', options)
  const setStatus = useMutation('member.setStatus', options)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [leaving, setLeaving] = useState<LeaveReason | 'active' | null>(null)
  const [branchId, setBranchId] = useState(member.branchId)

  useEffect(() => setBranchId(member.branchId), [member.branchId])

  const isOrgAdmin = me?.role === 'org_admin'
  const branches = branchesOf(tree).filter((b) => isOrgAdmin || b._id === me?.branchId)
  const branch = branches.find((b) => b._id === branchId)
  const groups = branch?.children.filter((c) => c.type === 'group') ?? []
  const left = member.status === 'left'

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true)
    setError(null)
    try {
      await what()
      Taro.showToast({ title: done, icon: 'success' })
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  // An action sheet rather than a picker: four choices, one tap each, the same on weapp and in a phone browser.
  const chooseRole = async () => {
    let tapIndex: number
    try {
      ;({ tapIndex } = await Taro.showActionSheet({ itemList: ROLES.map((r) => ROLE_LABELS[r]) }))
    } catch {
      return
    }
    const role = ROLES[tapIndex]
    if (role && role !== member.role) run(() => setRole.run({ memberId: member.id, role }), '角色已更新')
  }

  const postIndex = Math.max(0, BRANCH_POSTS.indexOf(member.post as (typeof BRANCH_POSTS)[number]) + 1)
  return (
    <View className="page member-admin">
      <View className="card member-admin-head">
        <Text className="member-admin-name">{member.name}</Text>
        <Text className="muted">
          {member.branchName}
          {member.groupName ? ` · ${member.groupName}` : ''} · {member.phoneMasked}
        </Text>
        {left && (
          <Text className="member-admin-left" id="member-left-tag">
            已{LEAVE_REASON_LABELS[member.leftReason ?? 'transferred']}
            {member.leftAt ? `（${member.leftAt.slice(0, 10)}）` : ''}，不计入应到、应考、应读
          </Text>
        )}
      </View>
      {error && (
        <View className="card form-error" role="alert" id="member-admin-error">
          {error}
        </View>
      )}

      {!left && (
        <View className="card member-admin-section">
          <View className="member-admin-row">
            <Text className="member-admin-label">角色</Text>
            {isOrgAdmin ? (
              <Text id="member-role" className="member-admin-pick" onClick={chooseRole}>
                {ROLE_LABELS[member.role]} ▾
              </Text>
            ) : (
              <Text>{ROLE_LABELS[member.role]}</Text>
            )}
          </View>
          <View className="member-admin-row">
            <Text className="member-admin-label">支委职务</Text>
            <Picker
              mode="selector"
              range={[NO_POST, ...BRANCH_POSTS]}
              value={postIndex}
              onChange={(e) =>
                run(
                  () => setPost.run({ memberId: member.id, post: BRANCH_POSTS[Number(e.detail.value) - 1] }),
                  '职务已更新',
                )
              }
            >
              <Text id="member-post">{member.post ?? NO_POST} ▾</Text>
            </Picker>
          </View>
        </View>
      )}

      {!left && (
        <View className="card member-admin-section">
          <View className="section-title">调整支部或党小组</View>
          {isOrgAdmin && (
            <Picker
              mode="selector"
              range={branches.map((b) => b.name)}
              value={Math.max(0, branches.indexOf(branch!))}
              onChange={(e) => setBranchId(branches[Number(e.detail.value)]?._id)}
            >
              <View className="member-admin-row">
                <Text className="member-admin-label">党支部</Text>
                <Text id="member-branch">{branch?.name ?? '请选择'} ▾</Text>
              </View>
            </Picker>
          )}
          <Picker
            mode="selector"
            range={[NO_GROUP, ...groups.map((g) => g.name)]}
            value={0}
            onChange={(e) => {
              const g = groups[Number(e.detail.value) - 1]
              if (branchId) run(() => move.run({ memberId: member.id, branchId, groupId: g?._id }), '已调整')
            }}
          >
            <View className="member-admin-row">
              <Text className="member-admin-label">党小组</Text>
              <Text id="member-group">
                {branchId === member.branchId ? (member.groupName ?? NO_GROUP) : '请选择（选后立即调整）'} ▾
              </Text>
            </View>
          </Picker>
          <Text className="muted">调到其他支部后，原支部尚未召开的会议不再把他计入应到；支委职务随之撤下。</Text>
        </View>
      )}

      <View className="card member-admin-section">
        <View className="section-title">党籍状态</View>
        {left ? (
          <Button id="member-restore" fill="outline" disabled={busy} onClick={() => setLeaving('active')}>
            恢复为在册党员
          </Button>
        ) : (
          <View className="member-admin-actions">
            {LEAVE_REASONS.map((r) => (
              <Button
                key={r}
                id={`member-${r}`}
                size="small"
                fill="outline"
                disabled={busy}
                onClick={() => setLeaving(r)}
              >
                {LEAVE_REASON_LABELS[r]}
              </Button>
            ))}
          </View>
        )}
        <Text className="muted">
          标记后保留历史记录，不再计入会议应到、测试应考和必读应读，也不能再以党员身份使用小程序。
        </Text>
      </View>

      <MemberReflections memberId={member.id} />

      <ReasonDialog
        open={!!leaving}
        title={
          leaving === 'active'
            ? `恢复${member.name}`
            : leaving
              ? `标记${member.name}${LEAVE_REASON_LABELS[leaving]}`
              : ''
        }
        description={
          leaving === 'transferred'
            ? '请注明转往的单位或组织关系介绍信编号'
            : leaving === 'stopped'
              ? '请注明停止党籍的决定或文号'
              : undefined
        }
        placeholder="说明（记入审计）"
        minLength={leaving === 'deceased' ? 0 : 2}
        busy={busy}
        error={error}
        onConfirm={async (reason) => {
          const ok = await run(
            () => setStatus.run({ memberId: member.id, status: leaving!, reason: reason || undefined }),
            '已更新',
          )
          if (ok) setLeaving(null)
        }}
        onCancel={() => setLeaving(null)}
      />
    </View>
  )
}
