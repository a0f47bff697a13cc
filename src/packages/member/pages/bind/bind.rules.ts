export type BindMode = 'phone' | 'invite'

export interface BindForm {
  mode: BindMode
  name: string
  phoneTail: string
  inviteCode: string
}

/** The first thing wrong with the form, in Chinese, or null when it may be sent. Mirrors the contract's checks. */
export function checkBindForm(f: BindForm): string | null {
  const name = f.name.trim()
  if (!name) return '请输入姓名'
  if (name.length > 20) return '姓名不能超过 20 个字'
  if (f.mode === 'phone') {
    if (!f.phoneTail.trim()) return '请输入手机号后四位'
    if (!/^\d{4}$/.test(f.phoneTail.trim())) return '手机号后四位应为 4 位数字'
  } else {
    if (!f.inviteCode.trim()) return '请输入支部邀请码'
    if (!/^[A-Z0-9]{6}$/i.test(f.inviteCode.trim())) return '邀请码应为 6 位字母或数字'
  }
  return null
}
