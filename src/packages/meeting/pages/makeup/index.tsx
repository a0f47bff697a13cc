import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MakeupTask } from '@/contract'
import { DetailScreen, EmptyState } from '@/components/kit'
import { MAKEUP_KIND_LABELS } from '@/domain/makeup.rules'
import { formatDateTime } from '@/domain/time'
import { useProcedure } from '@/remote'
import { ROUTES } from '@/routes'
import './index.scss'

/** The meetings I missed this year: 待补学 first, then 已补学. */
export default function MakeupListPage() {
  const query = useProcedure('meeting.makeupTasks', {})
  return (
    <DetailScreen query={query} pageClassName="makeup" skeleton={{ cards: 2, rows: 2 }}>
      {(out) => <MakeupBody tasks={out.items} year={out.year} />}
    </DetailScreen>
  )
}

function MakeupBody({ tasks, year }: { tasks: MakeupTask[]; year: number }) {
  if (!tasks.length) return <EmptyState title="没有需要补学的会议" description={`${year} 年您应参加的会议都已参加`} />

  const open = tasks.filter((x) => !x.done)
  const done = tasks.filter((x) => x.done)
  return (
    <>
      <View className="card makeup-rule">
        <Text className="muted">
          缺席或请假的会议需要补学：阅读会议纪实（含会议记录、决议和材料），写不少于 20
          字的学习体会。支部书记可以看到补学情况。
        </Text>
      </View>
      {[
        { title: `待补学（${open.length}）`, list: open },
        { title: `已补学（${done.length}）`, list: done },
      ].map((g) =>
        g.list.length ? (
          <View key={g.title}>
            <Text className="section-title">{g.title}</Text>
            {g.list.map((x) => (
              <View
                key={x.meetingId}
                className="card makeup-item"
                onClick={() =>
                  Taro.navigateTo({ url: `${ROUTES.meetingMakeupDo}?id=${encodeURIComponent(x.meetingId)}` })
                }
              >
                <View className="makeup-item-head">
                  <Text className="makeup-item-title">{x.title}</Text>
                  <Text className={`makeup-tag makeup-tag-${x.done ? 'done' : 'open'}`}>
                    {x.done ? '已补学' : x.recordReady ? '去补学 ›' : '纪实未完成'}
                  </Text>
                </View>
                <Text className="muted">
                  {x.typeLabel} · {formatDateTime(x.startAt)} · {MAKEUP_KIND_LABELS[x.kind]}
                </Text>
              </View>
            ))}
          </View>
        ) : null,
      )}
    </>
  )
}
