import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { canNest, ORG_TYPE_LABELS, ORG_TYPES, type OrgTreeNode, type OrgType } from '@/domain/org.tree'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { messageOf, useMutation, useProcedure, usePullToRefresh, type ApiError } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { useSessionStore } from '@/stores/session.store'
import { OrgEditDialog, type OrgChoice } from '../../components/org-edit-dialog'
import { useOrgTree } from '../../components/use-org-tree'
import './index.scss'

type Editing =
  | { kind: 'create'; parent: OrgTreeNode; types: OrgType[] }
  | { kind: 'rename'; node: OrgTreeNode }
  | { kind: 'move'; node: OrgTreeNode; parents: OrgChoice[] }

function flatten(nodes: OrgTreeNode[], depth = 0, out: Array<{ node: OrgTreeNode; depth: number }> = []) {
  for (const n of nodes) {
    out.push({ node: n, depth })
    flatten(n.children, depth + 1, out)
  }
  return out
}

/** Where `node` may go: any org its type may sit under, except itself and its own subtree (no loops). */
function parentsFor(node: OrgTreeNode, all: Array<{ node: OrgTreeNode; depth: number }>): OrgChoice[] {
  return all
    .filter(({ node: p }) => p._id !== node._id && !p.ancestors.includes(node._id) && canNest(p.type, node.type))
    .map(({ node: p, depth }) => ({ id: p._id, label: `${'　'.repeat(depth)}${p.name}` }))
}

function BranchPanel({ branchId, onClose }: { branchId: string; onClose: () => void }) {
  const committeeQ = useProcedure('member.committee', { branchId })
  const codeQ = useProcedure('member.inviteCode', { branchId })
  const rotate = useMutation('member.inviteCode', {
    // The answer is the new code: put it where the panel reads it, no second round trip.
    onSuccess: (out) => updateProcedure('member.inviteCode', { branchId }, () => out),
  })
  const committee = committeeQ.data
  const code = codeQ.data?.code
  const loading = committeeQ.loading || codeQ.loading
  const error = committeeQ.error ?? codeQ.error
  const close = onClose

  const askRotate = async () => {
    const { confirm } = await Taro.showModal({
      title: '重置邀请码',
      content: '重置后旧邀请码立即失效，尚未使用旧码的党员需要新码。确定重置吗？',
      confirmText: '重置',
    })
    if (!confirm) return
    try {
      await rotate.run({ branchId, rotate: true })
      Taro.showToast({ title: '已重置', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  if (loading) return <LoadingSkeleton cards={1} rows={3} />
  if (error && !(committee && code))
    return (
      <View className="card form-error" onClick={() => void Promise.all([committeeQ.refetch(), codeQ.refetch()])}>
        {error.message}，点此再试一次
      </View>
    )
  if (!committee) return null
  return (
    <View className="card org-branch" id="org-branch-panel">
      <View className="org-branch-head">
        <Text className="org-branch-name">{committee.branchName}</Text>
        <Text className="muted" onClick={close}>
          收起
        </Text>
      </View>
      <Text className="muted">党员 {committee.memberCount} 人</Text>
      <View className="org-branch-section">支部委员会</View>
      {committee.posts.length ? (
        committee.posts.map((p) => (
          <View key={`${p.post}-${p.memberId}`} className="org-post">
            <Text className="org-post-title">{p.post}</Text>
            <Text>{p.name}</Text>
          </View>
        ))
      ) : (
        <Text className="muted">尚未设置支委职务（在花名册中点开党员设置）</Text>
      )}
      <View className="org-branch-section">邀请码</View>
      <View className="org-invite">
        <Text className="org-invite-code" id="org-invite-code">
          {code}
        </Text>
        <Button size="small" fill="outline" onClick={askRotate}>
          重置
        </Button>
      </View>
      <Text className="muted">党员凭姓名和邀请码申请绑定，经支部审核后生效</Text>
    </View>
  )
}

export default function OrgPage() {
  const orgs = useOrgTree()
  const { tree, error, loading } = orgs
  const me = useSessionStore((s) => s.me?.member)
  const [openId, openBranch] = useState<string | null>(null)
  // The tree feeds every admin screen's branch picker and the member screens' names: the whole area goes stale.
  const upsert = useMutation('member.upsertOrg', { invalidates: ['member'] })
  const retireMut = useMutation('member.retireOrg', { invalidates: ['member'] })
  const [editing, setEditing] = useState<Editing | null>(null)
  const [busy, setBusy] = useState(false)
  const [editError, setEditError] = useState<string | null>(null)
  const isOrgAdmin = me?.role === 'org_admin'

  usePullToRefresh(orgs.refetch)

  const all = flatten(tree)

  const retire = async (node: OrgTreeNode) => {
    const { confirm } = await Taro.showModal({
      title: `撤销${node.name}`,
      content: '撤销后不再出现在组织架构和选择列表中，历史会议和记录仍保留其名称。仍有党员或下级组织的不能撤销。',
      confirmText: '撤销',
    })
    if (!confirm) return
    try {
      await retireMut.run({ id: node._id })
      Taro.showToast({ title: '已撤销', icon: 'success' })
    } catch (e) {
      Taro.showModal({ title: '不能撤销', content: messageOf(e), showCancel: false })
    }
  }

  const tap = async (node: OrgTreeNode) => {
    if (!isOrgAdmin) {
      if (node.type === 'branch' && node._id === me?.branchId) openBranch(node._id)
      return
    }
    const childTypes = ORG_TYPES.filter((t) => canNest(node.type, t))
    const items: Array<[string, () => void]> = []
    if (node.type === 'branch') items.push(['支委会与邀请码', () => openBranch(node._id)])
    if (childTypes.length)
      items.push([
        `新建${childTypes.map((t) => ORG_TYPE_LABELS[t]).join('或')}`,
        () => setEditing({ kind: 'create', parent: node, types: childTypes }),
      ])
    items.push(['改名', () => setEditing({ kind: 'rename', node })])
    if (node.parentId) {
      items.push(['移动到…', () => setEditing({ kind: 'move', node, parents: parentsFor(node, all) })])
      items.push(['撤销', () => retire(node)])
    }
    try {
      const { tapIndex } = await Taro.showActionSheet({ itemList: items.map(([label]) => label) })
      setEditError(null)
      items[tapIndex]?.[1]()
    } catch {
      // Cancelled: nothing to do.
    }
  }

  const confirm = async (value: { name: string; type?: OrgType; parentId?: string }) => {
    if (!editing) return
    setBusy(true)
    setEditError(null)
    try {
      if (editing.kind === 'create')
        await upsert.run({ name: value.name, type: value.type!, parentId: editing.parent._id })
      else {
        const n = editing.node
        await upsert.run({
          id: n._id,
          // The revision the tree showed: a change another admin made since is not undone by this one.
          revision: n.revision ?? 0,
          name: value.name,
          type: n.type,
          parentId: editing.kind === 'move' ? value.parentId : (n.parentId ?? undefined),
        })
      }
      setEditing(null)
      Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      if ((e as Partial<ApiError> | null)?.code !== 'EDITED_ELSEWHERE') setEditError(messageOf(e))
      else {
        // Saved elsewhere since the tree was read: the tree is read again and she starts from what is there now.
        setEditing(null)
        await orgs.refetch()
        void Taro.showModal({ title: '组织已被修改', content: messageOf(e), showCancel: false, confirmText: '知道了' })
      }
    } finally {
      setBusy(false)
    }
  }

  if (error && !tree.length) return <ErrorState error={error} onRetry={() => void orgs.refetch()} />
  if (loading) return <LoadingSkeleton cards={1} rows={5} />
  if (!tree.length) return <EmptyState icon="组" title="还没有组织" description="请先建立机关党委和党支部" />

  const dialogTitle = !editing
    ? ''
    : editing.kind === 'create'
      ? `在${editing.parent.name}下新建`
      : editing.kind === 'rename'
        ? `修改${editing.node.name}的名称`
        : `移动${editing.node.name}`
  return (
    <View className="page org">
      {(isOrgAdmin || me?.role === 'branch_admin') && (
        <Text className="muted org-hint">
          {isOrgAdmin ? '点组织可新建下级、改名、移动或撤销；点党支部可看支委会和邀请码' : '点本支部可看支委会和邀请码'}
        </Text>
      )}
      {openId && <BranchPanel key={openId} branchId={openId} onClose={() => openBranch(null)} />}
      <View className="card org-tree">
        {all.map(({ node, depth }) => (
          <View
            key={node._id}
            className={`org-node org-node-${node.type}`}
            data-org-id={node._id}
            style={{ paddingLeft: `${12 + depth * 18}px` }}
            onClick={() => tap(node)}
          >
            <Text className="org-node-name">{node.name}</Text>
            <Text className="org-node-type">{ORG_TYPE_LABELS[node.type]}</Text>
          </View>
        ))}
      </View>
      <OrgEditDialog
        open={!!editing}
        title={dialogTitle}
        name={editing && editing.kind !== 'create' ? editing.node.name : ''}
        types={editing?.kind === 'create' ? editing.types : []}
        parents={editing?.kind === 'move' ? editing.parents : undefined}
        parentId={editing?.kind === 'move' ? (editing.node.parentId ?? undefined) : undefined}
        busy={busy}
        error={editError}
        onConfirm={confirm}
        onCancel={() => setEditing(null)}
      />
    </View>
  )
}
