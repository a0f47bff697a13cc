import { Text, View } from '@tarojs/components'
import Taro, { useUnload } from '@tarojs/taro'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { PrivacySheet } from '@/components/privacy-sheet'
import { messageOf, useMutation } from '@/remote'
import { useRosterImportStore } from '@/stores/roster-import.store'
import { ImportFailure, ImportFilePicker } from '../../components/file-import'
import { RosterPreview, UnknownColumns } from './roster-preview'
import './index.scss'

export default function ImportPage() {
  const phase = useRosterImportStore((s) => s.phase)
  const fileName = useRosterImportStore((s) => s.fileName)
  const result = useRosterImportStore((s) => s.result)
  const error = useRosterImportStore((s) => s.error)
  const rowErrors = useRosterImportStore((s) => s.rowErrors)
  const progress = useRosterImportStore((s) => s.progress)
  const run = useRosterImportStore((s) => s.run)
  const confirm = useRosterImportStore((s) => s.confirm)
  const reset = useRosterImportStore((s) => s.reset)

  const template = useMutation('archive.rosterTemplate')
  useUnload(() => reset())

  const onTemplate = async () => {
    try {
      const file = await template.run({})
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  const pickerPhase = phase === 'confirming' ? 'importing' : phase === 'preview' ? 'done' : phase

  return (
    <View className="page import">
      <View className="card import-help">
        <Text className="import-help-title">文件要求</Text>
        <Text className="import-help-line">· 支持 .xlsx（Excel）和 .csv 文件，第一张工作表的第一行为表头</Text>
        <Text className="import-help-line">· 必填列：姓名、手机号、所在支部；可选列：党小组、角色、性别、职务</Text>
        <Text className="import-help-line">
          · 列名可用常见写法（如 手机号码、联系电话、党支部）；不认识的列会在预览中列出
        </Text>
        <Text className="import-help-line">· 已标记转出、去世或停止党籍的党员不会因导入而恢复，该行会报错</Text>
        <Text className="import-help-line">· 手机号已存在的党员会被更新，其余新建；有任何一行出错则整份文件不导入</Text>
        <Text className="import-help-line">· 空白单元格不会清除已有的职务、党小组；如需清除请填写“清空”</Text>
        <Text className="import-help-line">· 先预览将要发生的变化，确认后才写入</Text>
        <Button
          id="import-template"
          className="import-template"
          size="small"
          fill="outline"
          loading={template.pending}
          onClick={onTemplate}
        >
          下载导入模板（含本范围的支部、党小组名称）
        </Button>
      </View>

      <ImportFilePicker
        inputId="import-file"
        label="选择花名册文件"
        phase={pickerPhase}
        fileName={fileName}
        onFile={run}
      />

      {(phase === 'preview' || phase === 'confirming') && result && (
        <View className="card import-preview">
          <RosterPreview result={result} />
          <View className="import-preview-actions">
            <Button id="import-cancel" onClick={reset} disabled={phase === 'confirming'}>
              取消
            </Button>
            <Button
              id="import-confirm"
              type="primary"
              loading={phase === 'confirming'}
              disabled={result.created + result.updated === 0}
              onClick={confirm}
            >
              确认导入
            </Button>
          </View>
          {phase === 'confirming' && progress && (
            <Text id="import-progress" className="import-result-line muted">
              正在写入：已完成 {progress.written} / {progress.total} 人，请勿离开本页
            </Text>
          )}
        </View>
      )}

      {phase === 'done' && result && (
        <View className="card import-result">
          <Text className="import-result-title">导入成功</Text>
          <Text className="import-result-line">
            共 {result.total} 人：新增 <Text className="import-created">{result.created}</Text> 人，更新{' '}
            <Text className="import-updated">{result.updated}</Text> 人
          </Text>
          <UnknownColumns columns={result.unknownColumns} />
        </View>
      )}

      {phase === 'failed' && <ImportFailure error={error} rowErrors={rowErrors} />}
      <PrivacySheet />
    </View>
  )
}
