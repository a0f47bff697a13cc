import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DetailScreen } from '@/components/kit'
import { formatRate } from '@/domain/attendance.rules'
import { YEAR_DEFINITIONS } from '@/domain/year.rules'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

/** The secretary's list: members of her branch who fall behind this year, with why; each opens the member's year. */
export default function BehindPage() {
  const query = useProcedure('member.behind', {})
  return (
    <DetailScreen query={query} pageClassName="behind" skeleton={{ cards: 3, rows: 2 }}>
      {(b) => (
        <>
          <View className="card">
            <Text className="behind-title">
              {b.branchName} · {b.year} 年
            </Text>
            <Text className="behind-sum" id="behind-sum">
              {b.members} 名党员中 {b.rows.length} 名需要关注
            </Text>
            <Text className="muted">
              需要关注：出勤率低于 80%、有会议未补学、必读资料逾期未读、测试截止未参加（任一即列入）。
            </Text>
          </View>
          {b.rows.length === 0 ? (
            <View className="card">
              <Text className="muted">本年各项都跟上了。</Text>
            </View>
          ) : (
            b.rows.map((r) => (
              <View
                key={r.memberId}
                className="card behind-row"
                data-member-id={r.memberId}
                role="button"
                onClick={() =>
                  Taro.navigateTo({ url: `${ROUTES.meetingYear}?memberId=${encodeURIComponent(r.memberId)}` })
                }
              >
                <View className="behind-row-head">
                  <Text className="behind-name">{r.name}</Text>
                  <Text className="muted">出勤率 {formatRate(r.figures.meetings.rate)} ›</Text>
                </View>
                {r.reasons.map((x) => (
                  <Text key={x} className="behind-reason">
                    · {x}
                  </Text>
                ))}
              </View>
            ))
          )}
          <View className="card">
            {YEAR_DEFINITIONS.map((d) => (
              <Text key={d.key} className="behind-def">
                【{d.label}】{d.text}
              </Text>
            ))}
          </View>
        </>
      )}
    </DetailScreen>
  )
}
