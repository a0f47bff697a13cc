import { Text, Textarea, View } from '@tarojs/components'
import { KitButton } from '@/components/kit'
import './reason-form.scss'

/**
 * A member's own reason in place on a meeting (请假, 出勤异议): the field, the refusal, a count that turns red past the
 * limit, 取消 and submit. Longer than allowed is refused by the caller with a message on submit, never cut silently,
 * so the field itself has no maxlength. Ids are `${id}-reason`, `-error`, `-cancel`, `-submit`.
 */
export function ReasonForm({
  id,
  value,
  onInput,
  placeholder,
  max,
  error,
  busy,
  submitText,
  onCancel,
  onSubmit,
}: {
  id: string
  value: string
  onInput: (text: string) => void
  placeholder: string
  max: number
  error: string | null
  busy: boolean
  submitText: string
  onCancel: () => void
  onSubmit: () => void
}) {
  const length = value.trim().length
  return (
    <View className="reason-form">
      <Textarea
        id={`${id}-reason`}
        className="reason-form-input"
        value={value}
        maxlength={-1}
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error && (
        <View className="form-error" role="alert" id={`${id}-error`}>
          {error}
        </View>
      )}
      <Text className={`muted reason-form-count ${length > max ? 'reason-form-over' : ''}`}>
        {length}/{max}
      </Text>
      <View className="reason-form-buttons">
        <KitButton id={`${id}-cancel`} kind="outline" disabled={busy} onClick={onCancel}>
          取消
        </KitButton>
        <KitButton id={`${id}-submit`} loading={busy} onClick={onSubmit}>
          {submitText}
        </KitButton>
      </View>
    </View>
  )
}
