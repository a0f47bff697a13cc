import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './kit.scss'

export interface InfoRow {
  title: string
  value?: ReactNode
  /** A second line under the title. */
  description?: string
  /** Makes the row a button with a › at its end. */
  onClick?: () => void
  id?: string
  className?: string
}

/** Label–value rows in a white group (我的, a record's facts); a row with onClick is a link. */
export function InfoList({ rows }: { rows: readonly (InfoRow | false | null | undefined)[] }) {
  return (
    <View className="kit-info">
      {rows
        .filter((r): r is InfoRow => !!r)
        .map((r) => (
          <View
            key={r.title}
            id={r.id}
            className={`kit-info-row ${r.onClick ? 'kit-info-link' : ''} ${r.className ?? ''}`}
            onClick={r.onClick}
            role={r.onClick ? 'button' : undefined}
          >
            <View className="kit-info-title">
              <Text>{r.title}</Text>
              {r.description && <Text className="kit-info-desc">{r.description}</Text>}
            </View>
            <View className="kit-info-value">
              {r.value}
              {r.onClick && <Text className="kit-info-arrow"> ›</Text>}
            </View>
          </View>
        ))}
    </View>
  )
}
