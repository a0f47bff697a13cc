import type { ActivityView, ExtraField, InputOf } from '@/contract'
import type { ActivityKind } from '@/domain/activity.rules'
import { china } from '@/domain/time'
import { chinaInstant } from './meeting-form'
import { extraFieldsProblem } from '@/domain/extra-fields'

/** One extra sign-up field as the editor holds it: options as typed, comma or 、 separated. */
export interface ExtraFieldDraft {
  key: string
  label: string
  type: ExtraField['type']
  options: string
  required: boolean
}

/** What the 新建/编辑活动 form holds: text as typed, dates and times as China-time strings. */
export interface ActivityForm {
  title: string
  kind: ActivityKind
  subType: string
  description: string
  /** A fileID just uploaded, or the current cover's link; '' = none. */
  cover: string
  coverPreview: string
  place: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  openDate: string
  openTime: string
  closeDate: string
  closeTime: string
  unlimited: boolean
  capacity: string
  waitlist: boolean
  audience: 'all' | 'branches'
  branchIds: string[]
  rotationMonths: string
  extraFields: ExtraFieldDraft[]
  cancelLimit: boolean
  cancelDate: string
  cancelTime: string
  approval: boolean
}

export type ActivityFields = Omit<InputOf<'activity.save'>, 'activityId'>

export const EXTRA_TYPE_LABELS: Record<ExtraField['type'], string> = { text: '文本', select: '选择', bool: '是/否' }

/** The next unused key: f1, f2, … (the cloud wants a stable lower-case identifier per field). */
export function nextExtraKey(fields: Array<{ key: string }>): string {
  const used = new Set(fields.map((f) => f.key))
  let n = 1
  while (used.has(`f${n}`)) n++
  return `f${n}`
}

/** A new activity: tomorrow 09:00–11:00, sign-up open from now until an hour before the start. */
export function blankActivityForm(now = Date.now()): ActivityForm {
  const start = china(now).add(1, 'day').startOf('day').add(9, 'hour')
  const end = start.add(2, 'hour')
  const open = china(now).startOf('minute')
  const close = start.subtract(1, 'hour')
  return {
    title: '',
    kind: 'volunteer',
    subType: '社区服务',
    description: '',
    cover: '',
    coverPreview: '',
    place: '',
    startDate: start.format('YYYY-MM-DD'),
    startTime: start.format('HH:mm'),
    endDate: end.format('YYYY-MM-DD'),
    endTime: end.format('HH:mm'),
    openDate: open.format('YYYY-MM-DD'),
    openTime: open.format('HH:mm'),
    closeDate: close.format('YYYY-MM-DD'),
    closeTime: close.format('HH:mm'),
    unlimited: false,
    capacity: '20',
    waitlist: true,
    audience: 'all',
    branchIds: [],
    rotationMonths: '',
    extraFields: [],
    cancelLimit: false,
    cancelDate: close.format('YYYY-MM-DD'),
    cancelTime: close.format('HH:mm'),
    approval: false,
  }
}

const d = (at: string) => china(at).format('YYYY-MM-DD')
const t = (at: string) => china(at).format('HH:mm')

/** The form for an existing activity. */
export function activityFormOf(a: ActivityView): ActivityForm {
  return {
    title: a.title,
    kind: a.kind,
    subType: a.subType,
    description: a.description,
    cover: '',
    coverPreview: a.coverUrl ?? '',
    place: a.place,
    startDate: d(a.startAt),
    startTime: t(a.startAt),
    endDate: d(a.endAt),
    endTime: t(a.endAt),
    openDate: d(a.signupOpenAt),
    openTime: t(a.signupOpenAt),
    closeDate: d(a.signupCloseAt),
    closeTime: t(a.signupCloseAt),
    unlimited: a.capacity === null,
    capacity: a.capacity === null ? '' : String(a.capacity),
    waitlist: a.waitlist,
    audience: a.audienceBranchIds.length ? 'branches' : 'all',
    branchIds: a.audienceBranchIds,
    rotationMonths: a.rotationMonths === null ? '' : String(a.rotationMonths),
    extraFields: a.extraFields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      options: (f.options ?? []).join('，'),
      required: !!f.required,
    })),
    cancelLimit: !!a.cancelUntil,
    cancelDate: a.cancelUntil ? d(a.cancelUntil) : d(a.signupCloseAt),
    cancelTime: a.cancelUntil ? t(a.cancelUntil) : t(a.signupCloseAt),
    approval: a.approval,
  }
}

function instant(date: string, time: string, label: string): string | { error: string } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { error: `请选择${label}日期` }
  if (!/^\d{2}:\d{2}$/.test(time)) return { error: `请选择${label}时间` }
  return chinaInstant(date, time)
}

/**
 * Checks the form the way the cloud will, so the organiser sees a Chinese message before anything is sent; returns
 * the fields to send, or the first problem. `keepCover`: the current cover's link, sent back when no new one was
 * uploaded (the cloud replaces the cover on every save).
 */
export function validateActivityForm(
  f: ActivityForm,
  keepCover: string | null,
): { ok: true; fields: ActivityFields } | { ok: false; error: string } {
  const title = f.title.trim()
  if (title.length < 2 || title.length > 60) return { ok: false, error: '请填写活动名称（2–60 字）' }
  const subType = f.subType.trim()
  if (!subType || subType.length > 20) return { ok: false, error: '请选择或填写活动子类（不超过 20 字）' }
  const place = f.place.trim()
  if (!place || place.length > 80) return { ok: false, error: '请填写活动地点（不超过 80 字）' }
  const description = f.description.trim()
  if (!description || description.length > 3000) return { ok: false, error: '请填写活动介绍（不超过 3000 字）' }
  const startAt = instant(f.startDate, f.startTime, '开始')
  if (typeof startAt !== 'string') return { ok: false, error: startAt.error }
  const endAt = instant(f.endDate, f.endTime, '结束')
  if (typeof endAt !== 'string') return { ok: false, error: endAt.error }
  const openAt = instant(f.openDate, f.openTime, '报名开始')
  if (typeof openAt !== 'string') return { ok: false, error: openAt.error }
  const closeAt = instant(f.closeDate, f.closeTime, '报名截止')
  if (typeof closeAt !== 'string') return { ok: false, error: closeAt.error }
  if (Date.parse(endAt) <= Date.parse(startAt)) return { ok: false, error: '结束时间应晚于开始时间' }
  if (Date.parse(closeAt) <= Date.parse(openAt)) return { ok: false, error: '报名截止时间应晚于报名开始时间' }
  if (Date.parse(closeAt) > Date.parse(endAt)) return { ok: false, error: '报名截止时间不能晚于活动结束时间' }
  const fields: ActivityFields = {
    title,
    kind: f.kind,
    subType,
    description,
    place,
    startAt,
    endAt,
    signupOpenAt: openAt,
    signupCloseAt: closeAt,
    waitlist: f.waitlist,
    approval: f.approval,
  }
  if (!f.unlimited) {
    const c = f.capacity.trim()
    if (!/^\d{1,6}$/.test(c) || Number(c) < 1 || Number(c) > 100000)
      return { ok: false, error: '名额请填写 1–100000 之间的整数，或选择不限名额' }
    fields.capacity = Number(c)
  }
  if (f.audience === 'branches') {
    if (!f.branchIds.length) return { ok: false, error: '请选择可报名的支部' }
    fields.audienceBranchIds = f.branchIds
  } else fields.audienceBranchIds = []
  const rot = f.rotationMonths.trim()
  if (rot) {
    if (!/^\d{1,2}$/.test(rot) || Number(rot) < 1 || Number(rot) > 60)
      return { ok: false, error: '轮换间隔请填写 1–60 之间的整数（月），不限制请留空' }
    fields.rotationMonths = Number(rot)
  }
  const extra: ExtraField[] = []
  for (const [i, x] of f.extraFields.entries()) {
    const label = x.label.trim()
    if (!label || label.length > 20) return { ok: false, error: `第 ${i + 1} 个报名信息请填写名称（不超过 20 字）` }
    const field: ExtraField = { key: x.key, label, type: x.type, required: x.required }
    if (x.type === 'select') {
      const options = [
        ...new Set(
          x.options
            .split(/[,，、\n]/)
            .map((o) => o.trim())
            .filter(Boolean),
        ),
      ]
      if (!options.length) return { ok: false, error: `“${label}”请填写选项，用逗号分隔` }
      if (options.some((o) => o.length > 20)) return { ok: false, error: `“${label}”的每个选项不超过 20 字` }
      if (options.length > 20) return { ok: false, error: `“${label}”最多 20 个选项` }
      field.options = options
    }
    extra.push(field)
  }
  const fieldsProblem = extraFieldsProblem(extra)
  if (fieldsProblem) return { ok: false, error: fieldsProblem }
  fields.extraFields = extra
  if (f.cancelLimit) {
    const until = instant(f.cancelDate, f.cancelTime, '取消截止')
    if (typeof until !== 'string') return { ok: false, error: until.error }
    fields.cancelUntil = until
  }
  const cover = f.cover || keepCover
  if (cover) fields.cover = cover
  return { ok: true, fields }
}
