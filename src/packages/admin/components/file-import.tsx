import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ChangeEvent } from 'react'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import { Button } from '@/components/nut'
import type { FileImport, ImportPhase } from './use-file-import'

// The pieces 导入题库 and 导入花名册 share: both take one .xlsx/.csv file, show the same progress lines and list the
// same per-row errors. The styles live in pages/import/index.scss, which both pages load.

const ACCEPT = /\.(xlsx|csv)$/i

/** The row and column already head each line, so a message that repeats them ("第 2 行 手机号：…") is trimmed. */
function withoutLocation(message: string): string {
  return message.replace(/^第\s*\d+\s*行\s*[^：:，,]{0,12}[：:]\s*/, '')
}

interface ImportFilePickerProps {
  /** id of the H5 <input type=file> (tests and e2e pick the file through it). */
  inputId: string
  /** H5 button text when idle, e.g. 选择题库文件. */
  label: string
  phase: ImportPhase
  fileName: string | null
  /** Called with an accepted file: a weapp temp path or an H5 Blob, and its name. */
  onFile: (file: string | Blob, name: string) => void
}

/** H5 <input type=file> or weapp chooseMessageFile, then the chosen file's name and the upload/import progress. */
export function ImportFilePicker({ inputId, label, phase, fileName, onFile }: ImportFilePickerProps) {
  const busy = phase === 'uploading' || phase === 'importing'

  const start = (file: string | Blob, name: string) => {
    if (!ACCEPT.test(name)) {
      Taro.showToast({ title: '请选择 .xlsx 或 .csv 文件', icon: 'none' })
      return
    }
    onFile(file, name)
  }

  const chooseWeapp = async () => {
    if (!(await ensurePrivacyConsent('导入文件'))) return
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
    <>
      {process.env.TARO_ENV === 'h5' ? (
        <label className={`import-pick ${busy ? 'import-pick-busy' : ''}`}>
          <input
            id={inputId}
            className="import-file-input"
            type="file"
            accept=".xlsx,.csv"
            disabled={busy}
            onChange={onH5File}
          />
          <span>{busy ? '正在导入…' : label}</span>
        </label>
      ) : (
        <Button type="primary" block loading={busy} onClick={chooseWeapp}>
          {busy ? '正在导入' : '从聊天记录选择文件'}
        </Button>
      )}

      {fileName && <Text className="import-file-name muted">文件：{fileName}</Text>}
      {phase === 'uploading' && <Text className="import-progress muted">正在上传…</Text>}
      {phase === 'importing' && <Text className="import-progress muted">正在校验并导入…</Text>}
    </>
  )
}

type ImportFailureProps = Pick<FileImport<unknown>, 'error' | 'rowErrors'>

/** The failed import's message and, for IMPORT_INVALID, every row that needs fixing. */
export function ImportFailure({ error, rowErrors }: ImportFailureProps) {
  if (!error) return null
  return (
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
  )
}
