import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { RecordView } from '@/contract'
import { Button } from '@/components/nut'
import { compressImage } from '@/components/compress-image'
import { openExportedFile } from '@/components/open-file'
import { ErrorState, LoadingSkeleton } from '@/components/page-state'
import { PhotoPicker } from '@/components/photo-picker'
import { meetingTime } from '@/components/meeting-format'
import { recordGaps } from '@/domain/record.rules'
import { invalidate, messageOf, uploadFile, useMutation, useProcedure, type LocalFile } from '@/remote'
import { ROUTES } from '@/routes'
import { reopenEditor, useEditConflict } from '../../components/editor-opening'
import './index.scss'

interface Form {
  hostId: string | null
  recorderId: string | null
  topics: Array<{ title: string; first: boolean }>
  minutes: string
  decisions: string[]
  photos: Array<{ fileID: string; url: string }>
  materials: Array<{ fileID: string; name: string }>
  criticism: Array<{ memberId: string; selfCriticism: string; criticisms: string }>
}

const formOf = (r: RecordView): Form => ({
  hostId: r.host?.id ?? null,
  recorderId: r.recorder?.id ?? null,
  topics: r.topics.length ? r.topics : [{ title: r.meeting.agenda ?? '', first: true }],
  minutes: r.minutes,
  decisions: r.decisions.length ? r.decisions : [''],
  photos: r.photos,
  materials: r.materials.map((m) => ({ fileID: m.fileID, name: m.name })),
  criticism: r.criticism.map((c) => ({
    memberId: c.memberId,
    selfCriticism: c.selfCriticism,
    criticisms: c.criticisms,
  })),
})

/** The organiser completes a meeting's 纪实: people, 议题, minutes, decisions, photos, materials; then exports Word. */
export default function MeetingRecordPage() {
  const [meetingId, setMeetingId] = useState<string | null>(null)
  useLoad((p?: Record<string, string>) => setMeetingId(decodeURIComponent(p?.id ?? '')))
  const remote = useProcedure('meeting.record', { meetingId: meetingId ?? '' }, { enabled: !!meetingId })
  const board = useProcedure('meeting.board', { meetingId: meetingId ?? '' }, { enabled: !!meetingId })
  // The meetings list and compliance show the record's state: both go stale with a save.
  const saveRecord = useMutation('meeting.saveRecord', {
    invalidates: ['meeting.record', 'meeting.list', 'meeting.compliance', 'meeting.recordCompleteness'],
  })
  const exportRecord = useMutation('archive.meetingRecord')
  const [form, setForm] = useState<Form | null>(null)
  const [busy, setBusy] = useState<'save' | 'complete' | 'upload' | 'export' | null>(null)
  const [error, setError] = useState<string | null>(null)
  /** The revision the form was filled from, then each save's: the save lands only on it (revision.ts). */
  const [revision, setRevision] = useState(0)
  const conflict = useEditConflict(() => {
    // Opened again on the 纪实 as stored: the cached one is the stale one.
    invalidate(['meeting.record'])
    reopenEditor(ROUTES.adminMeetingRecord, meetingId)
  })

  useEffect(() => {
    if (!remote.data || form) return
    setForm(formOf(remote.data.record))
    setRevision(remote.data.record.revision)
  }, [remote.data, form])

  if (remote.error && !remote.data) return <ErrorState error={remote.error} onRetry={remote.refetch} />
  if (!remote.data || !form || !board.data) return <LoadingSkeleton cards={3} rows={3} />
  const record = remote.data.record
  const people = board.data.rows.map((r) => ({ id: r.memberId, name: r.name }))
  const orgLife = record.meeting.type === 'org_life'
  const patch = (p: Partial<Form>) => setForm({ ...form, ...p })
  const gaps = recordGaps(
    { ...form, criticism: form.criticism.map((c) => ({ ...c, name: '' })) },
    { needsCriticism: orgLife },
  )

  const addPhotos = async (files: Array<{ file: LocalFile; name: string }>) => {
    setBusy('upload')
    setError(null)
    try {
      const added: Form['photos'] = []
      for (const f of files) {
        const small = await compressImage(f.file)
        const fileID = await uploadFile(small, `meeting-photos/${record.meeting.id}/${Date.now()}-${added.length}.jpg`)
        const url = typeof small === 'string' ? small : URL.createObjectURL(small)
        added.push({ fileID, url })
      }
      setForm((prev) => (prev ? { ...prev, photos: [...prev.photos, ...added] } : prev))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const addMaterial = async (file: LocalFile, name: string) => {
    setBusy('upload')
    try {
      const fileID = await uploadFile(
        file,
        `meeting-materials/${record.meeting.id}/${Date.now()}-${name.replace(/[^\w.\u4e00-\u9fa5-]/g, '_')}`,
      )
      setForm((prev) => (prev ? { ...prev, materials: [...prev.materials, { fileID, name }] } : prev))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const save = async (complete: boolean) => {
    setBusy(complete ? 'complete' : 'save')
    setError(null)
    try {
      const { record: saved } = await saveRecord.run({
        meetingId: record.meeting.id,
        revision,
        hostId: form.hostId ?? undefined,
        recorderId: form.recorderId ?? undefined,
        topics: form.topics.filter((t) => t.title.trim()),
        minutes: form.minutes,
        decisions: form.decisions.map((d) => d.trim()).filter(Boolean),
        photos: form.photos.map((p) => p.fileID),
        materials: form.materials,
        criticism: orgLife ? form.criticism.filter((c) => c.memberId) : undefined,
        complete,
      })
      setRevision(saved.revision)
      Taro.showToast({ title: complete ? '纪实已完成' : '已保存', icon: 'success' })
    } catch (e) {
      if (!conflict.caught(e)) setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const exportWord = async () => {
    setBusy('export')
    try {
      const out = await exportRecord.run({ meetingId: record.meeting.id })
      await openExportedFile(out, out.fileName)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  const chips = (role: 'host' | 'recorder') => (
    <View className="mr-chips" id={`record-${role}`}>
      {people.map((p) => {
        const on = (role === 'host' ? form.hostId : form.recorderId) === p.id
        return (
          <Text
            key={p.id}
            className={`mr-chip${on ? ' mr-chip-on' : ''}`}
            data-name={p.name}
            onClick={() => patch(role === 'host' ? { hostId: p.id } : { recorderId: p.id })}
          >
            {p.name}
          </Text>
        )
      })}
    </View>
  )

  return (
    <View className="page meeting-record">
      <View className="card">
        <View className="mr-head">
          <Text className="mr-title">{record.meeting.title}</Text>
          <Text id="record-state" className={`mr-state mr-state-${record.state}`}>
            {record.state === 'complete' ? '已完成' : '未完成'}
          </Text>
        </View>
        <Text className="muted">
          {record.meeting.typeLabel} · {meetingTime(record.meeting)} · {record.meeting.place}
        </Text>
        <Text className="muted mr-attendance">
          应到 {record.attendance.tally.expected} 人，实到{' '}
          {record.attendance.tally.present + record.attendance.tally.late} 人，请假 {record.attendance.tally.leave} 人
          {record.attendance.absent.length
            ? `；${record.meeting.status === 'scheduled' ? '未到' : '缺席'}：${record.attendance.absent.join('、')}`
            : ''}
        </Text>
      </View>

      <View className="section-title">主持人</View>
      <View className="card">{chips('host')}</View>
      <View className="section-title">记录人</View>
      <View className="card">{chips('recorder')}</View>

      <View className="section-title">议题</View>
      <View className="card">
        {form.topics.map((t, i) => (
          <View key={i} className="mr-line">
            <Text
              className={`mr-first${t.first ? ' mr-first-on' : ''}`}
              onClick={() => patch({ topics: form.topics.map((x, j) => ({ ...x, first: j === i })) })}
            >
              第一议题
            </Text>
            <Input
              className="mr-input"
              id={`record-topic-${i}`}
              value={t.title}
              placeholder="议题"
              onInput={(e) =>
                patch({ topics: form.topics.map((x, j) => (j === i ? { ...x, title: e.detail.value } : x)) })
              }
            />
          </View>
        ))}
        <Text className="mr-link" onClick={() => patch({ topics: [...form.topics, { title: '', first: false }] })}>
          + 添加议题
        </Text>
      </View>

      <View className="section-title">会议记录</View>
      <View className="card">
        <Textarea
          id="record-minutes"
          className="mr-minutes"
          value={form.minutes}
          maxlength={20000}
          autoHeight
          placeholder="可直接输入或使用键盘上的语音输入；每段一行"
          onInput={(e) => patch({ minutes: e.detail.value })}
        />
      </View>

      <View className="section-title">决议/决定</View>
      <View className="card">
        {form.decisions.map((d, i) => (
          <View key={i} className="mr-line">
            <Text className="mr-num">{i + 1}.</Text>
            <Input
              className="mr-input"
              id={`record-decision-${i}`}
              value={d}
              placeholder="决议或决定事项"
              onInput={(e) => patch({ decisions: form.decisions.map((x, j) => (j === i ? e.detail.value : x)) })}
            />
          </View>
        ))}
        <Text className="mr-link" onClick={() => patch({ decisions: [...form.decisions, ''] })}>
          + 添加决议
        </Text>
      </View>

      {orgLife && (
        <>
          <View className="section-title">批评与自我批评</View>
          {form.criticism.map((c, i) => (
            <View key={i} className="card mr-criticism">
              <View className="mr-chips">
                {people.map((p) => (
                  <Text
                    key={p.id}
                    className={`mr-chip${c.memberId === p.id ? ' mr-chip-on' : ''}`}
                    onClick={() =>
                      patch({ criticism: form.criticism.map((x, j) => (j === i ? { ...x, memberId: p.id } : x)) })
                    }
                  >
                    {p.name}
                  </Text>
                ))}
              </View>
              <Textarea
                className="mr-minutes"
                value={c.selfCriticism}
                placeholder="自我批评"
                autoHeight
                onInput={(e) =>
                  patch({
                    criticism: form.criticism.map((x, j) => (j === i ? { ...x, selfCriticism: e.detail.value } : x)),
                  })
                }
              />
              <Textarea
                className="mr-minutes"
                value={c.criticisms}
                placeholder="他人提出的批评意见"
                autoHeight
                onInput={(e) =>
                  patch({
                    criticism: form.criticism.map((x, j) => (j === i ? { ...x, criticisms: e.detail.value } : x)),
                  })
                }
              />
            </View>
          ))}
          <View className="card">
            <Text
              className="mr-link"
              onClick={() =>
                patch({ criticism: [...form.criticism, { memberId: '', selfCriticism: '', criticisms: '' }] })
              }
            >
              + 添加一名党员的发言
            </Text>
          </View>
        </>
      )}

      <View className="section-title">会议照片（最多 9 张，上传前自动压缩）</View>
      <View className="card">
        <PhotoPicker
          inputId="record-photo-input"
          photos={form.photos.map((p) => ({ key: p.fileID, url: p.url }))}
          max={9}
          uploading={busy === 'upload'}
          onPick={addPhotos}
          onRemove={(key) => patch({ photos: form.photos.filter((p) => p.fileID !== key) })}
        />
      </View>

      <View className="section-title">会议材料</View>
      <View className="card">
        {form.materials.map((m) => (
          <View key={m.fileID} className="mr-line">
            <Text className="mr-material">{m.name}</Text>
            <Text
              className="mr-link"
              onClick={() => patch({ materials: form.materials.filter((x) => x.fileID !== m.fileID) })}
            >
              删除
            </Text>
          </View>
        ))}
        {process.env.TARO_ENV === 'weapp' ? (
          <Text
            className="mr-link"
            onClick={async () => {
              try {
                const res = await Taro.chooseMessageFile({ count: 1, type: 'file' })
                const f = res.tempFiles[0]
                if (f) await addMaterial(f.path, f.name)
              } catch {
                // Closed the picker.
              }
            }}
          >
            + 从聊天记录添加文件
          </Text>
        ) : (
          <label className="mr-link">
            <input
              id="record-material-input"
              className="photo-picker-input"
              type="file"
              onChange={(e) => {
                const f = e.target.files?.[0]
                e.target.value = ''
                if (f) void addMaterial(f, f.name)
              }}
            />
            <span>+ 添加文件</span>
          </label>
        )}
      </View>

      {gaps.length > 0 && <Text className="muted mr-gaps">尚缺：{gaps.join('；')}</Text>}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {conflict.notice}
      <View className="mr-actions">
        <Button id="record-save" fill="outline" loading={busy === 'save'} disabled={!!busy} onClick={() => save(false)}>
          保存草稿
        </Button>
        <Button
          id="record-complete"
          type="primary"
          loading={busy === 'complete'}
          disabled={!!busy}
          onClick={() => save(true)}
        >
          完成纪实
        </Button>
      </View>
      <Button
        id="record-export"
        block
        fill="outline"
        loading={busy === 'export'}
        disabled={!!busy}
        onClick={exportWord}
      >
        导出 Word
      </Button>
    </View>
  )
}
