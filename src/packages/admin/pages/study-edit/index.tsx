import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ChangeEvent } from 'react'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import { PrivacySheet } from '@/components/privacy-sheet'
import type { AdminArticle, Attachment } from '@/contract'
import { ARTICLE_CATEGORIES } from '@/domain/read.rules'
import { formatDateTime } from '@/domain/time'
import { ArticleContent } from '@/components/article/article-content'
import { ReasonDialog } from '@/components/reason-dialog'
import { Button } from '@/components/nut'
import { messageOf, uploadFile, useMutation, useProcedure, type LocalFile } from '@/remote'
import { ROUTES } from '@/routes'
import {
  editorGate,
  reopenEditor,
  useEditConflict,
  useEditorOpening,
  useFormFrom,
} from '../../components/editor-opening'
import { useOrgTree } from '../../components/use-org-tree'
import { CoverPicker } from '../../components/cover-picker'
import {
  blankStudyForm,
  publishAtOf,
  studyFormOf,
  validateStudyForm,
  type StudyForm,
  imageMarkdown,
} from '../../components/study-form'
import { ARTICLE_PHASE_LABELS, articlePhase } from '../../components/study-labels'
import { TimeField } from '../../components/time-field'
import { managesBranches } from '@/domain/roles'
import './index.scss'

const isWeapp = process.env.TARO_ENV === 'weapp'
/** Where an upload goes in cloud storage: a fresh name under the kind's folder, keeping the file's extension. */
function cloudPathFor(fileName: string, kind: 'cover' | 'pdf' | 'image'): string {
  const ext = (/\.([a-z0-9]{2,5})$/i.exec(fileName)?.[1] || (kind === 'pdf' ? 'pdf' : 'jpg')).toLowerCase()
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 8)
  return `study/${kind === 'cover' ? 'covers' : kind === 'image' ? 'images' : 'attachments'}/${stamp}.${ext}`
}

const KIND_LABELS: Record<Attachment['kind'], string> = { pdf: 'PDF', audio: '音频', video: '视频' }

export default function StudyEditPage() {
  const opening = useEditorOpening({
    blank: blankStudyForm,
    formOf: studyFormOf,
    titles: { create: '新建学习资料', edit: '编辑学习资料' },
  })
  const { me, editId, setEditId, openedId, form, setForm, revision, setRevision } = opening
  const conflict = useEditConflict(() => reopenEditor(ROUTES.adminStudyEdit, editId))
  const { branches } = useOrgTree()
  const loaded = useProcedure(
    'study.getArticle',
    { articleId: openedId ?? '' },
    { enabled: !!openedId, refetchOnShow: false, freshOnOpen: true },
  )
  /** What the last write answered: newer than the loaded article (the form's draft stays in `form`). */
  const [latest, setLatest] = useState<AdminArticle | null>(null)
  const article = latest ?? loaded.data?.article ?? null
  useFormFrom(opening, article, studyFormOf)
  // The lists, the members' 学习 feed and the figures all follow a save, a publication or a withdrawal; this form
  // already holds the answer (`latest`), so study.getArticle is not read again.
  const followers = [
    'study.adminList',
    'study.articleStats',
    'study.completion',
    'study.feed',
    'study.get',
    'study.unreadRequired',
    'member.today',
  ]
  const save = useMutation('study.save', { invalidates: followers })
  const publishNow = useMutation('study.publish', { invalidates: followers })
  const withdraw = useMutation('study.withdraw', { invalidates: followers })
  const saving = save.pending || publishNow.pending || withdraw.pending
  const [uploading, setUploading] = useState(false)
  const upload = async (file: LocalFile, fileName: string, kind: 'cover' | 'pdf' | 'image') => {
    setUploading(true)
    try {
      return await uploadFile(file, cloudPathFor(fileName, kind))
    } finally {
      setUploading(false)
    }
  }
  const [formError, setFormError] = useState<string | null>(null)
  const [preview, setPreview] = useState(false)
  /** An image picked for the body, waiting for its description before it is uploaded. */
  const [pickedImage, setPickedImage] = useState<{ file: string | Blob; name: string } | null>(null)
  const [imageError, setImageError] = useState<string | null>(null)
  const [link, setLink] = useState<{ kind: 'audio' | 'video'; name: string; url: string }>({
    kind: 'video',
    name: '',
    url: '',
  })

  const role = me?.member?.role
  const gate = editorGate({
    denied:
      role && !managesBranches(role) ? { icon: '学', title: '只有支部管理员和机关党委管理员可以发布学习资料' } : null,
    loadError: loaded.error,
    onRetry: () => void loaded.refetch(),
    ready: !!form && !!me,
  })
  if (gate || !form || !me) return gate

  // A branch admin's articles always go to their own branch: the cloud enforces it, the form says it.
  const fixedBranch = role === 'branch_admin' ? me.member!.branchId : null
  const phase = article ? articlePhase(article) : 'draft'
  const patch = (p: Partial<StudyForm>) => {
    setForm({ ...form, ...p })
    setFormError(null)
  }
  const checked = () => {
    const out = validateStudyForm(form, fixedBranch)
    if (!out.ok) {
      setFormError(out.error)
      return null
    }
    return { ...(editId ? { articleId: editId, revision } : {}), ...out.fields }
  }
  // After the first save the article has an id: later saves update it (and the cover is now stored).
  const afterSave = (id: string, revision: number) => {
    setEditId(id)
    setRevision(revision)
    setForm((f) => (f ? { ...f, cover: '', attachmentsTouched: false } : f))
  }

  const onSave = async () => {
    const input = checked()
    if (!input) return
    try {
      const saved = (await save.run(input)).article
      setLatest(saved)
      afterSave(saved.id, saved.revision)
      Taro.showToast({ title: saved.status === 'draft' ? '草稿已保存' : '已保存', icon: 'success' })
    } catch (e) {
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  // 预览 shows what members will read: the body as the cloud stored it (rendered and sanitised), saved first.
  const onPreview = async () => {
    if (preview) return setPreview(false)
    const input = checked()
    if (!input) return
    try {
      const saved = (await save.run(input)).article
      setLatest(saved)
      afterSave(saved.id, saved.revision)
      setPreview(true)
    } catch (e) {
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const onPublish = async () => {
    const input = checked()
    if (!input) return
    const when = publishAtOf(form)
    if (!when.ok) return setFormError(when.error)
    const audience = fixedBranch
      ? `本支部（${me.member!.branchName}）`
      : form.audience === 'all'
        ? '全体党员'
        : `所选 ${form.branchIds.length} 个支部`
    const { confirm } = await Taro.showModal({
      title: when.at ? '定时发布' : '发布资料',
      content: `${when.at ? `将于 ${formatDateTime(when.at)} ` : '发布后'}推送给${audience}${form.required ? '，作为必读资料，已订阅提醒的党员会收到通知' : ''}。确定发布吗？`,
      confirmText: '发布',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    let saved: AdminArticle | null = null
    try {
      saved = (await save.run(input)).article
      setLatest(saved)
      setRevision(saved.revision)
      const done = (await publishNow.run({ articleId: saved.id, ...(when.at ? { publishAt: when.at } : {}) })).article
      setLatest(done)
      Taro.showToast({ title: when.at ? '已设置定时发布' : '已发布', icon: 'success' })
      Taro.redirectTo({ url: `${ROUTES.adminStudyStats}?id=${encodeURIComponent(done.id)}` })
    } catch (e) {
      if (saved) afterSave(saved.id, saved.revision)
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const onWithdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤回资料',
      content: '撤回后党员将看不到这篇资料，已有的阅读记录保留。确定撤回吗？',
      confirmText: '撤回',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      if (!article) return
      setLatest((await withdraw.run({ articleId: article.id })).article)
      Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  const uploadCover = async (file: string | Blob, name: string, previewUrl: string) => {
    try {
      const fileID = await upload(file, name, 'cover')
      patch({ cover: fileID, coverPreview: previewUrl })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  // An image for the body is described before it is uploaded: the description is its alt text and its caption.
  const insertImage = async (alt: string) => {
    if (!pickedImage) return
    try {
      const fileID = await upload(pickedImage.file, pickedImage.name, 'image')
      const body = form.markdown.replace(/\s*$/, '')
      patch({ markdown: `${body}${body ? '\n\n' : ''}${imageMarkdown(alt, fileID)}\n` })
      setPickedImage(null)
    } catch (e) {
      setImageError(messageOf(e))
    }
  }

  const addPdf = async (file: string | Blob, name: string) => {
    if (!/\.pdf$/i.test(name)) return setFormError('请选择 PDF 文件')
    if (form.attachments.length >= 10) return setFormError('附件最多 10 个')
    try {
      const fileID = await upload(file, name, 'pdf')
      patch({
        attachments: [...form.attachments, { kind: 'pdf', name: name.slice(0, 80), url: fileID }],
        attachmentsTouched: true,
      })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }
  const choosePdfWeapp = async () => {
    if (!(await ensurePrivacyConsent('上传 PDF 附件'))) return
    try {
      const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] })
      const f = res.tempFiles[0]
      if (f) await addPdf(f.path, f.name)
    } catch {
      // Closed the picker.
    }
  }
  const onPdfFile = (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0]
    e.target.value = ''
    if (f) addPdf(f, f.name)
  }
  const addLink = () => {
    const name = link.name.trim()
    const url = link.url.trim()
    if (!name) return setFormError('请填写音视频名称')
    if (!/^https?:\/\/\S+$/i.test(url)) return setFormError('请填写以 http:// 或 https:// 开头的链接')
    if (form.attachments.length >= 10) return setFormError('附件最多 10 个')
    patch({
      attachments: [...form.attachments, { kind: link.kind, name: name.slice(0, 80), url }],
      attachmentsTouched: true,
    })
    setLink({ ...link, name: '', url: '' })
  }
  const removeAttachment = (i: number) =>
    patch({ attachments: form.attachments.filter((_, j) => j !== i), attachmentsTouched: true })
  const toggleBranch = (id: string) =>
    patch({ branchIds: form.branchIds.includes(id) ? form.branchIds.filter((x) => x !== id) : [...form.branchIds, id] })

  if (preview && article) {
    return (
      <View className="page study-preview">
        <View className="card">
          <Text className="study-preview-title">{article.title}</Text>
          <View className="study-preview-body" id="study-preview-body">
            <ArticleContent html={article.html} />
          </View>
        </View>
        <Button id="study-preview-back" block type="primary" onClick={() => setPreview(false)}>
          返回编辑
        </Button>
      </View>
    )
  }

  return (
    <View className="page study-edit">
      {article && (
        <View className="card study-edit-state">
          <Text>当前状态：</Text>
          <Text className={`sa-status sa-status-${phase}`}>{ARTICLE_PHASE_LABELS[phase]}</Text>
          {article.status !== 'draft' && (
            <Text className="muted study-edit-reads">已读 {article.readCount} 人，修改后保留阅读记录</Text>
          )}
        </View>
      )}
      <View className="card form-card">
        <View className="form-row">
          <Text className="form-label">标题</Text>
          <Input
            id="study-title"
            className="form-input"
            value={form.title}
            maxlength={80}
            placeholder="如：学习贯彻党的二十届三中全会精神"
            onInput={(e) => patch({ title: e.detail.value })}
          />
        </View>
        <Text className="form-block-label">栏目</Text>
        <View className="chips">
          {ARTICLE_CATEGORIES.map((c) => (
            <View
              key={c}
              className={`chip ${form.category === c ? 'chip-active' : ''}`}
              data-category={c}
              onClick={() => patch({ category: c })}
            >
              {c}
            </View>
          ))}
        </View>
        <View className="form-row">
          <Text className="form-label">摘要</Text>
          <Input
            id="study-summary"
            className="form-input"
            value={form.summary}
            maxlength={120}
            placeholder="选填，不填则取正文开头"
            onInput={(e) => patch({ summary: e.detail.value })}
          />
        </View>
        <View className="form-row">
          <Text className="form-label">来源</Text>
          <Input
            id="study-source"
            className="form-input"
            value={form.source}
            maxlength={60}
            placeholder="选填，如：人民日报"
            onInput={(e) => patch({ source: e.detail.value })}
          />
        </View>
        <View className="form-row study-cover-row">
          <Text className="form-label">封面</Text>
          <CoverPicker
            inputId="study-cover-file"
            classPrefix="study"
            preview={form.coverPreview}
            uploading={uploading}
            onPick={uploadCover}
          />
        </View>
      </View>

      <View className="card form-card">
        <View className="study-body-head">
          <Text className="form-block-label">正文（Markdown）</Text>
          <Text className="study-link" id="study-preview" onClick={onPreview}>
            预览
          </Text>
        </View>
        <Textarea
          id="study-markdown"
          className="form-textarea study-markdown"
          value={form.markdown}
          maxlength={60000}
          placeholder={'## 小标题\n\n正文段落，**加粗**，> 引用，- 列表，![图片说明](图片链接)'}
          onInput={(e) => patch({ markdown: e.detail.value })}
        />
        <Text className="form-hint">
          支持 Markdown：# 标题、**加粗**、- 列表、&gt; 引用、图片；保存时自动去除不安全的内容
        </Text>
        <View className="study-image-add">
          <CoverPicker
            inputId="study-image-file"
            classPrefix="study"
            preview=""
            uploading={uploading}
            onPick={(file, name) => {
              setImageError(null)
              setPickedImage({ file, name })
            }}
          />
          <Text className="form-hint">正文插图：上传后填写图片说明，添加到正文末尾</Text>
        </View>
        <ReasonDialog
          open={!!pickedImage}
          title="图片说明"
          description="用一句话说明图片内容：读屏软件会朗读它，图片下方也会显示。"
          placeholder="如：支部党员在红色教育基地重温入党誓词"
          confirmText="插入图片"
          minLength={2}
          maxLength={60}
          busy={uploading}
          error={imageError}
          onCancel={() => setPickedImage(null)}
          onConfirm={insertImage}
        />
      </View>

      <View className="card form-card">
        <Text className="form-block-label">附件</Text>
        {form.attachments.map((a, i) => (
          <View key={`${a.url}-${i}`} className="study-att">
            <Text className={`study-att-kind study-att-${a.kind}`}>{KIND_LABELS[a.kind]}</Text>
            <Text className="study-att-name">{a.name}</Text>
            <Text className="study-link" onClick={() => removeAttachment(i)}>
              删除
            </Text>
          </View>
        ))}
        <View className="study-att-add">
          {isWeapp ? (
            <Button size="small" fill="outline" loading={uploading} onClick={choosePdfWeapp}>
              上传 PDF
            </Button>
          ) : (
            <label className="study-file study-file-button">
              <input
                id="study-pdf-file"
                className="study-file-input"
                type="file"
                accept=".pdf,application/pdf"
                disabled={uploading}
                onChange={onPdfFile}
              />
              <span>{uploading ? '上传中…' : '上传 PDF'}</span>
            </label>
          )}
        </View>
        <View className="chips study-link-kind">
          {(['video', 'audio'] as const).map((k) => (
            <View
              key={k}
              className={`chip ${link.kind === k ? 'chip-active' : ''}`}
              onClick={() => setLink({ ...link, kind: k })}
            >
              {KIND_LABELS[k]}链接
            </View>
          ))}
        </View>
        <View className="form-row">
          <Text className="form-label">名称</Text>
          <Input
            id="att-name"
            className="form-input"
            value={link.name}
            maxlength={80}
            placeholder="如：党课录像（上）"
            onInput={(e) => setLink({ ...link, name: e.detail.value })}
          />
        </View>
        <View className="form-row">
          <Text className="form-label">链接</Text>
          <Input
            id="att-url"
            className="form-input"
            value={link.url}
            maxlength={512}
            placeholder="https://"
            onInput={(e) => setLink({ ...link, url: e.detail.value })}
          />
          <Text className="study-link study-att-add-link" id="att-add" onClick={addLink}>
            添加
          </Text>
        </View>
      </View>

      <View className="card form-card">
        <Text className="form-block-label">推送范围</Text>
        {fixedBranch ? (
          <Text className="form-hint" id="study-audience-fixed">
            本支部：{me.member!.branchName}（支部管理员发布的资料只推送给本支部）
          </Text>
        ) : (
          <>
            <View className="chips">
              {(['all', 'branches'] as const).map((k) => (
                <View
                  key={k}
                  id={`audience-${k}`}
                  className={`chip ${form.audience === k ? 'chip-active' : ''}`}
                  onClick={() => patch({ audience: k })}
                >
                  {k === 'all' ? '全体党员' : '指定支部'}
                </View>
              ))}
            </View>
            {form.audience === 'branches' && (
              <View className="chips study-branches">
                {branches.map((b) => (
                  <View
                    key={b.id}
                    className={`chip ${form.branchIds.includes(b.id) ? 'chip-active' : ''}`}
                    data-branch-id={b.id}
                    onClick={() => toggleBranch(b.id)}
                  >
                    {form.branchIds.includes(b.id) ? '✓ ' : ''}
                    {b.name}
                  </View>
                ))}
              </View>
            )}
          </>
        )}
        <View className="form-row">
          <Text className="form-label">必读</Text>
          <Switch
            id="study-required"
            checked={form.required}
            color="#c8102e"
            onChange={(e) => patch({ required: e.detail.value })}
          />
        </View>
        {form.required && (
          <>
            <TimeField
              id="study-deadline-date"
              mode="date"
              label="完成期限"
              value={form.deadlineDate}
              onChange={(deadlineDate) => patch({ deadlineDate })}
            />
            <TimeField
              id="study-deadline-time"
              mode="time"
              label="期限时间"
              value={form.deadlineTime}
              onChange={(deadlineTime) => patch({ deadlineTime })}
            />
          </>
        )}
        <View className="form-row">
          <Text className="form-label">阅读时间</Text>
          <Input
            id="study-read-minutes"
            className="form-input"
            type="number"
            value={form.readMinutes}
            maxlength={3}
            onInput={(e) => patch({ readMinutes: e.detail.value })}
          />
          <Text className="form-unit">分钟</Text>
        </View>
        <Text className="form-hint">停留达到预计阅读时间的 30%（至少 10 秒）并读到末尾，才记为已读</Text>
      </View>

      {article?.status !== 'published' && (
        <View className="card form-card">
          <Text className="form-block-label">发布方式</Text>
          <View className="chips">
            {(['now', 'scheduled'] as const).map((k) => (
              <View
                key={k}
                id={`publish-${k}`}
                className={`chip ${form.publishMode === k ? 'chip-active' : ''}`}
                onClick={() => patch({ publishMode: k })}
              >
                {k === 'now' ? '立即发布' : '定时发布'}
              </View>
            ))}
          </View>
          {form.publishMode === 'scheduled' && (
            <>
              <TimeField
                id="study-publish-date"
                mode="date"
                label="发布日期"
                value={form.publishDate}
                onChange={(publishDate) => patch({ publishDate })}
              />
              <TimeField
                id="study-publish-time"
                mode="time"
                label="发布时间"
                value={form.publishTime}
                onChange={(publishTime) => patch({ publishTime })}
              />
            </>
          )}
        </View>
      )}

      {formError && (
        <View className="form-error" id="study-form-error" role="alert">
          {formError}
        </View>
      )}
      {conflict.notice}
      <View className="edit-actions">
        {article?.status === 'published' && (
          <Button id="study-withdraw" fill="outline" disabled={saving} onClick={onWithdraw}>
            撤回
          </Button>
        )}
        <Button id="study-save" fill="outline" loading={saving} onClick={onSave}>
          {article && article.status !== 'draft' ? '保存修改' : '保存草稿'}
        </Button>
        {article?.status !== 'published' && (
          <Button id="study-publish" type="primary" loading={saving} onClick={onPublish}>
            {article?.status === 'withdrawn' ? '重新发布' : '发布'}
          </Button>
        )}
      </View>
      <PrivacySheet />
    </View>
  )
}
