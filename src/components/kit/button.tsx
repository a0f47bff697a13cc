import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './kit.scss'

export interface KitButtonProps {
  children: ReactNode
  onClick?: () => void
  /** primary: the one main action; outline: secondary; text: a quiet link-like action. */
  kind?: 'primary' | 'outline' | 'text'
  size?: 'normal' | 'small'
  block?: boolean
  loading?: boolean
  disabled?: boolean
  id?: string
  className?: string
}

/**
 * The kit's button: a View with the button role (the platform <button> brings each platform's own colours and
 * borders, which fought the theme on H5). Not NutUI's: the tab pages live in the weapp main package, which has a 350 KiB budget, and
 * NutUI's Button brings its icon set and ~20 KB of CSS with it. Subpackage screens may still use NutUI's.
 */
export function KitButton({
  children,
  onClick,
  kind = 'primary',
  size = 'normal',
  block,
  loading,
  disabled,
  id,
  className = '',
}: KitButtonProps) {
  const off = disabled || loading
  const cls = `kit-btn kit-btn-${kind} kit-btn-${size} ${block ? 'kit-btn-block' : ''} ${off ? 'kit-btn-off' : ''} ${className}`
  return (
    <View
      id={id}
      className={cls}
      role="button"
      aria-disabled={off}
      aria-busy={loading}
      onClick={() => {
        if (!off) onClick?.()
      }}
    >
      {loading && <View className="kit-btn-spinner" aria-hidden="true" />}
      {children}
    </View>
  )
}
