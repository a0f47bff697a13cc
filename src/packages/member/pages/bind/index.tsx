import { Input, Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { LoadingSkeleton } from '@/components/kit/screen-state'
import { Button } from '@/components/nut'
import { ROLE_LABELS } from '@/domain/roles'
import { PrivacySheet } from '@/components/privacy-sheet'
import { messageOf } from '@/remote/messages'
import { ROUTES } from '@/routes'
import { ensurePrivacyConsent } from '@/components/privacy-sheet/consent'
import { useSessionStore } from '@/stores/session.store'
import { checkBindForm, type BindMode } from './bind.rules'
import './index.scss'

const MODES: Array<{ mode: BindMode; label: string }> = [
  { mode: 'phone', label: '手机号后四位' },
  { mode: 'invite', label: '支部邀请码' },
]

export default function BindPage() {
  const bind = useSessionStore((s) => s.bind)
  const pending = useSessionStore((s) => s.me?.pending ?? null)
  const bound = useSessionStore((s) => s.me?.member ?? null)
  // Opened by a shared link, the page may come before anyone asked who she is: ask, and draw no form meanwhile.
  const unknown = useSessionStore((s) => !s.me && s.loading)
  const loadMe = useSessionStore((s) => s.load)
  useLoad(() => {
    if (!useSessionStore.getState().me) void loadMe()
  })
  const [mode, setMode] = useState<BindMode>('phone')
  const [name, setName] = useState('')
  const [phoneTail, setPhoneTail] = useState('')
  const [inviteCode, setInviteCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  const switchMode = (m: BindMode) => {
    setMode(m)
    setError(null)
  }

  const submit = async () => {
    if (submitting) return
    const problem = checkBindForm({ mode, name, phoneTail, inviteCode })
    if (problem) {
      setError(problem)
      return
    }
    setError(null)
    // Name and phone tail are personal information: consent first (WeChat's privacy rules), and nothing is sent without.
    if (!(await ensurePrivacyConsent('绑定党员身份'))) {
      setError('需要您同意隐私保护指引后才能绑定')
      return
    }
    setSubmitting(true)
    try {
      const input =
        mode === 'phone'
          ? { mode, name: name.trim(), phoneTail: phoneTail.trim() }
          : { mode, name: name.trim(), inviteCode: inviteCode.trim().toUpperCase() }
      const out = await bind(input)
      if (out.status === 'bound') {
        Taro.showToast({ title: '绑定成功', icon: 'success' })
        Taro.reLaunch({ url: ROUTES.home })
      }
    } catch (e) {
      const message = messageOf(e)
      // Inline only: a toast on top would cover the very message the member needs to read.
      setError(message)
    } finally {
      setSubmitting(false)
    }
  }

  if (unknown) {
    return (
      <View className="page bind">
        <LoadingSkeleton cards={1} rows={3} />
      </View>
    )
  }

  // Already bound: a second bind would only be refused. Say as whom and where, and lead back to the app.
  if (bound) {
    return (
      <View className="page bind">
        <View className="card bind-pending">
          <View className="bind-pending-mark">党</View>
          <Text className="bind-pending-title">您已绑定党员身份</Text>
          <Text className="bind-pending-desc" id="bind-bound-as">
            {bound.name}（{bound.title || ROLE_LABELS[bound.role]}），{bound.branchName}
          </Text>
          <Text className="bind-pending-desc">一个微信号只能绑定一名党员；如需更换，请在“我的”中申请解绑。</Text>
        </View>
        <Button
          id="bind-home"
          className="bind-submit"
          type="primary"
          block
          onClick={() => Taro.reLaunch({ url: ROUTES.home })}
        >
          返回首页
        </Button>
      </View>
    )
  }

  if (pending) {
    return (
      <View className="page bind">
        <View className="card bind-pending">
          <View className="bind-pending-mark">审</View>
          <Text className="bind-pending-title">等待支部审核</Text>
          <Text className="bind-pending-desc">
            {pending.name}，您申请绑定「{pending.branchName}
            」的党员身份，已提交支部书记审核。审核通过后重新进入小程序即可使用。
          </Text>
        </View>
      </View>
    )
  }

  return (
    <View className="page bind">
      <View className="bind-intro">
        <Text className="bind-title">绑定党员身份</Text>
        <Text className="bind-sub">首次使用请核对花名册信息，一个微信号只能绑定一名党员</Text>
      </View>

      <View className="bind-tabs">
        {MODES.map((m) => (
          <View
            key={m.mode}
            className={`bind-tab ${mode === m.mode ? 'bind-tab-active' : ''}`}
            id={`bind-mode-${m.mode}`}
            onClick={() => switchMode(m.mode)}
          >
            {m.label}
          </View>
        ))}
      </View>

      <View className="card bind-form">
        <View className="bind-field">
          <Text className="bind-label">姓名</Text>
          <Input
            id="bind-name"
            className="bind-input"
            value={name}
            maxlength={20}
            placeholder="请输入花名册上的姓名"
            onInput={(e) => setName(e.detail.value)}
          />
        </View>
        {mode === 'phone' ? (
          <View key="phone" className="bind-field">
            <Text className="bind-label">手机号后四位</Text>
            <Input
              id="bind-phone-tail"
              className="bind-input"
              type="number"
              value={phoneTail}
              maxlength={4}
              placeholder="花名册登记手机号的后四位"
              onInput={(e) => setPhoneTail(e.detail.value)}
            />
          </View>
        ) : (
          <View key="invite" className="bind-field">
            <Text className="bind-label">邀请码</Text>
            <Input
              id="bind-invite"
              className="bind-input"
              type="text"
              value={inviteCode}
              maxlength={6}
              placeholder="向支部书记索取的 6 位邀请码"
              onInput={(e) => setInviteCode(e.detail.value)}
            />
          </View>
        )}
        {mode === 'invite' && <Text className="bind-note">使用邀请码绑定需支部书记审核后生效</Text>}
        {error && (
          <View className="form-error" role="alert">
            {error}
          </View>
        )}
      </View>

      <Button id="bind-submit" className="bind-submit" type="primary" block loading={submitting} onClick={submit}>
        {submitting ? '正在绑定' : '确认绑定'}
      </Button>
      <Text className="bind-privacy" id="bind-privacy-link" onClick={() => Taro.navigateTo({ url: ROUTES.privacy })}>
        绑定即表示您已阅读并同意《隐私保护指引》
      </Text>
      <PrivacySheet />
    </View>
  )
}
