import { Text, View } from '@tarojs/components'
import type { PaperQuestion } from '@/contract'
import { optionMark } from '@/components/quiz-format'

export interface QuestionOptionsProps {
  question: Pick<PaperQuestion, 'id' | 'type' | 'options'>
  chosen: readonly number[] | undefined
  /** Absent: read-only (a result or a checked answer). */
  onToggle?: (index: number) => void
  /** The key, once it may be shown: right options turn green, wrong picks red. */
  answer?: readonly number[]
}

/**
 * The options of one question: round marks for 单选/判断, square for 多选 (as on a paper test), the member's picks
 * filled in, and — when the key is known — right and wrong coloured.
 */
export function QuestionOptions({ question, chosen, onToggle, answer }: QuestionOptionsProps) {
  const picked = new Set(chosen ?? [])
  const key = answer ? new Set(answer) : null
  const shape = question.type === 'multi' ? 'square' : 'round'
  return (
    <View
      className={`q-options ${onToggle ? '' : 'q-options-readonly'}`}
      role={question.type === 'multi' ? 'group' : 'radiogroup'}
    >
      {question.options.map((text, i) => {
        const on = picked.has(i)
        const verdict = key ? (key.has(i) ? 'right' : on ? 'wrong' : '') : ''
        return (
          <View
            key={i}
            className={`q-option ${on ? 'q-option-on' : ''} ${verdict ? `q-option-${verdict}` : ''}`}
            data-option={i}
            role={question.type === 'multi' ? 'checkbox' : 'radio'}
            aria-checked={on}
            onClick={onToggle ? () => onToggle(i) : undefined}
          >
            <View className={`q-mark q-mark-${shape} ${on ? 'q-mark-on' : ''}`}>
              {on ? (shape === 'square' ? '✓' : '') : ''}
            </View>
            {optionMark(question.type, i) && <Text className="q-option-letter">{optionMark(question.type, i)}.</Text>}
            <Text className="q-option-text">{text}</Text>
            {verdict === 'right' && <Text className="q-option-verdict q-option-verdict-right">正确答案</Text>}
            {verdict === 'wrong' && <Text className="q-option-verdict q-option-verdict-wrong">错选</Text>}
          </View>
        )
      })}
    </View>
  )
}
