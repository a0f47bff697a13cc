import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { KitButton } from './button'
import './kit.scss'

export interface FormCardProps {
  title?: string
  children: ReactNode
  /** The one error to show above the buttons (a refused save's Chinese message). */
  error?: string | null
  submitLabel: string
  onSubmit: () => void
  pending?: boolean
  /** Shown as a 取消 button when given. */
  onCancel?: () => void
  id?: string
}

/** A form in a card: fields, the error of the last try, then 取消 and the submit button (busy while it saves). */
export function FormCard({ title, children, error, submitLabel, onSubmit, pending, onCancel, id }: FormCardProps) {
  return (
    <View className="card kit-form" id={id}>
      {title && <Text className="kit-form-title">{title}</Text>}
      {children}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="kit-form-actions">
        {onCancel && (
          <KitButton kind="outline" disabled={pending} onClick={onCancel}>
            取消
          </KitButton>
        )}
        <KitButton loading={pending} onClick={onSubmit}>
          {submitLabel}
        </KitButton>
      </View>
    </View>
  )
}

/** A page that is one form. */
export function FormScreen(props: FormCardProps & { pageClassName?: string; intro?: ReactNode }) {
  const { pageClassName = '', intro, ...card } = props
  return (
    <View className={`page ${pageClassName}`}>
      {intro}
      <FormCard {...card} />
    </View>
  )
}
