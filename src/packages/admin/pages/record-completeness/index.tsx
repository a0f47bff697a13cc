import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OutputOf } from '@/contract'
import { Chips, DetailScreen, EmptyState, StatusTag } from '@/components/kit'
import { china } from '@/domain/time'
import { useProcedure } from '@/remote'
import '../../components/life-staff.scss'

type Row = OutputOf<'meeting.recordCompleteness'>['rows'][number]

const thisYear = china(Date.now()).year()
const YEARS = [thisYear, thisYear - 1, thisYear - 2].map((y) => ({
  value: String(y),
  label: `${y} 年`,
  id: `rc-year-${y}`,
}))

/** Whole percent of held meetings with a 已完成 record; null when nothing was held (no rate to speak of). */
function completeRate(r: Pick<Row, 'held' | 'complete'>): number | null {
  return r.held ? Math.round((r.complete / r.held) * 100) : null
}

function BranchRow({ r }: { r: Row }) {
  const rate = completeRate(r)
  const missing = r.held - r.complete
  return (
    <View className="card rc-row" data-branch={r.branchName} data-missing={missing}>
      <View className="ls-head">
        <Text className="ls-title">{r.branchName}</Text>
        {r.held === 0 ? (
          <StatusTag tone="neutral">未召开会议</StatusTag>
        ) : missing ? (
          <StatusTag tone="warning">{`缺 ${missing} 场`}</StatusTag>
        ) : (
          <StatusTag tone="success">全部完成</StatusTag>
        )}
      </View>
      <View className="ls-bar" aria-hidden="true">
        <View className={`ls-bar-fill${missing ? ' ls-bar-fill-warn' : ''}`} style={{ width: `${rate ?? 0}%` }} />
      </View>
      <Text className="muted rc-figures">
        已召开 {r.held} 场 · 纪实已完成 {r.complete} 场{rate === null ? '' : ` · 完成率 ${rate}%`}
      </Text>
    </View>
  )
}

/** The committee's view of 会议纪实 for inspection: per branch, meetings held this year and how many are on record. */
export default function RecordCompletenessPage() {
  const [year, setYear] = useState(String(thisYear))
  const query = useProcedure('meeting.recordCompleteness', { year: Number(year) })
  return (
    <DetailScreen query={query} pageClassName="record-completeness" skeleton={{ cards: 3, rows: 2 }}>
      {(d) => {
        const held = d.rows.reduce((n, r) => n + r.held, 0)
        const complete = d.rows.reduce((n, r) => n + r.complete, 0)
        const lagging = d.rows.filter((r) => r.complete < r.held).length
        const rate = completeRate({ held, complete })
        return (
          <View>
            <View className="card rc-summary" id="rc-summary">
              <Chips value={year} options={YEARS} onChange={setYear} />
              <Text className="rc-total">
                {held
                  ? `全机关已召开 ${held} 场，纪实已完成 ${complete} 场（${rate}%）`
                  : `${year} 年还没有已召开的会议`}
              </Text>
              <Text className="muted">
                {lagging ? `${lagging} 个支部有会议纪实未完成，请督促补齐` : held ? '各支部会议纪实均已完成' : ''}
              </Text>
            </View>
            {d.rows.length === 0 ? (
              <EmptyState icon="纪" title="还没有党支部" description="请先在“组织架构”中建立党支部" />
            ) : (
              d.rows.map((r) => <BranchRow key={r.branchId} r={r} />)
            )}
          </View>
        )
      }}
    </DetailScreen>
  )
}
