import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { RosterImportResult } from '@/contract/member.contract'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { PrivacySheet } from '@/components/privacy-sheet'
import { messageOf, useMutation } from '@/remote'
import { ImportFailure, ImportFilePicker } from '../../components/file-import'
import { useFileImport } from '../../components/use-file-import'
import { RosterPreview, UnknownColumns } from './roster-preview'
import './index.scss'

/** Lost or cut-off confirm calls retried in a row before giving up (the cloud resumes the import each time). */
const RESUMES = 3
/** Pause before asking again when a confirm answered without progress. */
const STALLED_WAIT_MS = 1000
const STALE = ['member', 'org']

/** 导入花名册 in two steps: the file is checked and previewed; nothing is written until the admin confirms. */
export default function ImportPage() {
  const previewer = useMutation('member.import')
  const writer = useMutation('member.import', { invalidates: STALE })
  const upload = useFileImport('roster', (fileID) => previewer.run({ fileID }))
  const { fileName, fileID, result, error, rowErrors, setResult, fail } = upload
  const [confirming, setConfirming] = useState(false)
  /** While confirming a large file: rows written so far. */
  const [progress, setProgress] = useState<RosterImportResult['progress'] | null>(null)
  // The upload's `done` is this screen's preview until the written answer comes back.
  const phase =
    upload.phase !== 'done' ? upload.phase : confirming ? 'confirming' : result?.stage === 'done' ? 'done' : 'preview'

  const run = (file: string | Blob, name: string) => void upload.run(file, name)
  const reset = () => {
    setProgress(null)
    upload.reset()
  }

  const confirm = async () => {
    if (phase !== 'preview' || !fileID || !result) return
    setConfirming(true)
    setProgress(null)
    // A large file is written over several calls: the cloud answers `writing` with its progress and the same token
    // goes on from where it stopped — also after a call that was cut off or lost (up to RESUMES times in a row).
    // A call right after a cut-off one answers the saved progress without writing (the cut-off run's lease has a
    // second or two left): wait a moment before asking again rather than calling in a tight loop.
    let lost = 0
    let written = -1
    try {
      for (;;) {
        try {
          const next = await writer.run({ fileID, confirm: result.confirmToken })
          if (next.stage === 'done') return setResult(next)
          setProgress(next.progress ?? null)
          lost = 0
          if ((next.progress?.written ?? 0) === written) await new Promise((r) => setTimeout(r, STALLED_WAIT_MS))
          written = next.progress?.written ?? 0
        } catch (e) {
          if ((e as { code?: string }).code !== 'NETWORK' || ++lost > RESUMES) return fail(e)
        }
      }
    } finally {
      setConfirming(false)
      setProgress(null)
    }
  }

  const template = useMutation('archive.rosterTemplate')
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
