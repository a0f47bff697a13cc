import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from './nut'
import './paste-code.scss'

/**
 * "粘贴签到码": where a camera scan is not available (H5), a member pastes the organiser's rotating code. Shared by
 * meeting and activity check-in; the ids are the pages' own, which the browser tests address.
 */
export function PasteCode(props: {
  cardId?: string
  inputId?: string
  submitId: string
  placeholder: string
  busy: boolean
  onSubmit: (token: string) => void
}) {
  const [pasted, setPasted] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = () => {
    const token = pasted.trim()
    // Every code is far longer than this: a short paste is a partial copy, caught before asking the cloud.
    if (token.length < 8) return setError('请粘贴完整的签到码')
    setError(null)
    props.onSubmit(token)
  }
  return (
    <View className="card paste-code" id={props.cardId}>
      <Text className="paste-code-title">粘贴签到码</Text>
      <Input
        id={props.inputId}
        className="paste-code-input"
        value={pasted}
        maxlength={200}
        placeholder={props.placeholder}
        onInput={(e) => setPasted(e.detail.value)}
        onConfirm={submit}
      />
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <Button
        id={props.submitId}
        className="paste-code-submit"
        type="primary"
        block
        loading={props.busy}
        onClick={submit}
      >
        提交
      </Button>
    </View>
  )
}
