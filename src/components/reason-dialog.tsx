import { Text, Textarea, View } from '@tarojs/components'
import { useEffect, useState, type ReactNode } from 'react'
import { Button } from './nut'
import './reason-dialog.scss'

export interface ReasonDialogProps {
  open: boolean
  title: string
  /** A line above the field: what happens and why a reason is needed. */
  description?: string
  placeholder?: string
  confirmText?: string
  /** Minimum length; 0 makes the reason optional. */
  minLength?: number
  maxLength?: number
  busy?: boolean
  /** A message from the cloud to show under the field. */
  error?: string | null
  onConfirm(reason: string): void
  onCancel(): void
  /** Fields of the caller's own above the reason (e.g. the stated arrival time of a 补录). */
  children?: ReactNode
}

/**
 * Asks for a reason before an organiser's action that is recorded (代签/补录, cancelling, rejecting leave). A dialog of
 * our own: the platform's editable modal exists only on weapp, and this one also shows the cloud's refusal in place.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const {
    open,
    title,
    description,
    placeholder = '请填写原因',
    confirmText = '确定',
    minLength = 2,
    maxLength = 100,
    busy,
    error,
  } = props
  const [reason, setReason] = useState('')
  const [hint, setHint] = useState<string | null>(null)

  useEffect(() => {
    if (open) {
      setReason('')
      setHint(null)
    }
  }, [open])

  if (!open) return null

  const submit = () => {
    const text = reason.trim()
    if (text.length < minLength) {
      setHint(`请填写原因（至少 ${minLength} 个字）`)
      return
    }
    setHint(null)
    props.onConfirm(text)
  }

  return (
    <View className="reason-dialog-mask" catchMove>
      <View className="reason-dialog" role="dialog" aria-label={title}>
        <Text className="reason-dialog-title">{title}</Text>
        {description && <Text className="reason-dialog-desc">{description}</Text>}
        {props.children}
        <Textarea
          id="reason-input"
          className="reason-dialog-input"
          value={reason}
          maxlength={maxLength}
          placeholder={placeholder}
          autoHeight={false}
          onInput={(e) => setReason(e.detail.value)}
        />
        {(hint || error) && (
          <View className="form-error" role="alert">
            {hint || error}
          </View>
        )}
        <View className="reason-dialog-actions">
          <Button className="reason-dialog-cancel" fill="outline" disabled={busy} onClick={props.onCancel}>
            取消
          </Button>
          <Button id="reason-confirm" className="reason-dialog-confirm" type="primary" loading={busy} onClick={submit}>
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  )
}
