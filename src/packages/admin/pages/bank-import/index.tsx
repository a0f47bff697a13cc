import { Text, View } from '@tarojs/components'
import { useUnload } from '@tarojs/taro'
import { PrivacySheet } from '@/components/privacy-sheet'
import { useBankImportStore } from '@/stores/bank-import.store'
import { useQuizCategoriesStore } from '@/stores/quiz-categories.store'
import { ImportFailure, ImportFilePicker } from '../../components/file-import'
import './index.scss'

export default function BankImportPage() {
  const phase = useBankImportStore((s) => s.phase)
  const fileName = useBankImportStore((s) => s.fileName)
  const result = useBankImportStore((s) => s.result)
  const error = useBankImportStore((s) => s.error)
  const rowErrors = useBankImportStore((s) => s.rowErrors)
  const run = useBankImportStore((s) => s.run)
  const reset = useBankImportStore((s) => s.reset)
  const reloadCategories = useQuizCategoriesStore((s) => s.load)

  useUnload(() => reset())

  const start = async (file: string | Blob, name: string) => {
    await run(file, name)
    // New questions may bring new categories for the test form and the bank filter.
    if (useBankImportStore.getState().phase === 'done') reloadCategories(true)
  }

  return (
    <View className="page import bank-import">
      <View className="card import-help">
        <Text className="import-help-title">文件要求</Text>
        <Text className="import-help-line">· 支持 .xlsx（Excel）和 .csv，第一张工作表；表头上方可以有标题行</Text>
        <Text className="import-help-line">
          · 列：题型（单选/多选/判断）、题干、选项A–选项F（或 A–F，用不到的留空）、答案、解析（选填）、分类（选填）
        </Text>
        <Text className="import-help-line">· 答案可写 A、ABD、A,B,D、A、B、D；判断题写 正确/错误、对/错 或 √/×</Text>
        <Text className="import-help-line">· 有任何一行出错则整份文件不导入；与题库中已有的题重复的会跳过并列出</Text>
      </View>

      <ImportFilePicker inputId="bank-file" label="选择题库文件" phase={phase} fileName={fileName} onFile={start} />

      {phase === 'done' && result && (
        <View className="card import-result" id="bank-import-result">
          <Text className="import-result-title">导入完成</Text>
          <Text className="import-result-line">
            文件共 {result.total} 题：新增 <Text className="import-created">{result.created}</Text> 题
            {result.duplicates.length ? (
              <>
                ，重复跳过 <Text className="import-updated">{result.duplicates.length}</Text> 题
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
