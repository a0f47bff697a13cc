import { Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActivityView, ExtraField, SignupView } from '@/contract'
import { onSiteWindow } from '@/domain/activity.rules'
import { formatDateTime } from '@/domain/time'
import { myStatusText, placesText, SIGNUP_STATE_LABELS, statusTone } from '@/components/activity-format'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { usePageParams } from '@/components/kit/use-page-params'
import { messageOf, useMutation, useProcedure, usePullToRefresh } from '@/remote'
import { updateProcedure } from '@/remote/patch'
import { ROUTES } from '@/routes'
import './index.scss'
import { altProps } from '@/components/alt'
import { checkExtraAnswers } from '@/domain/extra-fields'

const isWeapp = process.env.TARO_ENV === 'weapp'

/** The "you got a place" subscribe-message template, as the cloud's detail answer names it (null: none set up). */
function promotionTemplate(fromCloud: string | null | undefined): string | null {
  return fromCloud || null
}

const ACTIVE: ReadonlyArray<SignupView['status']> = ['confirmed', 'waitlisted', 'pending']

function ExtraFieldRow({ f, value, onChange }: { f: ExtraField; value: string; onChange(v: string): void }) {
  const label = (
    <Text className="act-extra-label">
      {f.label}
      {f.required && <Text className="act-extra-required"> *</Text>}
    </Text>
  )
  if (f.type === 'text') {
    return (
      <View className="act-extra">
        {label}
        <Input
          id={`extra-${f.key}`}
          className="act-extra-input"
          value={value}
          maxlength={100}
          placeholder={`请填写${f.label}`}
          onInput={(e) => onChange(e.detail.value)}
        />
      </View>
    )
  }
  const options = f.type === 'bool' ? ['是', '否'] : (f.options ?? [])
  return (
    <View className="act-extra" id={`extra-${f.key}`}>
      {label}
      <View className="act-options">
        {options.map((o) => (
          <View
            key={o}
            className={`act-option ${value === o ? 'act-option-active' : ''}`}
            data-option={o}
            onClick={() => onChange(value === o ? '' : o)}
          >
            {o}
          </View>
        ))}
      </View>
    </View>
  )
}

export default function ActivityDetailPage() {
  const params = usePageParams()
  const id = params?.id ?? ''
  // Refetched when the page shows again: back from check-in, the status reads 已签到 / 已签退.
  const detail = useProcedure('activity.detail', { activityId: id }, { enabled: !!id })
  usePullToRefresh(detail.refetch)
  const activity = detail.data?.activity ?? null
  const mine = detail.data?.mine ?? null
  const error = detail.error
  const templateFromCloud = detail.data?.subscribeTemplateId || null
  // Signing up or cancelling answers with the activity as it now stands (places, waitlist) and the member's sign-up:
  // the page shows those instead of reading the activity again (issue 11); the lists that count places follow.
  const settle = {
    invalidates: ['activity.list', 'activity.manage', 'activity.roster', 'member.today'],
    onSuccess: (out: { signup: SignupView; activity: ActivityView }) =>
      updateProcedure('activity.detail', { activityId: id }, (old) =>
        old ? { ...old, activity: out.activity, mine: out.signup } : old,
      ),
  }
  const signupM = useMutation('activity.signup', settle)
  const cancelM = useMutation('activity.cancel', settle)
  const subscribeM = useMutation('activity.subscribe')
  const busy = signupM.pending || cancelM.pending
  const [values, setValues] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState<string | null>(null)

  if (error && !activity) {
    if (error.code === 'NOT_FOUND') {
      return (
        <View className="page">
          <EmptyState icon="志" title="没有找到该活动" description="活动可能不对您所在的支部开放" />
        </View>
      )
    }
    return (
      <View className="page">
        <ErrorState error={error} onRetry={() => void detail.refetch()} />
      </View>
    )
  }
  if (!activity) {
    return (
      <View className="page">
        <LoadingSkeleton cards={3} rows={3} />
      </View>
    )
  }

  const active = mine && ACTIVE.includes(mine.status) ? mine : null
  const canSignUp = !active && activity.signupState === 'open' && mine?.status !== 'rejected'
  const full = activity.placesLeft === 0

  const template = promotionTemplate(templateFromCloud)
  const askPromotionNotice = async () => {
    if (!template) return
    const { confirm } = await Taro.showModal({
      title: '有名额时通知我',
      content: '有人取消时，候补会按顺序自动递补。递补成功后是否通过微信通知您？',
      confirmText: '通知我',
      cancelText: '不用了',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      let accepted = true
      if (isWeapp) {
        const res = (await Taro.requestSubscribeMessage({
          tmplIds: [template],
        } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
        accepted = res[template] === 'accept'
      }
      await subscribeM.run({ templateId: template, accepted })
      if (accepted) Taro.showToast({ title: '递补后将通知您', icon: 'success' })
    } catch {
      Taro.showToast({ title: '未能订阅通知', icon: 'none' })
    }
  }

  const submit = async () => {
    // The cloud's own check: the member hears about an empty or wrong field before anything is sent.
    const checked = checkExtraAnswers(activity.extraFields, values)
    if (!checked.ok) {
      setFormError(checked.message)
      return
    }
    setFormError(null)
    try {
      const extra = checked.values
      const out = await signupM.run({ activityId: id, ...(extra.length ? { extra } : {}) })
      const s = out.signup
      if (out.already) Taro.showToast({ title: '您已报名该活动', icon: 'none' })
      else if (s.status === 'waitlisted') {
        Taro.showToast({ title: `已进入候补，第 ${s.position ?? '?'} 位`, icon: 'none', duration: 2500 })
        await askPromotionNotice()
      } else if (s.status === 'pending') Taro.showToast({ title: '已提交，等待审核', icon: 'none' })
      else Taro.showToast({ title: '报名成功', icon: 'success' })
    } catch (e) {
      setFormError(messageOf(e))
    }
  }

  const askCancel = async () => {
    const { confirm } = await Taro.showModal({
      title: '取消报名',
      content:
        active?.status === 'waitlisted'
          ? '取消后将退出候补名单，确定取消吗？'
          : '取消后名额将让给候补的同志，确定取消报名吗？',
      confirmText: '取消报名',
      cancelText: '再想想',
      confirmColor: '#c8102e',
    })
    if (!confirm) return
    try {
      await cancelM.run({ activityId: id })
      Taro.showToast({ title: '已取消报名', icon: 'success' })
    } catch (e) {
      Taro.showModal({ title: '未能取消', content: messageOf(e), showCancel: false })
    }
  }

  const confirmed = active?.status === 'confirmed'
  const checkedOut = !!active?.checkOutAt
  // The scan button only while the on-site window is open (the rule the cloud checks); before that, when it opens.
  const onSite = onSiteWindow(new Date(activity.startAt), new Date(activity.endAt))
  const nowMs = Date.now()
  const onSiteOpen = nowMs >= onSite.opens.getTime() && nowMs <= onSite.closes.getTime()
  const scanLabel =
    !confirmed || !onSiteOpen
      ? ''
      : !active?.checkInAt
        ? '扫码签到'
        : activity.kind === 'volunteer' && !checkedOut
          ? '扫码签退'
          : ''

  return (
    <View className="page act-detail">
      {activity.coverUrl && (
        <Image
          className="act-detail-cover"
          src={activity.coverUrl}
          mode="aspectFill"
          {...altProps(`${activity.title}封面`)}
        />
      )}
      <View className="card">
        <View className="act-detail-tags">
          <Text className={`act-detail-kind act-detail-kind-${activity.kind}`}>
            {activity.kindLabel} · {activity.subType}
          </Text>
          <Text className={`act-detail-state act-detail-state-${activity.signupState}`}>
            {SIGNUP_STATE_LABELS[activity.signupState]}
          </Text>
        </View>
        <Text className="act-detail-title">{activity.title}</Text>
        <View className="act-detail-rows">
          <View className="act-row">
            <Text className="act-row-label">活动时间</Text>
            <Text className="act-row-value">{meetingTime(activity)}</Text>
          </View>
          <View className="act-row">
            <Text className="act-row-label">活动地点</Text>
            <Text className="act-row-value">{activity.place}</Text>
          </View>
          <View className="act-row">
            <Text className="act-row-label">报名时间</Text>
            <Text className="act-row-value">
              {formatDateTime(activity.signupOpenAt)} 至 {formatDateTime(activity.signupCloseAt)}
            </Text>
          </View>
          <View className="act-row">
            <Text className="act-row-label">名额</Text>
            <Text className={`act-row-value act-detail-places ${full ? 'act-detail-places-full' : ''}`} id="act-places">
              {activity.capacity === null ? '不限名额' : `共 ${activity.capacity} 个，${placesText(activity)}`}
              {activity.waitlistCount > 0 ? `，候补 ${activity.waitlistCount} 人` : ''}
            </Text>
          </View>
          {activity.cancelUntil && (
            <View className="act-row">
              <Text className="act-row-label">取消截止</Text>
              <Text className="act-row-value">{formatDateTime(activity.cancelUntil)}</Text>
            </View>
          )}
        </View>
        {(activity.approval || activity.rotationMonths) && (
          <Text className="act-detail-note">
            {[
              activity.approval ? '报名需经组织者审核' : '',
              activity.rotationMonths
                ? `近 ${activity.rotationMonths} 个月内参加过“${activity.subType}”的同志不能报名`
                : '',
            ]
              .filter(Boolean)
              .join('；')}
          </Text>
        )}
      </View>

      {active && (
        <View className="card act-mine" id="act-mine">
          <View className="act-mine-head">
            <Text className="act-mine-title">我的报名</Text>
            <Text className={`act-mine-status act-mine-status-${statusTone(active)}`} id="act-my-status">
              {myStatusText(active)}
            </Text>
          </View>
          {active.status === 'waitlisted' && (
            <Text className="muted">有人取消时按候补顺序自动递补，递补成功后会通知您。</Text>
          )}
          {active.status === 'pending' && <Text className="muted">组织者审核后，您会看到报名结果。</Text>}
          {active.checkInAt && <Text className="act-mine-line">签到时间 {formatDateTime(active.checkInAt)}</Text>}
          {active.checkOutAt && <Text className="act-mine-line">签退时间 {formatDateTime(active.checkOutAt)}</Text>}
          {active.hours !== null && activity.kind === 'volunteer' && (
            <Text className="act-mine-line">服务时长 {active.hours.toFixed(1)} 小时</Text>
          )}
          {active.extra.length > 0 && (
            <View className="act-mine-extra">
              {active.extra.map((e) => (
                <Text key={e.key} className="act-mine-line">
                  {activity.extraFields.find((f) => f.key === e.key)?.label ?? e.key}：{e.value}
                </Text>
              ))}
            </View>
          )}
          <View className="act-mine-actions">
            {confirmed && !active.checkInAt && nowMs < onSite.opens.getTime() && (
              <Text className="muted act-scan-later" id="act-scan-later">
                现场签到将于 {formatDateTime(onSite.opens)} 开放（活动开始时）
              </Text>
            )}
            {scanLabel && (
              <Button
                id="act-scan"
                type="primary"
                size="small"
                onClick={() => Taro.navigateTo({ url: `${ROUTES.activityCheckIn}${isWeapp ? '?scan=1' : ''}` })}
              >
                {scanLabel}
              </Button>
            )}
            {!active.checkInAt && (
              <Button id="act-cancel" size="small" fill="outline" loading={busy} onClick={askCancel}>
                取消报名
              </Button>
            )}
          </View>
        </View>
      )}

      <View className="card">
        <Text className="act-section-title">活动介绍</Text>
        <Text className="act-desc">{activity.description}</Text>
      </View>

      {canSignUp && (
        <View className="card act-form" id="act-form">
          <Text className="act-section-title">报名</Text>
          {activity.extraFields.map((f) => (
            <ExtraFieldRow
              key={f.key}
              f={f}
              value={values[f.key] ?? ''}
              onChange={(v) => {
                setValues({ ...values, [f.key]: v })
                setFormError(null)
              }}
            />
          ))}
          {full && activity.waitlist && (
            <Text className="act-form-hint">名额已满，报名后进入候补，有人取消时按顺序递补。</Text>
          )}
          {formError && (
            <View className="form-error" id="act-form-error" role="alert">
              {formError}
            </View>
          )}
          <Button
            id="act-signup"
            className="act-signup"
            type="primary"
            block
            loading={busy}
            disabled={full && !activity.waitlist}
            onClick={submit}
          >
            {full ? (activity.waitlist ? '报名候补' : '名额已满') : '立即报名'}
          </Button>
        </View>
      )}
      {!active && !canSignUp && (
        <View className="card act-closed">
          <Text className="muted">
            {mine?.status === 'rejected'
              ? '您的报名未通过审核，如有疑问请联系活动组织者'
              : activity.signupState === 'not_open'
                ? `报名将于 ${formatDateTime(activity.signupOpenAt)} 开始`
                : '报名已截止'}
          </Text>
        </View>
      )}
    </View>
  )
}
