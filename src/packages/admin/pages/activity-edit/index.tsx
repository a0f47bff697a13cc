import { Input, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { PrivacySheet } from '@/components/privacy-sheet'
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, ACTIVITY_SUBTYPES } from '@/domain/activity.rules'
import { Button } from '@/components/nut'
import type { ActivityView } from '@/contract'
import { messageOf, uploadFile, useMutation, useProcedure, type LocalFile } from '@/remote'
import { ROUTES } from '@/routes'
import { useOrgTree } from '../../components/use-org-tree'
import {
  activityFormOf,
  blankActivityForm,
  EXTRA_TYPE_LABELS,
  nextExtraKey,
  validateActivityForm,
  type ActivityForm,
  type ExtraFieldDraft,
} from '../../components/activity-form'
import { ACTIVITY_PHASE_LABELS, activityPhase } from '../../components/activity-labels'
import { CoverPicker } from '../../components/cover-picker'
import {
  editorGate,
  reopenEditor,
  useEditConflict,
  useEditorOpening,
  useFormFrom,
} from '../../components/editor-opening'
import { TimeField } from '../../components/time-field'
import { managesActivities } from '@/domain/roles'
import './index.scss'

export default function ActivityEditPage() {
  const opening = useEditorOpening({
    blank: blankActivityForm,
    formOf: activityFormOf,
    titles: { create: '新建活动', edit: '编辑活动' },
  })
  const { me, editId, setEditId, openedId, form, setForm, revision, setRevision } = opening
  const conflict = useEditConflict(() => reopenEditor(ROUTES.adminActivityEdit, editId))
  const { branches } = useOrgTree()
  const [formError, setFormError] = useState<string | null>(null)
  // The activity the page opened on, drafts included.
  const loaded = useProcedure(
    'activity.get',
    { activityId: openedId ?? '' },
    { enabled: !!openedId, refetchOnShow: false, freshOnOpen: true },
  )
  /** What the last write answered: newer than the loaded activity (the form's draft stays in `form`). */
  const [latest, setLatest] = useState<ActivityView | null>(null)
  const activity = latest ?? loaded.data?.activity ?? null
  useFormFrom(opening, activity, activityFormOf)
  // 活动管理, the members' 活动 tab and the activity's own pages follow a save or a publication; this form already
  // holds the answer (`latest`), so activity.get is not read again.
  const followers = ['activity.manage', 'activity.list', 'activity.detail', 'activity.roster', 'member.today']
  const save = useMutation('activity.save', { invalidates: followers })
  const publish = useMutation('activity.publish', { invalidates: followers })
  const saving = save.pending || publish.pending
  const [uploading, setUploading] = useState(false)
  const uploadCover = async (file: LocalFile, fileName: string) => {
    const ext = (/\.([a-z0-9]{2,5})$/i.exec(fileName)?.[1] || 'jpg').toLowerCase()
    setUploading(true)
    try {
      return await uploadFile(
        file,
        `activity/covers/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.${ext}`,
      )
    } finally {
      setUploading(false)
    }
  }

  const role = me?.member?.role
  const gate = editorGate({
    denied:
      role && !managesActivities(role)
        ? { icon: '志', title: '只有工会/志愿管理员和机关党委管理员可以发布活动' }
        : null,
    loadError: loaded.error,
    onRetry: () => void loaded.refetch(),
    ready: !!form,
  })
  if (gate || !form) return gate

  const published = !!activity && activity.status !== 'draft'
  const patch = (p: Partial<ActivityForm>) => {
    setForm({ ...form, ...p })
    setFormError(null)
  }
  const patchExtra = (i: number, p: Partial<ExtraFieldDraft>) =>
    patch({ extraFields: form.extraFields.map((x, j) => (j === i ? { ...x, ...p } : x)) })
  const addExtra = () => {
    if (form.extraFields.length >= 10) return setFormError('报名附加信息最多 10 项')
    patch({
      extraFields: [
        ...form.extraFields,
        { key: nextExtraKey(form.extraFields), label: '', type: 'text', options: '', required: false },
      ],
    })
  }
  const toggleBranch = (id: string) =>
    patch({ branchIds: form.branchIds.includes(id) ? form.branchIds.filter((x) => x !== id) : [...form.branchIds, id] })

  const checked = () => {
    // The cloud replaces the cover on every save: send the current one back unless a new one was uploaded.
    const out = validateActivityForm(form, activity?.coverUrl ?? null)
    if (!out.ok) {
      setFormError(out.error)
      return null
    }
    return { ...(editId ? { activityId: editId, revision } : {}), ...out.fields }
  }

  const onSave = async () => {
    const input = checked()
    if (!input) return
    try {
      const saved = (await save.run(input)).activity
      setLatest(saved)
      setEditId(saved.id)
      setRevision(saved.revision)
      Taro.showToast({ title: saved.status === 'draft' ? '草稿已保存' : '已保存', icon: 'success' })
    } catch (e) {
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const onPublish = async () => {
    const input = checked()
    if (!input) return
    const places = form.unlimited ? '不限名额' : `${form.capacity} 个名额${form.waitlist ? '，满额后可候补' : ''}`
    const { confirm } = await Taro.showModal({
      title: '发布活动',
      content: `发布后党员可在报名时间内报名（${places}）。确定发布吗？`,
      confirmText: '发布',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    let saved: ActivityView | null = null
    try {
      saved = (await save.run(input)).activity
      setLatest(saved)
      setRevision(saved.revision)
      const done = (await publish.run({ activityId: saved.id })).activity
      setLatest(done)
      Taro.showToast({ title: '活动已发布', icon: 'success' })
      Taro.redirectTo({ url: `${ROUTES.adminActivityRoster}?id=${encodeURIComponent(done.id)}` })
    } catch (e) {
      if (saved) setEditId(saved.id)
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const onCover = async (file: string | Blob, name: string, preview: string) => {
    try {
      const fileID = await uploadCover(file, name)
      patch({ cover: fileID, coverPreview: preview })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  const subtypes = ACTIVITY_SUBTYPES[form.kind]
  const customSubType = !subtypes.includes(form.subType)

  return (
    <View className="page activity-edit">
      {activity && (
        <View className="card ae-state">
          <Text>当前状态：</Text>
          <Text className={`aa-status aa-status-${activityPhase(activity)}`}>
            {ACTIVITY_PHASE_LABELS[activityPhase(activity)]}
          </Text>
          {published && <Text className="muted ae-state-note">已报名 {activity.taken} 人</Text>}
        </View>
      )}
      <View className="card form-card">
        <View className="form-row">
          <Text className="form-label">活动名称</Text>
          <Input
            id="activity-title"
            className="form-input"
            value={form.title}
            maxlength={60}
            placeholder="如：社区环境整治志愿服务"
            onInput={(e) => patch({ title: e.detail.value })}
          />
        </View>
        <Text className="form-block-label">活动类型</Text>
        <View className="chips">
          {ACTIVITY_KINDS.map((k) => (
            <View
              key={k}
              id={`kind-${k}`}
              className={`chip ${form.kind === k ? 'chip-active' : ''}`}
              onClick={() => patch({ kind: k, subType: ACTIVITY_SUBTYPES[k][0] })}
            >
              {ACTIVITY_KIND_LABELS[k]}
            </View>
          ))}
        </View>
        <Text className="form-block-label">活动子类</Text>
        <View className="chips">
          {subtypes.map((s) => (
            <View
              key={s}
              className={`chip ${form.subType === s ? 'chip-active' : ''}`}
              data-subtype={s}
              onClick={() => patch({ subType: s })}
            >
              {s}
            </View>
          ))}
        </View>
        <View className="form-row">
          <Text className="form-label">其他子类</Text>
          <Input
            id="activity-subtype"
            className="form-input"
            value={customSubType ? form.subType : ''}
            maxlength={20}
            placeholder="不在上面时填写"
            onInput={(e) => patch({ subType: e.detail.value || subtypes[0] })}
          />
        </View>
        <View className="form-row">
          <Text className="form-label">地点</Text>
          <Input
            id="activity-place"
            className="form-input"
            value={form.place}
            maxlength={80}
            placeholder="如：幸福里社区服务中心"
            onInput={(e) => patch({ place: e.detail.value })}
          />
        </View>
        <View className="form-row ae-cover-row">
          <Text className="form-label">封面</Text>
          <CoverPicker
            inputId="activity-cover-file"
            classPrefix="ae"
            preview={form.coverPreview}
            uploading={uploading}
            onPick={onCover}
          />
        </View>
        <Text className="form-block-label">活动介绍</Text>
        <Textarea
          id="activity-description"
          className="form-textarea"
          value={form.description}
          maxlength={3000}
          placeholder="活动内容、集合方式、注意事项等"
          onInput={(e) => patch({ description: e.detail.value })}
        />
      </View>

      <View className="card form-card">
        <TimeField
          id="activity-start-date"
          mode="date"
          label="开始日期"
          value={form.startDate}
          onChange={(startDate) => patch({ startDate })}
        />
        <TimeField
          id="activity-start-time"
          mode="time"
          label="开始时间"
          value={form.startTime}
          onChange={(startTime) => patch({ startTime })}
        />
        <TimeField
          id="activity-end-date"
          mode="date"
          label="结束日期"
          value={form.endDate}
          onChange={(endDate) => patch({ endDate })}
        />
        <TimeField
          id="activity-end-time"
          mode="time"
          label="结束时间"
          value={form.endTime}
          onChange={(endTime) => patch({ endTime })}
        />
        <TimeField
          id="activity-open-date"
          mode="date"
          label="报名开始日期"
          value={form.openDate}
          onChange={(openDate) => patch({ openDate })}
        />
        <TimeField
          id="activity-open-time"
          mode="time"
          label="报名开始时间"
          value={form.openTime}
          onChange={(openTime) => patch({ openTime })}
        />
        <TimeField
          id="activity-close-date"
          mode="date"
          label="报名截止日期"
          value={form.closeDate}
          onChange={(closeDate) => patch({ closeDate })}
        />
        <TimeField
          id="activity-close-time"
          mode="time"
          label="报名截止时间"
          value={form.closeTime}
          onChange={(closeTime) => patch({ closeTime })}
        />
        <Text className="form-hint">现场签到从活动开始时开放（开始前扫码会被拒绝），至结束后 2 小时</Text>
      </View>

      <View className="card form-card">
        <View className="form-row">
          <Text className="form-label">不限名额</Text>
          <Switch
            id="activity-unlimited"
            checked={form.unlimited}
            color="#c8102e"
            onChange={(e) => patch({ unlimited: e.detail.value })}
          />
        </View>
        {!form.unlimited && (
          <>
            <View className="form-row">
              <Text className="form-label">名额</Text>
              <Input
                id="activity-capacity"
                className="form-input"
                type="number"
                value={form.capacity}
                maxlength={6}
                onInput={(e) => patch({ capacity: e.detail.value })}
              />
              <Text className="form-unit">人</Text>
            </View>
            <View className="form-row">
              <Text className="form-label">满额候补</Text>
              <Switch
                id="activity-waitlist"
                checked={form.waitlist}
                color="#c8102e"
                onChange={(e) => patch({ waitlist: e.detail.value })}
              />
            </View>
            <Text className="form-hint">开启后名额满时可报名候补，有人取消时按顺序自动递补并通知</Text>
          </>
        )}
        <View className="form-row">
          <Text className="form-label">需要审核</Text>
          <Switch
            id="activity-approval"
            checked={form.approval}
            color="#c8102e"
            onChange={(e) => patch({ approval: e.detail.value })}
          />
        </View>
        <View className="form-row">
          <Text className="form-label">限制取消</Text>
          <Switch
            id="activity-cancel-limit"
            checked={form.cancelLimit}
            color="#c8102e"
            onChange={(e) => patch({ cancelLimit: e.detail.value })}
          />
        </View>
        {form.cancelLimit ? (
          <>
            <TimeField
              id="activity-cancel-date"
              mode="date"
              label="取消截止日期"
              value={form.cancelDate}
              onChange={(cancelDate) => patch({ cancelDate })}
            />
            <TimeField
              id="activity-cancel-time"
              mode="time"
              label="取消截止时间"
              value={form.cancelTime}
              onChange={(cancelTime) => patch({ cancelTime })}
            />
          </>
        ) : (
          <Text className="form-hint">不限制时，活动开始前均可取消报名</Text>
        )}
      </View>

      <View className="card form-card">
        <Text className="form-block-label">报名范围</Text>
        <View className="chips">
          {(['all', 'branches'] as const).map((k) => (
            <View
              key={k}
              id={`activity-audience-${k}`}
              className={`chip ${form.audience === k ? 'chip-active' : ''}`}
              onClick={() => patch({ audience: k })}
            >
              {k === 'all' ? '全机关' : '指定支部'}
            </View>
          ))}
        </View>
        {form.audience === 'branches' && (
          <View className="chips ae-branches">
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
        <View className="form-row">
          <Text className="form-label">轮换间隔</Text>
          <Input
            id="activity-rotation"
            className="form-input"
            type="number"
            value={form.rotationMonths}
            maxlength={2}
            placeholder="不限制"
            onInput={(e) => patch({ rotationMonths: e.detail.value })}
          />
          <Text className="form-unit">个月</Text>
        </View>
        <Text className="form-hint">如疗休养：填写 12 表示近 12 个月内参加过同一子类活动的同志不能报名</Text>
      </View>

      <View className="card form-card">
        <View className="ae-extra-head">
          <Text className="form-block-label">报名附加信息</Text>
          <Text className="ae-link" id="extra-add" onClick={addExtra}>
            + 添加
          </Text>
        </View>
        {form.extraFields.length === 0 && <Text className="form-hint">如衣服尺码、是否携带家属；不需要可不填</Text>}
        {form.extraFields.map((x, i) => (
          <View key={x.key} className="ae-extra" data-extra-key={x.key}>
            <View className="form-row">
              <Text className="form-label">名称</Text>
              <Input
                id={`extra-label-${x.key}`}
                className="form-input"
                value={x.label}
                maxlength={20}
                placeholder="如：马甲尺码"
                onInput={(e) => patchExtra(i, { label: e.detail.value })}
              />
            </View>
            <View className="chips ae-extra-types">
              {(Object.keys(EXTRA_TYPE_LABELS) as Array<ExtraFieldDraft['type']>).map((t) => (
                <View
                  key={t}
                  className={`chip ${x.type === t ? 'chip-active' : ''}`}
                  onClick={() => patchExtra(i, { type: t })}
                >
                  {EXTRA_TYPE_LABELS[t]}
                </View>
              ))}
            </View>
            {x.type === 'select' && (
              <View className="form-row">
                <Text className="form-label">选项</Text>
                <Input
                  id={`extra-options-${x.key}`}
                  className="form-input"
                  value={x.options}
                  maxlength={300}
                  placeholder="用逗号分隔，如：S，M，L，XL"
                  onInput={(e) => patchExtra(i, { options: e.detail.value })}
                />
              </View>
            )}
            <View className="form-row">
              <Text className="form-label">必填</Text>
              <Switch
                checked={x.required}
                color="#c8102e"
                onChange={(e) => patchExtra(i, { required: e.detail.value })}
              />
            </View>
            <Text
              className="ae-extra-remove"
              onClick={() => patch({ extraFields: form.extraFields.filter((_, j) => j !== i) })}
            >
              删除此项
            </Text>
          </View>
        ))}
      </View>

      {formError && (
        <View className="form-error" id="activity-form-error" role="alert">
          {formError}
        </View>
      )}
      {conflict.notice}
      <View className="edit-actions">
        <Button id="activity-save" fill="outline" loading={saving} onClick={onSave}>
          {published ? '保存修改' : '保存草稿'}
        </Button>
        {!published && (
          <Button id="activity-publish" type="primary" loading={saving} onClick={onPublish}>
            发布
          </Button>
        )}
      </View>
      <PrivacySheet />
    </View>
  )
}
