import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import type { MemberOutputs } from '@/contract/member.contract'
import { DetailScreen, InfoList } from '@/components/kit'
import { formatRate } from '@/domain/attendance.rules'
import { GRADE_LABELS } from '@/domain/review.rules'
import { YEAR_DEFINITIONS } from '@/domain/year.rules'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

const TEST_STATE = { taken: '已参加', missed: '未参加', open: '进行中' } as const

/**
 * A member's year: meetings (and 补学), required reading, tests, activities — with each measure's definition. A
 * secretary opens it with ?memberId= for a member of her branch; the cloud checks her scope.
 */
export default function YearPage() {
  // Known once the page loads: until then nothing is fetched (it would be the wrong member's year).
  const [target, setTarget] = useState<{ memberId?: string } | null>(null)
  useLoad((params?: Record<string, string>) =>
    setTarget({ memberId: decodeURIComponent(params?.memberId ?? '') || undefined }),
  )
  const memberId = target?.memberId
  const query = useProcedure('member.year', memberId ? { memberId } : {}, { enabled: !!target })
  return (
    <DetailScreen query={query} pageClassName="year" skeleton={{ cards: 4, rows: 3 }}>
      {(y) => <YearBody y={y} mine={!memberId} />}
    </DetailScreen>
  )
}

function YearBody({ y, mine }: { y: MemberOutputs['year']; mine: boolean }) {
  const { meetings: m, study: s, tests: t, activities: a } = y.figures
  const owed = m.absent + m.leave - m.absentMadeUp - m.leaveMadeUp
  const def = (key: string) => YEAR_DEFINITIONS.find((d) => d.key === key)!.text
  return (
    <>
      <View className="year-hero">
        <Text className="year-hero-name">
          {y.member.name} · {y.year} 年
        </Text>
        <Text className="year-hero-sub">{y.member.branchName}</Text>
        {y.behind.length > 0 ? (
          <View className="year-behind" id="year-behind">
            {y.behind.map((r) => (
              <Text key={r} className="year-behind-item">
                · {r}
              </Text>
            ))}
          </View>
        ) : (
          <Text className="year-hero-ok">各项都跟上了</Text>
        )}
      </View>

      <Text className="section-title">会议</Text>
      <InfoList
        rows={[
          { title: '应参加', value: `${m.expected} 次`, id: 'year-expected' },
          { title: '出席（含迟到）', value: `${m.present + m.late} 次${m.late ? `（迟到 ${m.late}）` : ''}` },
          { title: '请假', value: `${m.leave} 次${m.leaveMadeUp ? `（已补学 ${m.leaveMadeUp}）` : ''}` },
          { title: '缺席', value: `${m.absent} 次（已补学 ${m.absentMadeUp}）`, id: 'year-absent' },
          { title: '出勤率', value: formatRate(m.rate) },
          mine && {
            title: '补学',
            value: owed > 0 ? `${owed} 次待补学` : '无待补学',
            onClick: () => Taro.navigateTo({ url: ROUTES.meetingMakeup }),
          },
        ]}
      />
      <Text className="year-def">{def('meetings')}</Text>

      <Text className="section-title">学习</Text>
      <InfoList
        rows={[
          { title: '必读资料', value: `已读 ${s.requiredRead} / ${s.required} 篇`, id: 'year-required' },
          { title: '逾期未读', value: `${s.overdue} 篇` },
          { title: '本年已读', value: `${s.readCount} 篇，共 ${s.minutes} 分钟` },
        ]}
      />
      <Text className="year-def">{def('study')}</Text>

      <Text className="section-title">测试</Text>
      <InfoList
        rows={[
          { title: '应参加', value: `${t.due} 次` },
          { title: '已参加 / 及格', value: `${t.taken} / ${t.passed} 次` },
          ...y.tests.map((x) => ({
            title: x.title,
            value:
              x.state === 'taken'
                ? `${x.score ?? 0} / ${x.maxScore} 分 ${x.passed ? '及格' : '不及格'}`
                : TEST_STATE[x.state],
          })),
        ]}
      />
      <Text className="year-def">{def('tests')}</Text>

      <Text className="section-title">活动</Text>
      <InfoList
        rows={[
          { title: '参加活动', value: `${a.joined} 次` },
          { title: '志愿服务时长', value: `${a.volunteerHours.toFixed(1)} 小时` },
        ]}
      />
      <Text className="year-def">{def('activities')}</Text>

      <Text className="section-title">民主评议</Text>
      <InfoList
        rows={
          y.reviews.length
            ? y.reviews.map((r) => ({
                title: r.title,
                id: `year-review-${r.reviewId}`,
                value: [
                  r.voted ? '已评议' : r.state === 'closed' ? '未评议' : '待评议',
                  r.selfDone ? '已自评' : '未自评',
                  r.result ? `结果：${GRADE_LABELS[r.result]}` : r.state === 'closed' ? '结果待支部提出' : '',
                ]
                  .filter(Boolean)
                  .join(' · '),
              }))
            : [{ title: '本年', value: '没有参加的民主评议' }]
        }
      />
      <Text className="year-def">{def('review')}</Text>
    </>
  )
}
