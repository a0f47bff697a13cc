import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { ORG_TYPE_LABELS, type OrgTreeNode } from '@/domain/org.tree'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { useOrgStore } from '@/stores/org.store'
import './index.scss'

function Node({ node, depth }: { node: OrgTreeNode; depth: number }) {
  return (
    <View>
      <View className={`org-node org-node-${node.type}`} style={{ paddingLeft: `${12 + depth * 18}px` }}>
        <Text className="org-node-name">{node.name}</Text>
        <Text className="org-node-type">{ORG_TYPE_LABELS[node.type]}</Text>
      </View>
      {node.children.map((c) => (
        <Node key={c._id} node={c} depth={depth + 1} />
      ))}
    </View>
  )
}

export default function OrgPage() {
  const tree = useOrgStore((s) => s.tree)
  const loading = useOrgStore((s) => s.loading)
  const error = useOrgStore((s) => s.error)
  const load = useOrgStore((s) => s.load)

  useDidShow(() => {
    load(true)
  })

  if (error && !tree.length) return <ErrorState message={error.message} onRetry={() => load(true)} />
  if (loading && !tree.length) return <LoadingSkeleton cards={1} rows={5} />
  if (!tree.length) return <EmptyState icon="组" title="还没有组织" description="请先建立机关党委和党支部" />

  return (
    <View className="page org">
      <View className="card org-tree">
        {tree.map((n) => (
          <Node key={n._id} node={n} depth={0} />
        ))}
      </View>
    </View>
  )
}
