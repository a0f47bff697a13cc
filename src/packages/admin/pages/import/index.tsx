import { Text, View } from '@tarojs/components'
import { useUnload } from '@tarojs/taro'
import { useRosterImportStore } from '@/stores/roster-import.store'
import { ImportFailure, ImportFilePicker } from '../../components/file-import'
import './index.scss'

export default function ImportPage() {
  const phase = useRosterImportStore((s) => s.phase)
  const fileName = useRosterImportStore((s) => s.fileName)
  const result = useRosterImportStore((s) => s.result)
  const error = useRosterImportStore((s) => s.error)
  const rowErrors = useRosterImportStore((s) => s.rowErrors)
  const run = useRosterImportStore((s) => s.run)
  const reset = useRosterImportStore((s) => s.reset)

  useUnload(() => reset())

  return (
    <View className="page import">
      <View className="card import-help">
        <Text className="import-help-title">文件要求</Text>
        <Text className="import-help-line">· 支持 .xlsx（Excel）和 .csv 文件，第一张工作表的第一行为表头</Text>
        <Text className="import-help-line">· 必填列：姓名、手机号、所在支部；可选列：党小组、角色、性别、职务</Text>
        <Text className="import-help-line">· 手机号已存在的党员会被更新，其余新建；有任何一行出错则整份文件不导入</Text>
      </View>

      <ImportFilePicker inputId="import-file" label="选择花名册文件" phase={phase} fileName={fileName} onFile={run} />

      {phase === 'done' && result && (
        <View className="card import-result">
          <Text className="import-result-title">导入成功</Text>
          <Text className="import-result-line">
            共 {result.total} 人：新增 <Text className="import-created">{result.created}</Text> 人，更新{' '}
            <Text className="import-updated">{result.updated}</Text> 人
          </Text>
        </View>
      )}

      {phase === 'failed' && <ImportFailure error={error} rowErrors={rowErrors} />}
    </View>
  )
}
