import type { Access } from './access'
import { CONTRACT } from './index'
import { ROLE_LABELS } from '../domain/roles'

/** Who may call, in words, for the README table. */
export function describeAccess(access: Access): string {
  if (access === 'openid') return '任何微信用户（含未绑定）'
  if (access === 'console') return '仅管理端（API 密钥调用，小程序内不可调用）'
  if (access === 'member') return '已绑定党员'
  return access.map((r) => `${ROLE_LABELS[r]}（\`${r}\`）`).join('、')
}

/** The README's function → action → roles table, as Markdown rows, straight from the contract. */
export function accessTableRows(): string[] {
  const rows: string[] = []
  for (const [fn, actions] of Object.entries(CONTRACT)) {
    for (const [name, spec] of Object.entries(actions)) {
      rows.push(`| \`${fn}\` | \`${name}\` | ${describeAccess(spec.access)} | ${spec.summary} |`)
    }
  }
  return rows
}
