import { Text } from '@tarojs/components'
import './kit.scss'

/** What a status means to the member, which picks its colour everywhere the same way. */
export type Tone = 'primary' | 'success' | 'warning' | 'danger' | 'info' | 'neutral'

/** A short status word on a card (已签到, 进行中, 已截止). Plain Text: see KitButton for why not NutUI's Tag. */
export function StatusTag({
  tone,
  children,
  id,
  className = '',
}: {
  tone: Tone
  children: string
  id?: string
  className?: string
}) {
  return (
    <Text id={id} className={`kit-tag kit-tag-${tone} ${className}`}>
      {children}
    </Text>
  )
}
