import { Text, View } from '@tarojs/components'
import type { RosterImportResult } from '@/contract/member.contract'

/** The preview of a roster import: the counts, then each person created or changed, field by field. */
export function RosterPreview({ result }: { result: RosterImportResult }) {
  const listed = result.rows.length
  const changed = result.created + result.updated
  return (
    <View className="import-preview-body">
      <Text className="import-result-title import-preview-title">导入预览（尚未写入）</Text>
      <Text className="import-result-line import-preview-counts">
        共 {result.total} 人：新增 {result.created} 人，更新 {result.updated} 人（其中调动支部 {result.moved}{' '}
        人、变更角色 {result.reroled} 人），无变化 {result.unchanged} 人
      </Text>
      {changed === 0 && <Text className="import-result-line muted">文件与现有花名册一致，无需导入</Text>}
      <UnknownColumns columns={result.unknownColumns} />
      {result.rows.map((r) => (
        <View key={r.row} className="import-preview-row">
          <Text className="import-preview-name">
            第 {r.row} 行 {r.name}
            <Text className={`import-preview-tag ${r.kind}`}>{r.kind === 'create' ? '新增' : '更新'}</Text>
            {r.moved && <Text className="import-preview-tag moved">调动</Text>}
            {r.reroled && <Text className="import-preview-tag reroled">变更角色</Text>}
          </Text>
          {r.changes.map((c) => (
            <Text key={c.field} className="import-preview-change">
              {c.field}：{c.before} → {c.after}
            </Text>
          ))}
        </View>
      ))}
      {listed < changed && <Text className="import-result-line muted">仅列出前 {listed} 人</Text>}
    </View>
  )
}

/** Columns of the file the importer does not know: said out loud, so nobody thinks their contents were imported. */
export function UnknownColumns({ columns }: { columns: readonly string[] }) {
  if (!columns.length) return null
  return (
    <View className="import-unknown" id="import-unknown-columns">
      <Text className="import-unknown-title">以下 {columns.length} 列未识别，其内容不会导入：</Text>
      <Text className="import-unknown-list">{columns.map((c) => `“${c}”`).join('、')}</Text>
      <Text className="import-unknown-hint muted">如是姓名、手机号等列，请改用模板中的列名</Text>
    </View>
  )
}
