import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { placesText } from '@/components/activity-format'
import { meetingTime } from '@/components/meeting-format'
import { Button } from '@/components/nut'
import { openExportedFile } from '@/components/open-file'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { china } from '@/domain/time'
import { messageOf, useMutation } from '@/remote'
import { ROUTES } from '@/routes'
import { selectActivityAdminHasMore, useActivityAdminListStore } from '@/stores/activity-admin-list.store'
import { ACTIVITY_PHASE_LABELS, activityPhase } from '../../components/activity-labels'
import './index.scss'

const go = (url: string) => Taro.navigateTo({ url })
const withId = (url: string, id: string, extra = '') => `${url}?id=${encodeURIComponent(id)}${extra}`

const TWO_HOURS = 2 * 3600_000
const finished = (a: { endAt: string }) => Date.now() > new Date(a.endAt).getTime() + TWO_HOURS

export default function ActivitiesAdminPage() {
  const items = useActivityAdminListStore((s) => s.items)
  const total = useActivityAdminListStore((s) => s.total)
  const loaded = useActivityAdminListStore((s) => s.loaded)
  const loadingMore = useActivityAdminListStore((s) => s.loadingMore)
  const error = useActivityAdminListStore((s) => s.error)
  const hasMore = useActivityAdminListStore(selectActivityAdminHasMore)
  const refresh = useActivityAdminListStore((s) => s.refresh)
  const loadMore = useActivityAdminListStore((s) => s.loadMore)
  const hoursReport = useMutation('archive.volunteerHours')

  const onHoursReport = async () => {
    try {
      const file = await hoursReport.run({ year: china(Date.now()).year() })
      await openExportedFile(file, file.fileName)
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 3000 })
    }
  }

  useDidShow(() => {
    refresh()
  })
  usePullDownRefresh(() => {
    refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    loadMore()
  })

  let body
  if (error && !items.length) body = <ErrorState message={error.message} onRetry={refresh} />
  else if (!loaded) body = <LoadingSkeleton cards={2} rows={3} />
  else if (!items.length)
    body = <EmptyState icon="志" title="还没有活动" description="点击“新建活动”，发布志愿服务或工会活动" />
  else
    body = (
      <View>
        {items.map((a) => {
          const phase = activityPhase(a)
          return (
            <View key={a.id} className="card aa-item" data-activity-id={a.id}>
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
                {a.capacity === null
                  ? `已报名 ${a.taken} 人 · 不限名额`
                  : `已报名 ${a.taken}/${a.capacity} · ${placesText(a)}`}
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
        })}
        <View className="list-footer">
          {error ? (
            <View className="form-error" onClick={loadMore}>
              {error.message}，点击重试
            </View>
          ) : hasMore ? (
            <Button size="small" fill="none" loading={loadingMore} onClick={loadMore}>
              加载更多
            </Button>
          ) : (
            <Text className="muted">共 {total} 个活动</Text>
          )}
        </View>
      </View>
    )

  return (
    <View className="page activities-admin">
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
      {body}
    </View>
  )
}
