import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DetailScreen } from '@/components/kit/detail-screen'
import { usePageParams } from '@/components/kit/use-page-params'
import { MAKEUP_KIND_LABELS } from '@/domain/makeup.rules'
import { formatDateTime } from '@/domain/time'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

/**
 * Who missed a meeting (缺席 or 请假) and who has done 补学, with what they wrote. Those still owing come first, in
 * one list (a card per person spread a branch's absentees over screens); a row opens her year.
 */
export default function MakeupsPage() {
  const params = usePageParams()
  const meetingId = params?.id ?? ''
  const makeups = useProcedure('meeting.makeups', { meetingId }, { enabled: !!meetingId })

  return (
    <DetailScreen query={makeups} pageClassName="makeups" skeleton={{ cards: 2, rows: 3 }}>
      {(data) => (
        <>
          <View className="card">
            <Text className="makeups-title">{data.meeting.title}</Text>
            <Text className="muted">{formatDateTime(data.meeting.startAt)}</Text>
            <Text className="makeups-sum" id="makeups-sum">
              应补学 {data.rows.length} 人 · 已补学 {data.done} 人 · 未补学 {data.owed} 人
            </Text>
            {!data.recordReady && (
              <View className="form-error">会议纪实尚未完成：完成后缺席、请假的党员才能补学。</View>
            )}
            <Text className="muted">补学：缺席或请假的党员阅读会议纪实，并写不少于 20 字的学习体会。</Text>
          </View>
          {data.rows.length === 0 ? (
            <View className="card">
              <Text className="muted">本次会议没有缺席或请假的党员。</Text>
            </View>
          ) : (
            <View className="card makeups-list">
              {data.rows.map((r) => (
                // Her whole year (meetings, 补学, study, tests) is one tap away: the secretary follows a person up,
                // not one meeting.
                <View
                  key={r.memberId}
                  className="makeups-row"
                  data-member-id={r.memberId}
                  role="button"
                  onClick={() =>
                    Taro.navigateTo({ url: `${ROUTES.meetingYear}?memberId=${encodeURIComponent(r.memberId)}` })
                  }
                >
                  <View className="makeups-row-head">
                    <Text className="makeups-name">{r.name}</Text>
                    <Text className="muted">{MAKEUP_KIND_LABELS[r.kind]}</Text>
                    <Text className={`makeups-state makeups-state-${r.done ? 'done' : 'open'}`}>
                      {r.done ? '已补学' : '未补学'}
                    </Text>
                    <Text className="makeups-more" aria-hidden>
                      ›
                    </Text>
                  </View>
                  {r.done && (
                    <>
                      <Text className="makeups-reflection">{r.done.reflection}</Text>
                      <Text className="muted makeups-at">补学于 {formatDateTime(r.done.at)}</Text>
                    </>
                  )}
                </View>
              ))}
            </View>
          )}
        </>
      )}
    </DetailScreen>
  )
}
