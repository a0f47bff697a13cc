import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ActivityView, SignupView } from '@/contract'
import type { SignupStatus } from '@/domain/activity.rules'
import { formatDateTime } from '@/domain/time'
import { hoursText, myStatusText, placesText } from '@/components/activity-format'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { ReasonDialog } from '@/components/reason-dialog'
import { usePageParams } from '@/components/kit/use-page-params'
import { messageOf, useMutation, usePagedProcedure, usePullToRefresh } from '@/remote'
import { ROUTES } from '@/routes'
import { ACTIVITY_PHASE_LABELS, activityPhase } from '../../components/activity-labels'
import { ActivityRemindLog } from '../../components/remind-card'
import './index.scss'

const TABS: Array<{ key: SignupStatus | undefined; label: string }> = [
  { key: undefined, label: '全部' },
  { key: 'confirmed', label: '报名成功' },
  { key: 'waitlisted', label: '候补' },
  { key: 'pending', label: '待审核' },
  { key: 'cancelled', label: '已取消' },
  { key: 'rejected', label: '未通过' },
]

/** 修改时长: hours (to a tenth) and the reason, recorded in the audit log. */
function HoursDialog({
  signup,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  signup: SignupView | null
  busy: boolean
  error: string | null
  onConfirm(tenths: number, reason: string): void
  onCancel(): void
}) {
  const [hours, setHours] = useState('')
  const [reason, setReason] = useState('')
  const [hint, setHint] = useState<string | null>(null)
  useEffect(() => {
    if (signup) {
      setHours(signup.hours === null ? '' : hoursText(signup.hours))
      setReason('')
      setHint(null)
    }
  }, [signup])
  if (!signup) return null
  const submit = () => {
    const h = hours.trim()
    if (!/^\d{1,3}(\.\d)?$/.test(h) || Number(h) > 240) return setHint('时长请填写 0–240 之间的数字，最多一位小数')
    if (reason.trim().length < 2) return setHint('请填写修改原因（至少 2 个字）')
    setHint(null)
    onConfirm(Math.round(Number(h) * 10), reason.trim())
  }
  return (
    <View className="reason-dialog-mask" catchMove>
      <View className="reason-dialog" role="dialog" aria-label="修改服务时长">
        <Text className="reason-dialog-title">修改服务时长</Text>
        <Text className="reason-dialog-desc">{signup.memberName}：修改会记入操作日志。</Text>
        <View className="ar-hours-row">
          <Input
            id="hours-input"
            className="ar-hours-input"
            type="digit"
            value={hours}
            maxlength={5}
            placeholder="如 2.5"
            onInput={(e) => setHours(e.detail.value)}
          />
          <Text className="ar-hours-unit">小时</Text>
        </View>
        <Textarea
          id="hours-reason"
          className="reason-dialog-input"
          value={reason}
          maxlength={100}
          placeholder="修改原因，如：提前到场布置"
          onInput={(e) => setReason(e.detail.value)}
        />
        {(hint || error) && (
          <View className="form-error" role="alert">
            {hint || error}
          </View>
        )}
        <View className="reason-dialog-actions">
          <Button fill="outline" disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button id="hours-confirm" type="primary" loading={busy} onClick={submit}>
            确定
          </Button>
        </View>
      </View>
    </View>
  )
}

export default function ActivityRosterPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  const [status, setStatus] = useState<SignupStatus | undefined>(undefined)
  // Refetched on show: back from the code screen, check-ins changed the list.
  const list = usePagedProcedure(
    'activity.roster',
    { activityId: id, ...(status ? { status } : {}) },
    { enabled: !!id },
  )
  usePullToRefresh(list.refetch)
  const { items, total, hasMore, loadingMore, loadMore, error } = list
  // The head (the activity, the tab counts) stays on screen while another tab's first page comes.
  const head = useRef<{ activity: ActivityView; counts: Record<SignupStatus, number> } | null>(null)
  if (list.data) head.current = { activity: list.data.activity, counts: list.data.counts }
  const activity = head.current?.activity ?? null
  const counts = head.current?.counts ?? null
  // Every decision moves people between tabs and changes the places: this roster, the members' activity pages and
  // lists, and 我的志愿服务时长 all follow.
  const change = { invalidates: ['activity', 'member.year'] }
  const reviewM = useMutation('activity.review', change)
  const promoteM = useMutation('activity.promote', change)
  const hoursM = useMutation('activity.setHours', change)
  const closeM = useMutation('activity.closeSignup', change)
  const exporter = useMutation('activity.exportRoster')
  const [busyId, setBusyId] = useState<string | null>(null)
  const busyWith = async <T,>(signupId: string, run: () => Promise<T>): Promise<T> => {
    setBusyId(signupId)
    try {
      return await run()
    } finally {
      setBusyId(null)
    }
  }
  const review = (signupId: string, approve: boolean, reason?: string) =>
    busyWith(signupId, async () => (await reviewM.run({ signupId, approve, ...(reason ? { reason } : {}) })).signup)
  const promote = (signupId: string, reason: string) =>
    busyWith(signupId, async () => (await promoteM.run({ signupId, ...(reason ? { reason } : {}) })).signup)
  const setHours = (signupId: string, tenths: number, reason: string) =>
    busyWith(signupId, async () => (await hoursM.run({ signupId, tenths, reason })).signup)
  const [dialog, setDialog] = useState<{ kind: 'promote' | 'reject'; signup: SignupView } | null>(null)
  const [hoursFor, setHoursFor] = useState<SignupView | null>(null)
  const [dialogError, setDialogError] = useState<string | null>(null)

  if (error && !activity) {
    return (
      <View className="page">
        <ErrorState error={error} onRetry={() => void list.refetch()} />
      </View>
    )
  }
  if (!activity) {
    return (
      <View className="page">
        <LoadingSkeleton cards={3} rows={2} />
      </View>
    )
  }

  const phase = activityPhase(activity)
  const volunteer = activity.kind === 'volunteer'
  const all = counts ? Object.values(counts).reduce((s, n) => s + n, 0) : 0
  const countOf = (k: SignupStatus | undefined) => (counts ? (k ? counts[k] : all) : 0)

  const approve = async (s: SignupView) => {
    const { confirm } = await Taro.showModal({
      title: '通过报名',
      content: `通过 ${s.memberName} 的报名？有名额时报名成功，否则进入候补。`,
      confirmText: '通过',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      const out = await review(s.id, true)
      Taro.showToast({ title: out.status === 'waitlisted' ? '已通过，进入候补' : '已通过', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }
  const onDialogConfirm = async (reason: string) => {
    if (!dialog) return
    try {
      if (dialog.kind === 'promote') {
        await promote(dialog.signup.id, reason)
        Taro.showToast({ title: '已递补', icon: 'success' })
      } else {
        await review(dialog.signup.id, false, reason || undefined)
        Taro.showToast({ title: '已驳回', icon: 'success' })
      }
      setDialog(null)
      setDialogError(null)
    } catch (e) {
      setDialogError(messageOf(e))
    }
  }
  const onHoursConfirm = async (tenths: number, reason: string) => {
    if (!hoursFor) return
    try {
      await setHours(hoursFor.id, tenths, reason)
      setHoursFor(null)
      setDialogError(null)
      Taro.showToast({ title: '时长已修改', icon: 'success' })
    } catch (e) {
      setDialogError(messageOf(e))
    }
  }
  const onClose = async () => {
    const { confirm } = await Taro.showModal({
      title: '截止报名',
      content: '截止后党员不能再报名，已报名和候补的人员不受影响。确定截止报名吗？',
      confirmText: '截止报名',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      await closeM.run({ activityId: activity.id })
      Taro.showToast({ title: '已截止报名', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }
  const onExport = async () => {
    try {
      const file = await exporter.run({ activityId: activity.id })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }
  const qr = (mode: 'in' | 'out') =>
    Taro.navigateTo({ url: `${ROUTES.adminActivityQr}?id=${encodeURIComponent(activity.id)}&mode=${mode}` })
  const labelOf = (key: string) => activity.extraFields.find((f) => f.key === key)?.label ?? key

  return (
    <View className="page activity-roster">
      <View className="card ar-head">
        <View className="ar-head-top">
          <Text className={`aa-kind aa-kind-${activity.kind}`}>
            {activity.kindLabel} · {activity.subType}
          </Text>
          <Text className={`aa-status aa-status-${phase}`}>{ACTIVITY_PHASE_LABELS[phase]}</Text>
        </View>
        <Text className="ar-title">{activity.title}</Text>
        <Text className="ar-line">{meetingTime(activity)}</Text>
        <Text className="ar-line" id="roster-places">
          {activity.capacity === null
            ? `已报名 ${activity.taken} 人 · 不限名额`
            : `已报名 ${activity.taken}/${activity.capacity} · ${placesText(activity)}`}
          {activity.waitlistCount ? ` · 候补 ${activity.waitlistCount} 人` : ''}
        </Text>
        <View className="ar-actions">
          <Button id="roster-qr-in" size="small" type="primary" onClick={() => qr('in')}>
            签到码
          </Button>
          {volunteer && (
            <Button id="roster-qr-out" size="small" type="primary" onClick={() => qr('out')}>
              签退码
            </Button>
          )}
          <Button id="roster-export" size="small" fill="outline" loading={exporter.pending} onClick={onExport}>
            导出名单
          </Button>
          {activity.status === 'published' && (
            <Button id="roster-close" size="small" fill="outline" onClick={onClose}>
              截止报名
            </Button>
          )}
        </View>
      </View>

      <ActivityRemindLog activityId={activity.id} />

      <View className="ar-tabs">
        {TABS.map((t) => (
          <View
            key={t.label}
            className={`ar-tab ${status === t.key ? 'ar-tab-active' : ''}`}
            data-status={t.key ?? 'all'}
            onClick={() => setStatus(t.key)}
          >
            {t.label}
            <Text className="ar-tab-count">{countOf(t.key)}</Text>
          </View>
        ))}
      </View>

      {error && !items.length ? (
        <ErrorState error={error} onRetry={() => void list.refetch()} />
      ) : list.loading ? (
        <LoadingSkeleton cards={1} rows={4} />
      ) : !items.length ? (
        <EmptyState
          icon="名"
          title="这里还没有人"
          description={status ? '切换上方的状态查看其他人员' : '党员报名后会出现在这里'}
        />
      ) : (
        <View className="card ar-list">
          {items.map((s) => (
            <View key={s.id} className="ar-row" data-signup-id={s.id} data-member-name={s.memberName}>
              <View className="ar-row-main">
                <View className="ar-row-top">
                  <Text className="ar-name">{s.memberName}</Text>
                  <Text className="muted">{s.branchName}</Text>
                  <Text className={`ar-status ar-status-${s.status}`}>{myStatusText(s)}</Text>
                </View>
                {s.extra.length > 0 && (
                  <Text className="ar-row-line">{s.extra.map((e) => `${labelOf(e.key)}：${e.value}`).join('；')}</Text>
                )}
                <Text className="ar-row-line">
                  报名 {formatDateTime(s.createdAt)}
                  {s.checkInAt ? ` · 签到 ${formatDateTime(s.checkInAt).slice(11)}` : ''}
                  {s.checkOutAt ? ` · 签退 ${formatDateTime(s.checkOutAt).slice(11)}` : ''}
                  {volunteer && s.hours !== null ? ` · ${hoursText(s.hours)} 小时` : ''}
                </Text>
                {s.hoursEdited && (
                  <Text className="ar-row-line ar-hours-edited">
                    时长已由 {s.hoursEdited.byName} 修改：{s.hoursEdited.reason}
                  </Text>
                )}
                {s.rejectReason && <Text className="ar-row-line">未通过原因：{s.rejectReason}</Text>}
              </View>
              <View className="ar-row-actions">
                {s.status === 'pending' && (
                  <>
                    <Button
                      className="ar-approve"
                      size="small"
                      type="primary"
                      loading={busyId === s.id}
                      onClick={() => approve(s)}
                    >
                      通过
                    </Button>
                    <Button
                      className="ar-reject"
                      size="small"
                      fill="outline"
                      disabled={busyId === s.id}
                      onClick={() => setDialog({ kind: 'reject', signup: s })}
                    >
                      驳回
                    </Button>
                  </>
                )}
                {s.status === 'waitlisted' && (
                  <Button
                    className="ar-promote"
                    size="small"
                    fill="outline"
                    loading={busyId === s.id}
                    onClick={() => setDialog({ kind: 'promote', signup: s })}
                  >
                    手动递补
                  </Button>
                )}
                {s.status === 'confirmed' && volunteer && (
                  <Button
                    className="ar-hours"
                    size="small"
                    fill="outline"
                    loading={busyId === s.id}
                    onClick={() => setHoursFor(s)}
                  >
                    修改时长
                  </Button>
                )}
              </View>
            </View>
          ))}
          <View className="list-footer">
            {error ? (
              <View className="form-error" onClick={() => void loadMore()}>
                {error.message}，点此再试一次
              </View>
            ) : hasMore ? (
              <Button size="small" fill="none" loading={loadingMore} onClick={() => void loadMore()}>
                加载更多
              </Button>
            ) : (
              <Text className="muted">共 {total} 人</Text>
            )}
          </View>
        </View>
      )}

      <ReasonDialog
        open={!!dialog}
        title={
          dialog?.kind === 'promote'
            ? `手动递补 ${dialog.signup.memberName}`
            : `驳回 ${dialog?.signup.memberName ?? ''} 的报名`
        }
        description={
          dialog?.kind === 'promote'
            ? dialog.signup.position === 1
              ? '候补第 1 位，按顺序递补（需有空余名额），操作记入日志。'
              : `候补第 ${dialog.signup.position ?? '?'} 位，不按顺序递补须注明原因，记入日志。`
            : '请填写驳回原因，报名人将看到。'
        }
        placeholder={dialog?.kind === 'promote' ? '如：懂手语，活动需要' : '如：本次仅限本支部'}
        minLength={dialog?.kind === 'promote' && dialog.signup.position === 1 ? 0 : 2}
        confirmText={dialog?.kind === 'promote' ? '递补' : '驳回'}
        busy={!!busyId}
        error={dialogError}
        onCancel={() => {
          setDialog(null)
          setDialogError(null)
        }}
        onConfirm={onDialogConfirm}
      />
      <HoursDialog
        signup={hoursFor}
        busy={!!busyId}
        error={dialogError}
        onCancel={() => {
          setHoursFor(null)
          setDialogError(null)
        }}
        onConfirm={onHoursConfirm}
      />
    </View>
  )
}
