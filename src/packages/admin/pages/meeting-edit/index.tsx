import { Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import {
  isLeadershipMeeting,
  isLeadershipMember,
  LEADERSHIP_ORG_TYPES,
  MEETING_TYPE_LABELS,
  MEETING_TYPES,
  type MeetingType,
} from '@/domain/meeting.types'
import type { OrgTreeNode } from '@/domain/org.tree'
import type { MemberView } from '@/contract'
import { messageOf, useMutation, useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { useSessionStore } from '@/stores/session.store'
import { reopenEditor, useEditConflict } from '../../components/editor-opening'
import { blankForm, formOf, validateMeetingForm, type MeetingForm } from '../../components/meeting-form'
import { TimeField } from '../../components/time-field'
import { useOrgTree } from '../../components/use-org-tree'
import { useWholeRoster } from '../../components/use-whole-roster'
import './index.scss'

/** Orgs that may hold a 民主生活会 (the committee, 党总支), depth-first as the tree lists them. */
function leadershipOrgs(nodes: OrgTreeNode[], out: Array<{ id: string; name: string }> = []) {
  for (const n of nodes) {
    if ((LEADERSHIP_ORG_TYPES as readonly string[]).includes(n.type)) out.push({ id: n._id, name: n.name })
    leadershipOrgs(n.children, out)
  }
  return out
}

function findNode(nodes: OrgTreeNode[], id: string): OrgTreeNode | null {
  for (const n of nodes) {
    if (n._id === id) return n
    const found = findNode(n.children, id)
    if (found) return found
  }
  return null
}

const NO_MEMBERS: MemberView[] = []

export default function MeetingEditPage() {
  const me = useSessionStore((s) => s.me)
  const loadMe = useSessionStore((s) => s.load)
  const [editId, setEditId] = useState<string | null>(null)
  const conflict = useEditConflict(() => reopenEditor(ROUTES.adminMeetingEdit, editId))
  const [form, setForm] = useState<MeetingForm | null>(null)
  /** null: everyone in the branch or group (the cloud's default); otherwise the ticked member ids. */
  const [expected, setExpected] = useState<string[] | null>(null)
  const [view, setView] = useState<'form' | 'attendees'>('form')
  /** The ticks while the attendee view is open; null until the organiser touches one (then the default applies). */
  const [picking, setPicking] = useState<string[] | null>(null)
  const [formError, setFormError] = useState<string | null>(null)
  /** The revision the form was filled from: the save sends it, so a change saved elsewhere since is not overwritten. */
  const [revision, setRevision] = useState<number | undefined>(undefined)
  const [cancelOpen, setCancelOpen] = useState(false)
  const [cancelError, setCancelError] = useState<string | null>(null)
  const [presetBranch, setPresetBranch] = useState<string | null>(null)
  const [presetType, setPresetType] = useState<MeetingType | null>(null)
  // The page's options arrive with onLoad, which may come after the first render: the form waits for them.
  const [optionsRead, setOptionsRead] = useState(false)
  /** The org whose roster the attendee view shows (loaded when the organiser first opens it). */
  const [rosterFor, setRosterFor] = useState<string | null>(null)

  const { tree, branches } = useOrgTree()
  // The board carries the expected list (as rows); the meeting view only counts it. Not refetched on show: the
  // form was filled from it once and the organiser's edits must not be overwritten. Fresh on open: a form filled from
  // a cached board would save its old values back over another admin's change.
  const board = useProcedure(
    'meeting.board',
    { meetingId: editId ?? '' },
    {
      enabled: !!editId,
      refetchOnShow: false,
      freshOnOpen: true,
    },
  )
  const meeting = board.data?.meeting ?? null
  const currentExpected = useMemo(() => board.data?.rows.map((r) => r.memberId) ?? null, [board.data])
  const rosterQuery = useWholeRoster(rosterFor)
  const roster = rosterQuery.data ?? NO_MEMBERS
  // Every list and count of meetings (会议管理, the members' 会议 tab, the figures) follows a save or a cancel.
  const create = useMutation('meeting.create', { invalidates: ['meeting'] })
  const update = useMutation('meeting.update', { invalidates: ['meeting'] })
  const cancelMeeting = useMutation('meeting.cancel', { invalidates: ['meeting'] })
  const saving = create.pending || update.pending || cancelMeeting.pending

  useLoad((params?: Record<string, string>) => {
    if (!me) loadMe()
    const id = params?.id ? decodeURIComponent(params.id) : null
    setEditId(id)
    setPresetBranch(params?.branchId ? decodeURIComponent(params.branchId) : null)
    // `?type=democratic_life` opens the form for a 民主生活会 (the committee's 召开民主生活会 link).
    const type = params?.type as MeetingType | undefined
    setPresetType(type && MEETING_TYPES.includes(type) ? type : null)
    setOptionsRead(true)
  })

  // A new meeting starts blank once we know whose branch it is; an existing one once it has loaded.
  useEffect(() => {
    if (form || !optionsRead) return
    if (editId) {
      if (meeting) {
        setForm(formOf(meeting))
        setRevision(meeting.revision)
      }
    } else if (me?.member) {
      const blank = blankForm(presetBranch ?? me.member.branchId)
      if (presetType && isLeadershipMeeting(presetType)) {
        // Wait for the tree: the committee (or a 党总支) hosts it, not the organiser's own branch.
        if (me.member.role !== 'org_admin') {
          setForm(blank)
          return
        }
        const host = presetBranch ?? leadershipOrgs(tree)[0]?.id
        if (host) setForm({ ...blank, type: presetType, branchId: host })
      } else setForm(presetType ? { ...blank, type: presetType } : blank)
    }
  }, [editId, meeting, me, presetBranch, presetType, tree, form, optionsRead])

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: editId ? '编辑会议' : '新建会议' }).catch(() => {})
  }, [editId])

  const isOrgAdmin = me?.member?.role === 'org_admin'
  // 民主生活会 is the leadership's, on the committee's scope: only the committee (org_admin) can hold one.
  const types = useMemo(
    () =>
      MEETING_TYPES.filter((t) =>
        // An existing meeting keeps its host: it cannot move between a 党支部 and the committee by changing type.
        editId && meeting
          ? isLeadershipMeeting(t) === isLeadershipMeeting(meeting.type)
          : isOrgAdmin || !isLeadershipMeeting(t),
      ),
    [isOrgAdmin, editId, meeting],
  )
  const leadership = !!form && isLeadershipMeeting(form.type)
  const hostOrgs = useMemo(() => (leadership ? leadershipOrgs(tree) : branches), [leadership, tree, branches])
  const branchNode = useMemo(() => (form ? findNode(tree, form.branchId) : null), [tree, form])
  const groups = useMemo(() => (branchNode?.children ?? []).filter((c) => c.type === 'group'), [branchNode])
  const rosterOrg = form ? (form.type === 'group_meeting' && form.groupId ? form.groupId : form.branchId) : null

  if (editId && board.error && !meeting) {
    return (
      <View className="page">
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      </View>
    )
  }
  if (!form || (editId && !meeting)) {
    return (
      <View className="page">
        <LoadingSkeleton cards={3} rows={3} />
      </View>
    )
  }
  if (editId && meeting && meeting.status !== 'scheduled') {
    return (
      <View className="page">
        <EmptyState
          icon="会"
          title={meeting.status === 'cancelled' ? '会议已取消' : '会议已结束'}
          description="已结束或已取消的会议不能修改"
        />
      </View>
    )
  }

  const patch = (p: Partial<MeetingForm>) => {
    setForm({ ...form, ...p })
    setFormError(null)
  }
  // Who is ticked for the current branch or group: the explicit list, or else (new meeting) everyone,
  // or (existing meeting) its current list.
  // A 民主生活会 names its attendees: the leadership is ticked to start with, not the whole committee.
  const defaultTicked = () =>
    editId && currentExpected
      ? currentExpected
      : roster.filter((m) => !leadership || isLeadershipMember(m)).map((m) => m.id)

  const openAttendees = () => {
    setRosterFor(rosterOrg)
    setPicking(expected)
    setView('attendees')
  }

  // Until the organiser ticks something, everyone (or the meeting's current list) is ticked.
  const ticked = picking ?? defaultTicked()

  if (view === 'attendees') {
    const all = roster.map((m) => m.id)
    const set = new Set(ticked)
    const toggle = (id: string) => setPicking(set.has(id) ? ticked.filter((x) => x !== id) : [...ticked, id])
    return (
      <View className="page meeting-attendees">
        <View className="card attendees-head">
          <Text className="attendees-count">
            已选 {ticked.length}/{roster.length} 人
          </Text>
          <View className="attendees-bulk">
            <Text className="attendees-link" onClick={() => setPicking(all)}>
              全选
            </Text>
            <Text className="attendees-link" onClick={() => setPicking([])}>
              全不选
            </Text>
          </View>
        </View>
        {rosterQuery.total !== null && roster.length < rosterQuery.total && (
          // The roster changed while it was read: say the list is short rather than let her tick from part of it.
          <Text className="attendees-cut" id="attendees-cut">
            名单未读全：共 {rosterQuery.total} 人，仅显示 {roster.length} 人，请返回后重新打开
          </Text>
        )}
        {rosterQuery.error && !rosterQuery.data ? (
          <ErrorState error={rosterQuery.error} onRetry={() => void rosterQuery.refetch()} />
        ) : rosterQuery.loading ? (
          <LoadingSkeleton cards={1} rows={5} />
        ) : !roster.length ? (
          <EmptyState icon="册" title="该支部还没有党员" description="请先在“花名册”中导入党员" />
        ) : (
          <View className="card attendees-list">
            {roster.map((m) => (
              <View key={m.id} className="attendee" data-member-id={m.id} onClick={() => toggle(m.id)}>
                <View className={`tick ${set.has(m.id) ? 'tick-on' : ''}`}>{set.has(m.id) ? '✓' : ''}</View>
                <Text className="attendee-name">{m.name}</Text>
                <Text className="muted">
                  {m.groupName ?? ''}
                  {m.title ? ` · ${m.title}` : ''}
                </Text>
              </View>
            ))}
          </View>
        )}
        <View className="edit-actions">
          <Button fill="outline" onClick={() => setView('form')}>
            返回
          </Button>
          <Button
            id="attendees-done"
            type="primary"
            onClick={() => {
              // Everyone ticked on a new meeting is the default; keep sending nothing so later joiners are not missed.
              setExpected(!editId && !leadership && ticked.length === all.length ? null : ticked)
              setView('form')
            }}
          >
            确定
          </Button>
        </View>
      </View>
    )
  }

  const submit = async () => {
    // Editing keeps the attendees unless they were picked again; a 民主生活会 still has its named list.
    const checked = validateMeetingForm(form, expected ?? (editId && leadership ? currentExpected : null))
    if (!checked.ok) {
      setFormError(checked.error)
      return
    }
    setFormError(null)
    try {
      if (editId) {
        await update.run({ meetingId: editId, revision, ...checked.fields })
        Taro.showToast({ title: '已保存', icon: 'success' })
        Taro.navigateBack()
      } else {
        const { meeting: saved } = await create.run({
          branchId: form.branchId,
          ...(form.type === 'group_meeting' && form.groupId ? { groupId: form.groupId } : {}),
          ...checked.fields,
        })
        Taro.showToast({ title: '会议已创建', icon: 'success' })
        Taro.redirectTo({ url: `${ROUTES.adminMeetingBoard}?id=${encodeURIComponent(saved.id)}` })
      }
    } catch (e) {
      if (!conflict.caught(e)) setFormError(messageOf(e))
    }
  }

  const confirmCancel = async (reason: string) => {
    const { confirm } = await Taro.showModal({
      title: '确认取消会议',
      content: `取消后党员将看到会议已取消，签到码失效。原因：${reason}`,
      confirmText: '取消会议',
      cancelText: '再想想',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      if (!editId) return
      await cancelMeeting.run({ meetingId: editId, reason })
      setCancelOpen(false)
      Taro.showToast({ title: '会议已取消', icon: 'success' })
      Taro.navigateBack()
    } catch (e) {
      setCancelError(messageOf(e))
    }
  }

  const branchIndex = Math.max(
    0,
    hostOrgs.findIndex((b) => b.id === form.branchId),
  )
  const groupIndex = Math.max(
    0,
    groups.findIndex((g) => g._id === form.groupId),
  )
  const expectedSummary =
    expected === null
      ? editId && meeting
        ? `保持不变（${meeting.expectedCount} 人）`
        : leadership
          ? '请选择领导班子成员'
          : '本支部（或党小组）全体党员'
      : `已选 ${expected.length} 人`
  // Switching to or from 民主生活会 moves the meeting between a 党支部 and the committee: the host and the
  // attendees picked for the old one no longer apply.
  const changeType = (type: MeetingType) => {
    const toLeadership = isLeadershipMeeting(type)
    const hostChanges = toLeadership !== leadership && !editId
    patch({
      type,
      groupId: type === 'group_meeting' ? form.groupId : null,
      ...(hostChanges
        ? { branchId: toLeadership ? (leadershipOrgs(tree)[0]?.id ?? form.branchId) : (me?.member?.branchId ?? '') }
        : {}),
    })
    setExpected(null)
    setPicking(null)
  }

  return (
    <View className="page meeting-edit">
      <View className="card form-card">
        {isOrgAdmin && !editId ? (
          <Picker
            mode="selector"
            range={hostOrgs.map((b) => b.name)}
            value={branchIndex}
            onChange={(e) => {
              patch({ branchId: hostOrgs[Number(e.detail.value)]?.id ?? form.branchId, groupId: null })
              setExpected(null)
              setPicking(null)
            }}
          >
            <View className="form-row" id="meeting-host">
              <Text className="form-label">{leadership ? '召开单位' : '支部'}</Text>
              <Text className="form-value">{hostOrgs[branchIndex]?.name ?? '请选择'} ▾</Text>
            </View>
          </Picker>
        ) : (
          <View className="form-row">
            <Text className="form-label">{leadership ? '召开单位' : '支部'}</Text>
            <Text className="form-value">
              {branchNode?.name ?? meeting?.branchName ?? me?.member?.branchName ?? ''}
            </Text>
          </View>
        )}
        <View className="form-row">
          <Text className="form-label">会议名称</Text>
          <Input
            id="meeting-title"
            className="form-input"
            value={form.title}
            maxlength={60}
            placeholder="如：7月主题党日"
            onInput={(e) => patch({ title: e.detail.value })}
          />
        </View>
        <Picker
          mode="selector"
          range={types.map((t) => MEETING_TYPE_LABELS[t])}
          value={Math.max(0, types.indexOf(form.type))}
          onChange={(e) => changeType(types[Number(e.detail.value)] ?? form.type)}
        >
          <View className="form-row" id="meeting-type">
            <Text className="form-label">会议类型</Text>
            <Text className="form-value">{MEETING_TYPE_LABELS[form.type]} ▾</Text>
          </View>
        </Picker>
        {form.type === 'group_meeting' &&
          (editId ? (
            <View className="form-row">
              <Text className="form-label">党小组</Text>
              <Text className="form-value">{meeting?.groupName ?? '—'}</Text>
            </View>
          ) : groups.length ? (
            <Picker
              mode="selector"
              range={groups.map((g) => g.name)}
              value={groupIndex}
              onChange={(e) => {
                patch({ groupId: groups[Number(e.detail.value)]?._id ?? null })
                setExpected(null)
              }}
            >
              <View className="form-row" id="meeting-group">
                <Text className="form-label">党小组</Text>
                <Text className="form-value">{groups.find((g) => g._id === form.groupId)?.name ?? '请选择'} ▾</Text>
              </View>
            </Picker>
          ) : (
            <View className="form-row">
              <Text className="form-label">党小组</Text>
              <Text className="form-value muted">本支部未设党小组</Text>
            </View>
          ))}
      </View>

      <View className="card form-card">
        <TimeField id="meeting-date" mode="date" label="日期" value={form.date} onChange={(date) => patch({ date })} />
        <TimeField
          id="meeting-start"
          mode="time"
          label="开始时间"
          value={form.start}
          onChange={(start) => patch({ start })}
        />
        <TimeField id="meeting-end" mode="time" label="结束时间" value={form.end} onChange={(end) => patch({ end })} />
        <View className="form-row">
          <Text className="form-label">地点</Text>
          <Input
            id="meeting-place"
            className="form-input"
            value={form.place}
            maxlength={60}
            placeholder="如：三楼第一会议室"
            onInput={(e) => patch({ place: e.detail.value })}
          />
        </View>
      </View>

      <View className="card form-card">
        <Text className="form-block-label">第一议题</Text>
        <Textarea
          id="meeting-agenda"
          className="form-textarea form-textarea-small"
          value={form.agenda}
          maxlength={200}
          placeholder="学习的第一议题内容"
          onInput={(e) => patch({ agenda: e.detail.value })}
        />
        <Text className="form-block-label">会议内容</Text>
        <Textarea
          id="meeting-notes"
          className="form-textarea"
          value={form.notes}
          maxlength={2000}
          placeholder="议程、准备事项等（选填）"
          onInput={(e) => patch({ notes: e.detail.value })}
        />
      </View>

      <View className="card form-card">
        <View className="form-row" id="meeting-attendees" onClick={openAttendees}>
          <Text className="form-label">应到人员</Text>
          <Text className="form-value">{expectedSummary} ›</Text>
        </View>
        <View className="form-row">
          <Text className="form-label">全机关开放</Text>
          <Switch
            id="meeting-open"
            checked={form.open}
            color="#c8102e"
            onChange={(e) => patch({ open: e.detail.value })}
          />
        </View>
        <Text className="form-hint">
          {leadership
            ? '民主生活会由机关党委或党总支召开，请选择参会的领导班子成员（默认勾选机关党委管理员和各支部书记、副书记）'
            : '开放后，其他支部的党员也可扫码参加（如党课、主题党日）'}
        </Text>
      </View>

      <View className="card form-card">
        <Text className="form-block-label">签到时段（分钟）</Text>
        <View className="window-fields">
          <View className="window-field">
            <Input
              id="window-open"
              className="form-input window-input"
              type="number"
              value={form.opensBeforeMin}
              maxlength={3}
              onInput={(e) => patch({ opensBeforeMin: e.detail.value })}
            />
            <Text className="window-label">开始前开放</Text>
          </View>
          <View className="window-field">
            <Input
              id="window-close"
              className="form-input window-input"
              type="number"
              value={form.closesAfterMin}
              maxlength={3}
              onInput={(e) => patch({ closesAfterMin: e.detail.value })}
            />
            <Text className="window-label">开始后关闭</Text>
          </View>
          <View className="window-field">
            <Input
              id="window-grace"
              className="form-input window-input"
              type="number"
              value={form.graceMin}
              maxlength={3}
              onInput={(e) => patch({ graceMin: e.detail.value })}
            />
            <Text className="window-label">迟到宽限</Text>
          </View>
        </View>
        <View className="form-row">
          <Text className="form-label">打印签到码</Text>
          <Switch
            id="meeting-static"
            checked={form.staticCode}
            color="#c8102e"
            onChange={(e) => patch({ staticCode: e.detail.value })}
          />
        </View>
        <Text className="form-hint">固定的小程序码可打印张贴，但无法防止转发照片代签，仅在签到时段内有效</Text>
      </View>

      {formError && (
        <View className="form-error" id="meeting-form-error" role="alert">
          {formError}
        </View>
      )}
      {conflict.notice}
      <View className="edit-actions">
        {editId && (
          <Button id="meeting-cancel" fill="outline" disabled={saving} onClick={() => setCancelOpen(true)}>
            取消会议
          </Button>
        )}
        <Button id="meeting-submit" type="primary" loading={saving} onClick={submit}>
          {editId ? '保存修改' : '创建会议'}
        </Button>
      </View>

      <ReasonDialog
        open={cancelOpen}
        title="取消会议"
        description="请填写取消原因，党员将在会议详情中看到。"
        placeholder="如：与上级会议时间冲突，改期举行"
        confirmText="下一步"
        busy={saving}
        error={cancelError}
        onCancel={() => {
          setCancelOpen(false)
          setCancelError(null)
        }}
        onConfirm={confirmCancel}
      />
    </View>
  )
}
