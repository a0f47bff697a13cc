import { View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useState, type ReactElement } from 'react'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { useSessionStore } from '@/stores/session.store'

/**
 * How the activity, article and test editors open (one place, so a fix reaches all three): the record named in the
 * page's address (`?id=`), or none for a new one; the form filled ONCE from the record read when the editor opened
 * (the page asks with `freshOnOpen`: a cached answer would save another admin's change back over) or blank for a
 * new record; the title; and, until there is a form, who may not edit, a load failure, or a skeleton.
 */
export function useEditorOpening<V extends { id: string }, F>(o: {
  blank: () => F
  formOf: (record: V) => F
  titles: { create: string; edit: string }
}) {
  const me = useSessionStore((s) => s.me)
  const loadMe = useSessionStore((s) => s.load)
  /** What the form edits: the opened record, or the new one once its first save gave it an id. */
  const [editId, setEditId] = useState<string | null>(null)
  /** The record the page opened on: what the page reads. */
  const [openedId, setOpenedId] = useState<string | null>(null)
  const [form, setForm] = useState<F | null>(null)
  useLoad((params?: Record<string, string>) => {
    if (!me) loadMe()
    const id = params?.id ? decodeURIComponent(params.id) : null
    setEditId(id)
    setOpenedId(id)
    if (!id) setForm(o.blank())
  })
  useEffect(() => {
    Taro.setNavigationBarTitle({ title: editId ? o.titles.edit : o.titles.create }).catch(() => {})
  }, [editId, o.titles.edit, o.titles.create])
  return { me, editId, setEditId, openedId, form, setForm }
}

/** Fills an editor's form from its record once the record it edits has loaded (never again: the form is a draft). */
export function useFormFrom<V extends { id: string }, F>(
  opening: { editId: string | null; form: F | null; setForm: (form: F) => void },
  record: V | null,
  formOf: (record: V) => F,
) {
  const { editId, form, setForm } = opening
  useEffect(() => {
    if (!form && editId && record && record.id === editId) setForm(formOf(record))
  }, [editId, form, record, formOf, setForm])
}

/**
 * What an editor shows instead of its form: who may not edit (`denied`, once the role is known), the failure to
 * read the record being edited, or a skeleton until the form is filled. Null when the form can show.
 */
export function editorGate(o: {
  denied: { icon: string; title: string; description?: string } | null
  loadError: { message: string } | null
  onRetry: () => void
  ready: boolean
}): ReactElement | null {
  if (o.denied)
    return (
      <View className="page">
        <EmptyState icon={o.denied.icon} title={o.denied.title} description={o.denied.description} />
      </View>
    )
  if (o.ready) return null
  if (o.loadError)
    return (
      <View className="page">
        <ErrorState message={o.loadError.message} onRetry={o.onRetry} />
      </View>
    )
  return (
    <View className="page">
      <LoadingSkeleton cards={3} rows={3} />
    </View>
  )
}
