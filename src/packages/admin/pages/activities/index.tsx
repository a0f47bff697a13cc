import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivityView } from '@/contract'
import { placesText } from '@/components/activity-format'
import { ListScreen } from '@/components/kit'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { china } from '@/domain/time'
import { messageOf, useMutation, usePagedProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import { ACTIVITY_PHASE_LABELS, activityPhase } from '../../components/activity-labels'
import './index.scss'

const go = (url: string) => Taro.navigateTo({ url })
const withId = (url: string, id: string, extra = '') => `${url}?id=${encodeURIComponent(id)}${extra}`

const TWO_HOURS = 2 * 3600_000
const finished = (a: { endAt: string }) => Date.now() > new Date(a.endAt).getTime() + TWO_HOURS

function ActivityRow({ a }: { a: ActivityView }) {
  const phase = activityPhase(a)
  return (
    <View className="card aa-item" data-activity-id={a.id}>
      <View className="aa-item-head" onClick={() => go(withId(ROUTES.adminActivityEdit, a.id))}>
        <Text className={`aa-kind aa-kind-${a.kind}`}>
          {a.kindLabel} · {a.subType}
        </Text>
        <Text className={`aa-status aa-status-${phase}`}>{ACTIVITY_PHASE_LABELS[phase]}</Text>
      </View>
      <Text className="aa-item-title" onClick={() => go(withId(ROUTES.adminActivityEdit, a.id))}>
        {a.title}
      </Text>
      <Text className="aa-item-line">{meetingTime(a)}</Text>
      <Text className="aa-item-line">
        {a.capacity === null ? `已报名 ${a.taken} 人 · 不限名额` : `已报名 ${a.taken}/${a.capacity} · ${placesText(a)}`}
        {a.waitlistCount ? ` · 候补 ${a.waitlistCount} 人` : ''}
      </Text>
      <View className="aa-item-actions">
        <Button
          size="small"
          fill="outline"
          className="aa-edit"
          onClick={() => go(withId(ROUTES.adminActivityEdit, a.id))}
        >
          编辑
        </Button>
        {a.status !== 'draft' && (
          <>
            <Button
              size="small"
              fill="outline"
              className="aa-roster"
              onClick={() => go(withId(ROUTES.adminActivityRoster, a.id))}
            >
              名单
            </Button>
            {/* No codes for a finished activity: the cloud refuses them two hours after the end. */}
            {!finished(a) && (
              <>
                <Button
                  size="small"
                  type="primary"
                  className="aa-qr-in"
                  onClick={() => go(withId(ROUTES.adminActivityQr, a.id, '&mode=in'))}
                >
                  签到码
                </Button>
                {a.kind === 'volunteer' && (
                  <Button
                    size="small"
                    type="primary"
                    className="aa-qr-out"
                    onClick={() => go(withId(ROUTES.adminActivityQr, a.id, '&mode=out'))}
                  >
                    签退码
                  </Button>
                )}
              </>
            )}
          </>
        )}
      </View>
    </View>
  )
}

/** 活动管理: every activity (drafts too), latest first, 20 at a time. */
export default function ActivitiesAdminPage() {
  const list = usePagedProcedure('activity.manage', {})
  const hoursReport = useMutation('archive.volunteerHours')

  const onHoursReport = async () => {
    try {
      const file = await hoursReport.run({ year: china(Date.now()).year() })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  return (
    <ListScreen
      query={list}
      pageClassName="activities-admin"
      unit="个活动"
      empty={{ icon: '志', title: '还没有活动', description: '点击“新建活动”，发布志愿服务或工会活动' }}
      renderItem={(a) => <ActivityRow a={a} />}
      header={
        <View className="aa-toolbar">
          <Text className="muted">志愿服务与工会活动</Text>
          <View className="aa-toolbar-actions">
            <Button
              id="activity-hours-report"
              size="small"
              fill="outline"
              loading={hoursReport.pending}
              onClick={onHoursReport}
            >
              本年志愿时长
            </Button>
            <Button id="activity-new" size="small" type="primary" onClick={() => go(ROUTES.adminActivityEdit)}>
              新建活动
            </Button>
          </View>
        </View>
      }
    />
  )
}
