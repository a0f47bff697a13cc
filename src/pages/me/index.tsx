import { Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_LABELS } from '@/domain/roles'
import { EmptyState, ErrorState, InfoList, KitButton, LoadingSkeleton, useConfirm } from '@/components/kit'
import { tokens } from '@/components/kit/tokens'
import { messageOf, useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { setElderPref, useElder } from '@/components/elder-mode'
import { useSessionStore } from '@/stores/session.store'
import './index.scss'

export default function MePage() {
  const me = useSessionStore((s) => s.me)
  const loading = useSessionStore((s) => s.loading)
  const error = useSessionStore((s) => s.error)
  const load = useSessionStore((s) => s.load)
  const requestUnbind = useSessionStore((s) => s.requestUnbind)
  const [unbinding, setUnbinding] = useState(false)
  const elder = useElder()
  // Hours only for a bound member (the cloud refuses anyone else); a check-out elsewhere changes them.
  const hoursQuery = useProcedure('activity.myHours', {}, { enabled: !!me?.member })
  const hours = hoursQuery.data
  // 补学 still owed this year: the count on the 补学 row.
  const makeupQuery = useProcedure('meeting.makeupTasks', {}, { enabled: !!me?.member })
  const makeupOpen = makeupQuery.data?.open ?? 0

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    Promise.all([load(), me?.member ? hoursQuery.refetch() : null, me?.member ? makeupQuery.refetch() : null]).finally(
      () => Taro.stopPullDownRefresh(),
    )
  })

  const confirm = useConfirm()
  const askUnbind = async () => {
    const go = await confirm({
      title: '申请解除绑定',
      content: '解除后本微信号将不能再使用党员功能，需支部书记审核。确定申请吗？',
      confirmText: '申请解绑',
      danger: true,
    })
    if (!go) return
    setUnbinding(true)
    try {
      const out = await requestUnbind()
      Taro.showToast({ title: out.status === 'requested' ? '已提交申请' : '已解除绑定', icon: 'success' })
      if (out.status === 'unbound') Taro.reLaunch({ url: ROUTES.home })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    } finally {
      setUnbinding(false)
    }
  }

  if (error && !me) {
    return (
      <View className="page me">
        <ErrorState error={error} onRetry={load} />
      </View>
    )
  }
  if (!me) {
    return (
      <View className="page me">
        <LoadingSkeleton cards={1} rows={4} />
      </View>
    )
  }

  const member = me.member
  if (!member) {
    return (
      <View className="page me">
        <EmptyState
          title={me.pending ? '等待支部审核' : '尚未绑定党员身份'}
          description={
            me.pending
              ? `已申请绑定「${me.pending.branchName}」，审核通过后即可使用`
              : '绑定花名册中的党员身份后即可使用全部功能'
          }
        >
          {!me.pending && <KitButton onClick={() => Taro.navigateTo({ url: ROUTES.bind })}>去绑定</KitButton>}
        </EmptyState>
      </View>
    )
  }

  return (
    <View className="page me">
      <View className="me-profile">
        <View className="me-avatar">{member.name.slice(-2)}</View>
        <View className="me-profile-text">
          <Text className="me-name">{member.name}</Text>
          <Text className="me-role">{ROLE_LABELS[member.role]}</Text>
        </View>
      </View>

      <InfoList
        rows={[
          { title: '手机号', value: <Text className="me-phone">{member.phoneMasked || '未登记'}</Text> },
          { title: '所在支部', value: member.branchName },
          { title: '党小组', value: member.groupName || '未分组' },
          !!member.title && { title: '党内职务', value: member.title },
          { title: '所属党委', value: me.committeeName },
        ]}
      />

      <InfoList
        rows={[
          {
            title: '志愿服务时长',
            className: 'me-hours',
            description: hours ? `${hours.year} 年` : undefined,
            value: <Text id="me-hours">{hours ? `${hours.totalHours.toFixed(1)} 小时` : ''}</Text>,
            onClick: () => Taro.navigateTo({ url: ROUTES.activityHours }),
          },
          {
            title: '长辈模式',
            className: 'me-elder',
            description: '字更大、对比更强、按钮更大',
            value: (
              <Switch
                id="me-elder"
                checked={elder}
                color={tokens.primary}
                // H5: the name for the real checkbox inside Taro's switch element (Lighthouse: form elements have labels).
                nativeProps={{ 'aria-label': '长辈模式' }}
                onChange={(e) => setElderPref(e.detail.value)}
              />
            ),
          },
          {
            title: '我的一年',
            className: 'me-year',
            description: '会议、学习、测试、活动，各项口径说明',
            onClick: () => Taro.navigateTo({ url: ROUTES.meetingYear }),
          },
          {
            title: '补学',
            className: 'me-makeup',
            description: '缺席或请假的会议：阅读纪实，写学习体会',
            value: <Text id="me-makeup">{makeupOpen ? `${makeupOpen} 项待补学` : ''}</Text>,
            onClick: () => Taro.navigateTo({ url: ROUTES.meetingMakeup }),
          },
          {
            title: '投票',
            className: 'me-votes',
            description: '票决与评选',
            onClick: () => Taro.navigateTo({ url: ROUTES.lifeVotes }),
          },
          {
            title: '民主评议',
            className: 'me-review',
            description: '自我评价与民主评议',
            onClick: () => Taro.navigateTo({ url: ROUTES.lifeReview }),
          },
        ]}
      />

      {member.role !== 'member' && (
        <InfoList
          rows={[
            {
              title: '管理',
              className: 'me-admin-entry',
              description: '花名册、绑定审核、组织架构',
              value: '进入',
              onClick: () => Taro.navigateTo({ url: ROUTES.admin }),
            },
          ]}
        />
      )}

      <InfoList
        rows={[{ title: '隐私政策', className: 'me-privacy', onClick: () => Taro.navigateTo({ url: ROUTES.privacy }) }]}
      />

      <View className="me-unbind">
        {member.unbindRequested ? (
          <Text className="me-unbind-requested">已申请，等待审核</Text>
        ) : (
          <KitButton
            className="me-unbind-button"
            kind="outline"
            block
            loading={unbinding || loading}
            onClick={askUnbind}
          >
            申请解除绑定
          </KitButton>
        )}
      </View>
    </View>
  )
}
