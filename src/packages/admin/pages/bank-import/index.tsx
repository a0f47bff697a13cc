import { Text, View } from '@tarojs/components'
import Taro, { useUnload } from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import { Button } from '@/components/nut'
import { useBankImportStore } from '@/stores/bank-import.store'
import { useQuizCategoriesStore } from '@/stores/quiz-categories.store'
import './index.scss'

const ACCEPT = /\.(xlsx|csv)$/i

/** The row and column already head each line, so a message that repeats them ("第 2 行 答案：…") is trimmed. */
function withoutLocation(message: string): string {
  return message.replace(/^第\s*\d+\s*行\s*[^：:，,]{0,12}[：:]\s*/, '')
}

export default function BankImportPage() {
  const phase = useBankImportStore((s) => s.phase)
  const fileName = useBankImportStore((s) => s.fileName)
  const result = useBankImportStore((s) => s.result)
  const error = useBankImportStore((s) => s.error)
  const rowErrors = useBankImportStore((s) => s.rowErrors)
  const run = useBankImportStore((s) => s.run)
  const reset = useBankImportStore((s) => s.reset)
  const reloadCategories = useQuizCategoriesStore((s) => s.load)
  const busy = phase === 'uploading' || phase === 'importing'

  useUnload(() => reset())

  const start = async (file: string | Blob, name: string) => {
    if (!ACCEPT.test(name)) {
      Taro.showToast({ title: '请选择 .xlsx 或 .csv 文件', icon: 'none' })
      return
    }
    await run(file, name)
    // New questions may bring new categories for the test form and the bank filter.
    if (useBankImportStore.getState().phase === 'done') reloadCategories(true)
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
    <View className="page import bank-import">
      <View className="card import-help">
        <Text className="import-help-title">文件要求</Text>
        <Text className="import-help-line">· 支持 .xlsx（Excel）和 .csv，第一张工作表；表头上方可以有标题行</Text>
        <Text className="import-help-line">· 列：题型（单选/多选/判断）、题干、选项A–选项F（或 A–F，用不到的留空）、答案、解析（选填）、分类（选填）</Text>
        <Text className="import-help-line">· 答案可写 A、ABD、A,B,D、A、B、D；判断题写 正确/错误、对/错 或 √/×</Text>
        <Text className="import-help-line">· 有任何一行出错则整份文件不导入；与题库中已有的题重复的会跳过并列出</Text>
      </View>

      {process.env.TARO_ENV === 'h5' ? (
        <label className={`import-pick ${busy ? 'import-pick-busy' : ''}`}>
          <input id="bank-file" className="import-file-input" type="file" accept=".xlsx,.csv" disabled={busy} onChange={onH5File} />
          <span>{busy ? '正在导入…' : '选择题库文件'}</span>
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
        <View className="card import-result" id="bank-import-result">
          <Text className="import-result-title">导入完成</Text>
          <Text className="import-result-line">
            文件共 {result.total} 题：新增 <Text className="import-created">{result.created}</Text> 题
            {result.duplicates.length ? <>，重复跳过 <Text className="import-updated">{result.duplicates.length}</Text> 题</> : null}
          </Text>
          {result.duplicates.length > 0 && (
            <View className="import-row-errors">
              <Text className="import-row-errors-title">重复的题目（未导入）：</Text>
              {result.duplicates.map((d, i) => (
                <View key={i} className="import-row-error bank-duplicate">
                  <Text className="import-row-no">第 {d.row} 行</Text>
                  <Text className="import-row-message">
                    {d.stem}
                    <Text className="bank-duplicate-of">{d.of === 'existing' ? '（题库中已有）' : `（与第 ${d.of} 行重复）`}</Text>
                  </Text>
                </View>
              ))}
            </View>
          )}
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
