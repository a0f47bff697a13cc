import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useEffect, useState, type ReactElement } from 'react'
import { Button } from '@/components/nut'
import { EmptyState, ErrorState, LoadingSkeleton } from '@/components/page-state'
import { messageOf, type ApiError } from '@/remote'
import { useSessionStore } from '@/stores/session.store'
import './edited-elsewhere.scss'

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
  /**
   * The revision the form's draft is based on: the record's when the form was filled from it, then each save's
   * answer. The save sends it (never a revision re-read later, which would let the draft overwrite a change it never
   * saw); the cloud refuses a save from an older one (EDITED_ELSEWHERE).
   */
  const [revision, setRevision] = useState<number | undefined>(undefined)
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
  return { me, editId, setEditId, openedId, form, setForm, revision, setRevision }
}

/** Opens an editor page again on record `id`: the page reads it fresh on open (`freshOnOpen`). */
export function reopenEditor(route: string, id: string | null) {
  if (id) void Taro.redirectTo({ url: `${route}?id=${encodeURIComponent(id)}` })
}

/** Fills an editor's form from its record once the record it edits has loaded (never again: the form is a draft). */
export function useFormFrom<V extends { id: string; revision: number }, F>(
  opening: {
    editId: string | null
    form: F | null
    setForm: (form: F) => void
    setRevision: (revision: number) => void
  },
  record: V | null,
  formOf: (record: V) => F,
) {
  const { editId, form, setForm, setRevision } = opening
  useEffect(() => {
    if (form || !editId || !record || record.id !== editId) return
    setForm(formOf(record))
    setRevision(record.revision)
  }, [editId, form, record, formOf, setForm, setRevision])
}

/**
 * A save refused because the record was saved elsewhere after this editor opened it (EDITED_ELSEWHERE, see
 * cloudfunctions/_shared/revision.ts). `caught(e)` answers whether the error was that, and asks at once (a modal:
 * the save buttons sit at the foot of a long form, below where a notice would show) whether to reopen; `reopen` is
 * what 重新打开 does (an editor page: `reopenEditor`, which reads the record fresh on open). 留在此页 keeps the draft
 * on screen, so she can copy what she typed, with `notice` beside the save buttons still offering 重新打开最新内容.
 */
export function useEditConflict(reopen: () => void) {
  const [message, setMessage] = useState<string | null>(null)
  const caught = (e: unknown) => {
    if ((e as Partial<ApiError> | null)?.code !== 'EDITED_ELSEWHERE') return false
    setMessage(messageOf(e))
    void Taro.showModal({
      title: '内容已被修改',
      content: messageOf(e),
      confirmText: '重新打开',
      cancelText: '留在此页',
      confirmColor: '#c8102e',
    }).then(({ confirm }) => {
      if (confirm) reopen()
    })
    return true
  }
  const notice = message ? (
    <View className="form-error edited-elsewhere" id="edited-elsewhere" role="alert">
      <Text>{message}</Text>
      <Button id="editor-reopen" className="edited-elsewhere-reopen" size="small" type="primary" onClick={reopen}>
        重新打开最新内容
      </Button>
    </View>
  ) : null
  return { caught, notice, clear: () => setMessage(null) }
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
        <ErrorState error={o.loadError} onRetry={o.onRetry} />
      </View>
    )
  return (
    <View className="page">
      <LoadingSkeleton cards={3} rows={3} />
    </View>
  )
}
