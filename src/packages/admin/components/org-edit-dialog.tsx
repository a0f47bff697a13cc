import { Input, Picker, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ORG_TYPE_LABELS, type OrgType } from '@/domain/org.tree'
import { Button } from '@/components/nut'
import '../../../components/reason-dialog.scss'
import './org-edit-dialog.scss'

export interface OrgChoice {
  id: string
  label: string
}

export interface OrgEditDialogProps {
  open: boolean
  title: string
  /** The name to start from (renaming), or '' (creating). */
  name: string
  /** Types the new org may have; one entry means no choice is shown. Empty when editing. */
  types: readonly OrgType[]
  /** Where the org may be placed: shown as a picker when there is a choice (moving). */
  parents?: readonly OrgChoice[]
  parentId?: string
  busy?: boolean
  error?: string | null
  onConfirm(value: { name: string; type?: OrgType; parentId?: string }): void
  onCancel(): void
}

/** Creating, renaming or moving an org: a name, and where the choice exists, a type and a parent. */
export function OrgEditDialog(props: OrgEditDialogProps) {
  const { open, title, types, parents, busy, error } = props
  const [name, setName] = useState(props.name)
  const [type, setType] = useState<OrgType | undefined>(types[0])
  const [parentId, setParentId] = useState(props.parentId)
  const [hint, setHint] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    setName(props.name)
    setType(types[0])
    setParentId(props.parentId)
    setHint(null)
  }, [open, props.name, props.parentId, types])

  if (!open) return null
  const parentIndex = Math.max(0, parents?.findIndex((p) => p.id === parentId) ?? 0)

  const submit = () => {
    const text = name.trim()
    if (text.length < 2) return setHint('组织名称至少 2 个字')
    if (parents && !parentId) return setHint('请选择上级组织')
    setHint(null)
    props.onConfirm({ name: text, type, parentId })
  }

  return (
    <View className="reason-dialog-mask" catchMove>
      <View className="reason-dialog org-edit" role="dialog" aria-label={title}>
        <Text className="reason-dialog-title">{title}</Text>
        {types.length > 1 && (
          <View className="org-edit-types">
            {types.map((t) => (
              <View
                key={t}
                className={`org-edit-type ${t === type ? 'org-edit-type-active' : ''}`}
                onClick={() => setType(t)}
              >
                {ORG_TYPE_LABELS[t]}
              </View>
            ))}
          </View>
        )}
        <Input
          id="org-name"
          className="org-edit-input"
          value={name}
          maxlength={40}
          placeholder="组织名称，如“法规处党支部”"
          onInput={(e) => setName(e.detail.value)}
        />
        {parents && parents.length > 0 && (
          <Picker
            mode="selector"
            range={parents.map((p) => p.label)}
            value={parentIndex}
            onChange={(e) => setParentId(parents[Number(e.detail.value)]?.id)}
          >
            <View className="org-edit-parent" id="org-parent">
              <Text className="muted">上级组织</Text>
              <Text>{parents.find((p) => p.id === parentId)?.label ?? '请选择'} ▾</Text>
            </View>
          </Picker>
        )}
        {(hint || error) && (
          <View className="form-error" role="alert">
            {hint || error}
          </View>
        )}
        <View className="reason-dialog-actions">
          <Button fill="outline" disabled={busy} onClick={props.onCancel}>
            取消
          </Button>
          <Button id="org-confirm" type="primary" loading={busy} onClick={submit}>
            确定
          </Button>
        </View>
      </View>
    </View>
  )
}
