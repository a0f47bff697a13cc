import { Text, View } from '@tarojs/components'
import { Button } from '@/components/nut'
import { PrivacySheet } from '@/components/privacy-sheet'
import { messageOf, useMutation } from '@/remote'
import { ImportFailure, ImportFilePicker } from '../../components/file-import'
import { untilWritten } from '../../components/until-written'
import { useFileImport } from '../../components/use-file-import'
import { useState } from 'react'
import './index.scss'

/** New or updated questions may bring new categories: the bank, the question form and the test form list them. */
const STALE = ['quiz.questions', 'quiz.categories', 'quiz.supply']

export default function BankImportPage() {
  const importer = useMutation('quiz.importBank', { invalidates: STALE })
  const confirmer = useMutation('quiz.importBank', { invalidates: STALE })
  /** While a large file is written over several calls: questions written so far. */
  const [progress, setProgress] = useState<{ written: number; total: number } | null>(null)
  const { phase, fileName, fileID, result, error, rowErrors, run, reset, setResult } = useFileImport('bank', (id) =>
    untilWritten(() => importer.run({ fileID: id }), setProgress).finally(() => setProgress(null)),
  )
  const [confirmError, setConfirmError] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)

  const start = async (file: string | Blob, name: string) => {
    setConfirmError(null)
    await run(file, name)
  }

  const onConfirm = async () => {
    if (!fileID || !result) return
    setConfirmError(null)
    setConfirming(true)
    try {
      setResult(await untilWritten(() => confirmer.run({ fileID, confirm: result.confirmToken }), setProgress))
    } catch (e) {
      setConfirmError(messageOf(e))
    } finally {
      setConfirming(false)
      setProgress(null)
    }
  }
  // Under the picker while the first call writes (styled as its status lines), in the preview card while confirming.
  const progressLine = (className: string) =>
    progress && (
      <Text id="bank-import-progress" className={`${className} muted`}>
        正在写入：已完成 {progress.written} / {progress.total} 题，请勿离开本页
      </Text>
    )
  const previewing = phase === 'done' && result?.stage === 'preview'

  return (
    <View className="page import bank-import">
      <View className="card import-help">
        <Text className="import-help-title">文件要求</Text>
        <Text className="import-help-line">· 支持 .xlsx（Excel）和 .csv，第一张工作表；表头上方可以有标题行</Text>
        <Text className="import-help-line">
          · 列：题型（单选/多选/判断）、题干、选项A–选项F（或 A–F，用不到的留空）、答案、解析（选填）、分类（选填）
        </Text>
        <Text className="import-help-line">· 答案可写 A、ABD、A,B,D、A、B、D；判断题写 正确/错误、对/错 或 √/×</Text>
        <Text className="import-help-line">· 有任何一行出错则整份文件不导入；与题库中完全相同的题会跳过并列出</Text>
        <Text className="import-help-line">
          · 题型和题干相同的题视为同一道题：文件中改过的选项、答案、解析、分类会先逐项预览，确认后更新
        </Text>
      </View>

      <ImportFilePicker inputId="bank-file" label="选择题库文件" phase={phase} fileName={fileName} onFile={start} />
      {phase === 'importing' && progressLine('import-progress')}

      {previewing && result && (
        <View className="card import-preview" id="bank-import-preview">
          <Text className="import-result-title import-preview-title">导入预览（尚未写入）</Text>
          <Text className="import-result-line import-preview-counts">
            文件共 {result.total} 题：新增 {result.created} 题，更新已有的题 {result.updated} 题，相同跳过{' '}
            {result.duplicates.length} 题
          </Text>
          {result.changes.map((r) => (
            <View key={r.row} className="import-preview-row">
              <Text className="import-preview-name">
                第 {r.row} 行 {r.stem}
                <Text className="import-preview-tag update">更新</Text>
              </Text>
              {r.changes.map((c) => (
                <Text key={c.field} className="import-preview-change">
                  {c.field}：{c.before} → {c.after}
                </Text>
              ))}
            </View>
          ))}
          {result.changes.length < result.updated && (
            <Text className="import-result-line muted">仅列出前 {result.changes.length} 题</Text>
          )}
          {confirmError && <View className="form-error import-error">{confirmError}</View>}
          <View className="import-preview-actions">
            <Button id="bank-import-cancel" onClick={reset} disabled={confirming}>
              取消
            </Button>
            <Button id="bank-import-confirm" type="primary" loading={confirming} onClick={onConfirm}>
              确认导入
            </Button>
          </View>
          {confirming && progressLine('import-result-line')}
        </View>
      )}

      {phase === 'done' && result && !previewing && (
        <View className="card import-result" id="bank-import-result">
          <Text className="import-result-title">导入完成</Text>
          <Text className="import-result-line">
            文件共 {result.total} 题：新增 <Text className="import-created">{result.created}</Text> 题
            {result.updated ? (
              <>
                ，更新 <Text className="import-changed">{result.updated}</Text> 题
              </>
            ) : null}
            {result.duplicates.length ? (
              <>
                ，相同跳过 <Text className="import-updated">{result.duplicates.length}</Text> 题
              </>
            ) : null}
          </Text>
          {result.duplicates.length > 0 && (
            <View className="import-row-errors">
              <Text className="import-row-errors-title">重复的题目（未导入）：</Text>
              {result.duplicates.map((d, i) => (
                <View key={i} className="import-row-error bank-duplicate">
                  <Text className="import-row-no">第 {d.row} 行</Text>
                  <Text className="import-row-message">
                    {d.stem}
                    <Text className="bank-duplicate-of">
                      {d.of === 'existing' ? '（题库中已有）' : `（与第 ${d.of} 行重复）`}
                    </Text>
                  </Text>
                </View>
              ))}
            </View>
          )}
        </View>
      )}

      {phase === 'failed' && <ImportFailure error={error} rowErrors={rowErrors} />}
      <PrivacySheet />
    </View>
  )
}
