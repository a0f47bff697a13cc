import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { useProcedure } from '@/remote'

export interface Person {
  id: string
  name: string
}

/**
 * Picks one to `max` members of a branch: the chosen ones as removable chips, then the branch's active members
 * (20 at a time, narrowed by a name search) to tap. One page is enough for a secretary: she types a name rather
 * than scrolls, and the call never grows with the roster.
 */
export function PeoplePicker({
  branchId,
  exclude,
  chosen,
  max,
  onChange,
}: {
  branchId: string
  /** Never offered (the secretary herself). */
  exclude: string
  chosen: Person[]
  max: number
  onChange(people: Person[]): void
}) {
  const [keyword, setKeyword] = useState('')
  const list = useProcedure(
    'member.list',
    { orgId: branchId, status: 'active', keyword: keyword.trim() || undefined, pageSize: 20 },
    { refetchOnShow: false },
  )
  const picked = new Set(chosen.map((p) => p.id))
  const offered = (list.data?.items ?? []).filter((m) => m.id !== exclude)
  const full = chosen.length >= max

  return (
    <View className="people-picker" id="talk-people">
      <View className="people-chosen">
        {chosen.length === 0 && <Text className="muted">请从下方选择谈话对象（最多 {max} 人）</Text>}
        {chosen.map((p) => (
          <Text
            key={p.id}
            className="people-chip"
            data-person={p.name}
            onClick={() => onChange(chosen.filter((x) => x.id !== p.id))}
          >
            {p.name} ×
          </Text>
        ))}
      </View>
      <Input
        id="talk-people-search"
        className="people-search"
        value={keyword}
        placeholder="输入姓名查找本支部党员"
        onInput={(e) => setKeyword(e.detail.value)}
      />
      {list.error ? (
        <Text className="form-error" onClick={() => void list.refetch()}>
          {list.error.message}，点此重试
        </Text>
      ) : list.loading ? (
        <Text className="muted">正在加载党员名单…</Text>
      ) : offered.length === 0 ? (
        <Text className="muted">{keyword.trim() ? '没有找到该党员' : '本支部还没有其他在册党员'}</Text>
      ) : (
        <View className="people-options">
          {offered.map((m) => {
            const on = picked.has(m.id)
            const off = !on && full
            return (
              <Text
                key={m.id}
                className={`people-option${on ? ' people-option-on' : ''}${off ? ' people-option-off' : ''}`}
                data-member={m.name}
                aria-disabled={off}
                onClick={() => {
                  if (on) onChange(chosen.filter((x) => x.id !== m.id))
                  else if (!off) onChange([...chosen, { id: m.id, name: m.name }])
                }}
              >
                {on ? '✓ ' : ''}
                {m.name}
              </Text>
            )
          })}
        </View>
      )}
      {full && <Text className="muted">已选满 {max} 人</Text>}
    </View>
  )
}
