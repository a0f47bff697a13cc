import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { KitButton } from '@/components/kit'
import { MEASURE_KEYS, MEASURES, weightsProblem, type Weights } from '@/domain/scorecard.rules'
import { formatDateTime } from '@/domain/time'
import { messageOf, useMutation } from '@/remote'

/** The committee sets the weights (stored and audited by scorecard.setWeights); everyone else reads them. */
export function WeightsCard({
  weights,
  editable,
  updatedAt,
  updatedBy,
}: {
  weights: Weights
  editable: boolean
  updatedAt: string | null
  updatedBy: string | null
}) {
  const [draft, setDraft] = useState<Record<string, string> | null>(null)
  const save = useMutation('scorecard.setWeights', { invalidates: ['scorecard', 'archive.scorecard'] })
  const values = draft ?? Object.fromEntries(MEASURE_KEYS.map((k) => [k, String(weights[k])]))
  const parsed = Object.fromEntries(MEASURE_KEYS.map((k) => [k, Number(values[k])])) as Weights
  const problem = draft ? weightsProblem(parsed) : null
  const sum = MEASURE_KEYS.reduce((s, k) => s + (Number.isFinite(parsed[k]) ? parsed[k] : 0), 0)

  const onSave = async () => {
    if (problem) return
    try {
      await save.run(parsed)
      setDraft(null)
      Taro.showToast({ title: '权重已保存', icon: 'success' })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    }
  }

  return (
    <View className="card sc-weights" id="scorecard-weights">
      <Text className="sc-card-title">指标口径与权重</Text>
      {MEASURE_KEYS.map((k) => (
        <View key={k} className="sc-def">
          <View className="sc-def-head">
            <Text className="sc-def-label">{MEASURES[k].label}</Text>
            {editable ? (
              <Input
                className="sc-weight-input"
                id={`weight-${k}`}
                type="number"
                aria-label={`${MEASURES[k].label}权重`}
                value={values[k]}
                onInput={(e) => setDraft({ ...values, [k]: e.detail.value })}
              />
            ) : (
              <Text className="sc-def-weight">权重 {weights[k]}</Text>
            )}
          </View>
          <Text className="sc-def-text">{MEASURES[k].text}</Text>
        </View>
      ))}
      <Text className="sc-def-text">
        总分：各项得分按权重加权平均（满分 100）；期内没有到期事项的指标不计入，其权重也不计入。权重合计 {sum}。
      </Text>
      {updatedAt && (
        <Text className="sc-def-text">
          当前权重由 {updatedBy} 于 {formatDateTime(updatedAt)} 设置（已记审计）
        </Text>
      )}
      {problem && <Text className="form-error">{problem}</Text>}
      {editable && draft && (
        <View className="sc-actions">
          <KitButton kind="outline" size="small" onClick={() => setDraft(null)}>
            取消
          </KitButton>
          <KitButton size="small" id="weights-save" loading={save.pending} disabled={!!problem} onClick={onSave}>
            保存权重
          </KitButton>
        </View>
      )}
    </View>
  )
}
