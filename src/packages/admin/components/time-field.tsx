import { Picker, Text, View } from '@tarojs/components'
import type { ChangeEvent } from 'react'

/**
 * A date or time field. weapp: the platform picker. H5: the browser's own <input type=date|time>, which phones show
 * as their native wheel and which a test can fill — Taro's H5 picker is a custom scroll wheel that neither does.
 */
export function TimeField({
  id,
  mode,
  label,
  value,
  onChange,
}: {
  id: string
  mode: 'date' | 'time'
  label: string
  value: string
  onChange(v: string): void
}) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="form-row">
        <Text className="form-label">{label}</Text>
        <input
          id={id}
          className="form-native-picker"
          type={mode}
          value={value}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        />
      </View>
    )
  }
  return (
    <Picker mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className="form-row" id={id}>
        <Text className="form-label">{label}</Text>
        <Text className="form-value">{value || '请选择'} ▾</Text>
      </View>
    </Picker>
  )
}
