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

/** One row of options, one chosen: `kit-tab` or `kit-chip` say how it looks (the roles are the same). */
function Switch<V extends string | null>({
  look,
  value,
  options,
  onChange,
  className = '',
}: SwitchProps<V> & { look: 'tab' | 'chip' }) {
  return (
    <View className={`kit-${look}s ${className}`} role="tablist">
      {options.map((o) => (
        <View
          key={String(o.value)}
          id={o.id}
          role="tab"
          aria-selected={o.value === value}
          className={`kit-${look} ${o.value === value ? `kit-${look}-active` : ''}`}
          onClick={() => o.value !== value && onChange(o.value)}
        >
          {o.label}
          {look === 'tab' && !!o.badge && <Text className="kit-badge">{o.badge > 99 ? '99+' : o.badge}</Text>}
        </View>
      ))}
    </View>
  )
}

/** Switches between views of one page (待参加 / 已结束): an underlined row. */
export const Tabs = <V extends string | null>(props: SwitchProps<V>) => <Switch look="tab" {...props} />

/** Narrows a list (a category, a kind): a scrollable row of pills. */
export const Chips = <V extends string | null>(props: SwitchProps<V>) => <Switch look="chip" {...props} />
