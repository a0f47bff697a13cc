import { Text, View } from '@tarojs/components'
import './kit.scss'

export interface Option<V extends string | null> {
  value: V
  label: string
  /** A small count beside the label (0 and undefined show nothing). */
  badge?: number
  /** Stable id for tests and anchors. */
  id?: string
}

interface SwitchProps<V extends string | null> {
  value: V
  options: readonly Option<V>[]
  onChange: (v: V) => void
  className?: string
}

/** Switches between views of one page (待参加 / 已结束): an underlined row. */
export function Tabs<V extends string | null>({ value, options, onChange, className = '' }: SwitchProps<V>) {
  return (
    <View className={`kit-tabs ${className}`} role="tablist">
      {options.map((o) => (
        <View
          key={String(o.value)}
          id={o.id}
          role="tab"
          aria-selected={o.value === value}
          className={`kit-tab ${o.value === value ? 'kit-tab-active' : ''}`}
          onClick={() => o.value !== value && onChange(o.value)}
        >
          {o.label}
          {!!o.badge && <Text className="kit-badge">{o.badge > 99 ? '99+' : o.badge}</Text>}
        </View>
      ))}
    </View>
  )
}

/** Narrows a list (a category, a kind): a scrollable row of pills. */
export function Chips<V extends string | null>({ value, options, onChange, className = '' }: SwitchProps<V>) {
  return (
    <View className={`kit-chips ${className}`} role="tablist">
      {options.map((o) => (
        <View
          key={String(o.value)}
          id={o.id}
          role="tab"
          aria-selected={o.value === value}
          className={`kit-chip ${o.value === value ? 'kit-chip-active' : ''}`}
          onClick={() => o.value !== value && onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  )
}
