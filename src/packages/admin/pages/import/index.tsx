import { Text, View } from '@tarojs/components'
import Taro, { useUnload } from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import { Button } from '@/components/nut'
import { useRosterImportStore } from '@/stores/roster-import.store'
import './index.scss'

const ACCEPT = /\.(xlsx|csv)$/i

/** The row and column already head each line, so a message that repeats them ("第 2 行 手机号：…") is trimmed. */
function withoutLocation(message: string): string {
  return message.replace(/^第\s*\d+\s*行\s*[^：:，,]{0,12}[：:]\s*/, '')
}

export default function ImportPage() {
  const phase = useRosterImportStore((s) => s.phase)
  const fileName = useRosterImportStore((s) => s.fileName)
  const result = useRosterImportStore((s) => s.result)
  const error = useRosterImportStore((s) => s.error)
  const rowErrors = useRosterImportStore((s) => s.rowErrors)
  const run = useRosterImportStore((s) => s.run)
  const reset = useRosterImportStore((s) => s.reset)
  const busy = phase === 'uploading' || phase === 'importing'

  useUnload(() => reset())

  const start = (file: string | Blob, name: string) => {
    if (!ACCEPT.test(name)) {
      Taro.showToast({ title: '请选择 .xlsx 或 .csv 文件', icon: 'none' })
      return
    }
    run(file, name)
  }

  const chooseWeapp = async () => {
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
      const f = res.tempFiles[0]
      if (f) start(f.path, f.name)
    } catch {
      // The user closed the chat picker: nothing to do.
    }
  }

  const onH5File = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0]
    e.target.value = ''
    if (f) start(f, f.name)
  }

  return (
    <View className="page import">
      <View className="card import-help">
        <Text className="import-help-title">文件要求</Text>
        <Text className="import-help-line">· 支持 .xlsx（Excel）和 .csv 文件，第一张工作表的第一行为表头</Text>
        <Text className="import-help-line">· 必填列：姓名、手机号、所在支部；可选列：党小组、角色、性别、职务</Text>
        <Text className="import-help-line">· 手机号已存在的党员会被更新，其余新建；有任何一行出错则整份文件不导入</Text>
      </View>

      {process.env.TARO_ENV === 'h5' ? (
        <label className={`import-pick ${busy ? 'import-pick-busy' : ''}`}>
          <input id="import-file" className="import-file-input" type="file" accept=".xlsx,.csv" disabled={busy} onChange={onH5File} />
          <span>{busy ? '正在导入…' : '选择花名册文件'}</span>
        </label>
      ) : (
        <Button type="primary" block loading={busy} onClick={chooseWeapp}>
          {busy ? '正在导入' : '从聊天记录选择文件'}
        </Button>
      )}

      {fileName && <Text className="import-file-name muted">文件：{fileName}</Text>}
      {phase === 'uploading' && <Text className="import-progress muted">正在上传…</Text>}
      {phase === 'importing' && <Text className="import-progress muted">正在校验并导入…</Text>}

      {phase === 'done' && result && (
        <View className="card import-result">
          <Text className="import-result-title">导入成功</Text>
          <Text className="import-result-line">
            共 {result.total} 人：新增 <Text className="import-created">{result.created}</Text> 人，更新 <Text className="import-updated">{result.updated}</Text> 人
          </Text>
        </View>
      )}

      {phase === 'failed' && error && (
        <View className="card import-failed">
          <View className="form-error import-error">{error.message}</View>
          {rowErrors.length > 0 && (
            <View className="import-row-errors">
              <Text className="import-row-errors-title">共 {rowErrors.length} 处需要修改：</Text>
              {rowErrors.map((d, i) => (
                <View key={i} className="import-row-error">
                  <Text className="import-row-no">{d.row ? `第 ${d.row} 行` : '文件'}</Text>
                  <Text className="import-row-field">{d.path}</Text>
                  <Text className="import-row-message">{withoutLocation(d.message)}</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      )}
    </View>
  )
}
