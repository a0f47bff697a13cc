import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useProcedure } from '@/remote'
import './record-card.scss'
import { altProps } from '@/components/alt'

/**
 * The meeting's 纪实 for a member who was expected at it (present or not): 议题, minutes, decisions, photos. Shown
 * once the organiser has completed it.
 */
export function RecordCard({ meetingId }: { meetingId: string }) {
  const { data, error } = useProcedure('meeting.record', { meetingId })
  if (error || !data) return null
  const r = data.record
  if (r.state !== 'complete') {
    return (
      <View className="card record-card">
        <Text className="detail-mine-label">会议纪实</Text>
        <Text className="muted record-card-empty">会议纪实尚未完成</Text>
      </View>
    )
  }
  return (
    <View className="card record-card" id="record-card">
      <Text className="detail-mine-label">会议纪实</Text>
      <Text className="muted">
        主持人：{r.host?.name ?? '—'} · 记录人：{r.recorder?.name ?? '—'}
      </Text>
      <Text className="field-label">议题</Text>
      {r.topics.map((t, i) => (
        <Text key={i} className="record-card-line">
          {i + 1}. {t.first ? '【第一议题】' : ''}
          {t.title}
        </Text>
      ))}
      <Text className="field-label">会议记录</Text>
      <Text id="record-minutes-text" className="record-card-minutes">
        {r.minutes}
      </Text>
      {r.decisions.length > 0 && (
        <>
          <Text className="field-label">决议/决定</Text>
          {r.decisions.map((d, i) => (
            <Text key={i} className="record-card-line">
              {i + 1}. {d}
            </Text>
          ))}
        </>
      )}
      {r.photos.length > 0 && (
        <View className="record-card-photos">
          {r.photos.map((p, i) => (
            <Image
              key={p.fileID}
              {...altProps(`会议照片 ${i + 1}（点击查看大图）`)}
              className="record-card-photo"
              src={p.url}
              mode="aspectFill"
              onClick={() => Taro.previewImage({ current: p.url, urls: r.photos.map((x) => x.url) })}
            />
          ))}
        </View>
      )}
    </View>
  )
}
