import { ACTIVITY_KINDS, type ActivityKind, type SignupStatus } from '../domain/activity.rules'
import { action } from './access'
import { revision, v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 80 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const page = v.optional(v.int({ label: '页码', min: 1, max: 10000 }))
const ORGANISERS = ['union_admin', 'org_admin'] as const

const activityFields = {
  title: v.str({ label: '活动名称', min: 2, max: 60 }),
  kind: v.oneOf(ACTIVITY_KINDS, { label: '活动类型' }),
  subType: v.str({ label: '活动子类', min: 1, max: 20 }),
  description: v.str({ label: '活动介绍', min: 1, max: 3000 }),
  cover: v.optional(v.link({ label: '封面' })),
  place: v.str({ label: '地点', min: 1, max: 80 }),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  signupOpenAt: instant('报名开始时间'),
  signupCloseAt: instant('报名截止时间'),
  capacity: v.optional(v.int({ label: '名额', min: 1, max: 100000 })),
  waitlist: v.optional(v.bool({ label: '候补' })),
  audienceBranchIds: v.optional(v.array(id('可报名支部'), { label: '可报名支部', max: 200 })),
  rotationMonths: v.optional(v.int({ label: '轮换间隔（月）', min: 1, max: 60 })),
  extraFields: v.optional(
    v.array(
      v.object({
        key: v.str({
          label: '字段标识',
          pattern: /^[a-z][a-z0-9_]{0,19}$/,
          patternMessage: '字段标识应为小写字母开头的字母数字',
        }),
        label: v.str({ label: '字段名称', min: 1, max: 20 }),
        type: v.oneOf(['text', 'select', 'bool'] as const, { label: '字段类型' }),
        options: v.optional(v.array(v.str({ label: '选项', min: 1, max: 20 }), { label: '选项', max: 20 })),
        required: v.optional(v.bool({ label: '必填' })),
      }),
      { label: '报名附加信息', max: 10 },
    ),
  ),
  cancelUntil: v.optional(instant('可取消截止时间')),
  approval: v.optional(v.bool({ label: '需要审核' })),
}

/** The `activity` cloud function: volunteer and union activities, places, waitlist, on-site check-in, hours. */
export const activityActions = {
  save: action({
    access: ORGANISERS,
    summary: '新建或修改活动',
    input: v.object({ activityId: v.optional(id('活动')), revision, ...activityFields }),
  }),
  get: action({
    access: ORGANISERS,
    summary: '读取一个活动的设置（编辑用，含草稿）',
    input: v.object({ activityId: id('活动') }),
  }),
  publish: action({ access: ORGANISERS, summary: '发布活动（开放报名）', input: v.object({ activityId: id('活动') }) }),
  closeSignup: action({ access: ORGANISERS, summary: '提前截止报名', input: v.object({ activityId: id('活动') }) }),
  manage: action({ access: ORGANISERS, summary: '活动管理列表（分页）', input: v.object({ page }) }),
  roster: action({
    access: ORGANISERS,
    summary: '报名名单及状态（分页）',
    input: v.object({
      activityId: id('活动'),
      status: v.optional(
        v.oneOf(['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected'] as const, { label: '状态' }),
      ),
      page,
    }),
  }),
  review: action({
    access: ORGANISERS,
    summary: '审核报名（通过后占名额或进入候补）',
    input: v.object({
      signupId: id('报名'),
      approve: v.bool({ label: '审核结果' }),
      reason: v.optional(v.str({ label: '原因', max: 100 })),
    }),
  }),
  promote: action({
    access: ORGANISERS,
    summary: '手动把候补人员转为报名成功（需有空余名额；不按候补顺序须注明原因，记审计）',
    input: v.object({ signupId: id('报名'), reason: v.optional(v.str({ label: '原因', min: 2, max: 100 })) }),
  }),
  setHours: action({
    access: ORGANISERS,
    summary: '修改志愿服务时长（记审计）',
    input: v.object({
      signupId: id('报名'),
      tenths: v.int({ label: '时长（单位 0.1 小时）', min: 0, max: 2400 }),
      reason: v.str({ label: '原因', min: 2, max: 100 }),
    }),
  }),
  qrToken: action({
    access: ORGANISERS,
    summary: '现场签到/签退的动态码（与会议签到同一机制）',
    input: v.object({ activityId: id('活动'), mode: v.oneOf(['in', 'out'] as const, { label: '签到或签退' }) }),
  }),
  exportRoster: action({
    access: ORGANISERS,
    summary: '导出报名名单 Excel（报名成功者附联系电话，记审计）',
    input: v.object({ activityId: id('活动') }),
  }),
  list: action({
    access: 'member',
    summary: '活动列表：按类型、可报名、我参加的筛选（分页）',
    input: v.object({
      kind: v.optional(v.oneOf(ACTIVITY_KINDS, { label: '活动类型' })),
      filter: v.optional(v.oneOf(['all', 'open', 'mine'] as const, { label: '筛选' })),
      page,
    }),
  }),
  detail: action({
    access: 'member',
    summary: '活动详情、剩余名额和我的报名',
    input: v.object({ activityId: id('活动') }),
  }),
  signup: action({
    access: 'member',
    summary: '报名：原子占用名额，满额进入候补；同一人只能报名一次',
    input: v.object({
      activityId: id('活动'),
      extra: v.optional(
        v.array(
          v.object({ key: v.str({ label: '字段', max: 20 }), value: v.str({ label: '内容', max: 100, min: 0 }) }),
          { label: '附加信息', max: 10 },
        ),
      ),
    }),
  }),
  cancel: action({
    access: 'member',
    summary: '取消报名（截止前）；候补第一位自动递补并收到通知',
    input: v.object({ activityId: id('活动') }),
  }),
  checkIn: action({
    access: 'member',
    summary: '扫现场动态码签到或签退',
    input: v.object({ token: v.str({ label: '签到码', min: 8, max: 200 }) }),
  }),
  myHours: action({
    access: 'member',
    summary: '我今年的志愿服务时长及明细',
    input: v.object({ year: v.optional(v.int({ label: '年份', min: 2000, max: 2100 })) }),
  }),
  subscribe: action({
    access: 'member',
    summary: '记录订阅消息授权（候补递补通知）',
    input: v.object({ templateId: v.str({ label: '模板', min: 1, max: 80 }), accepted: v.bool({ label: '是否同意' }) }),
  }),
}

export interface ExtraField {
  key: string
  label: string
  type: 'text' | 'select' | 'bool'
  options?: string[]
  required?: boolean
}

export interface ActivityView {
  id: string
  title: string
  kind: ActivityKind
  kindLabel: string
  subType: string
  description: string
  coverUrl: string | null
  place: string
  startAt: string
  endAt: string
  signupOpenAt: string
  signupCloseAt: string
  capacity: number | null
  taken: number
  placesLeft: number | null
  waitlist: boolean
  waitlistCount: number
  audienceBranchIds: string[]
  rotationMonths: number | null
  extraFields: ExtraField[]
  cancelUntil: string | null
  approval: boolean
  status: 'draft' | 'published' | 'closed'
  signupState: 'not_open' | 'open' | 'closed'
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
}

export interface SignupView {
  id: string
  activityId: string
  memberId: string
  memberName: string
  /** The member's branch on organisers' views; empty on the member's own (her screens do not show it). */
  branchName: string
  status: SignupStatus
  statusLabel: string
  /** Place in the waitlist (1 = next to be promoted); null unless waitlisted. */
  position: number | null
  extra: Array<{ key: string; value: string }>
  createdAt: string
  checkInAt: string | null
  checkOutAt: string | null
  hours: number | null
  /** Hours corrected by hand: who, why and when — shown beside the hours on the roster. */
  hoursEdited: { byName: string; reason: string; at: string } | null
  /** Why an organiser rejected the sign-up (shown to the member and on the roster). */
  rejectReason: string | null
}

export interface ActivityOutputs {
  save: { activity: ActivityView }
  get: { activity: ActivityView }
  publish: { activity: ActivityView }
  closeSignup: { activity: ActivityView }
  manage: { items: ActivityView[]; total: number; page: number; pageSize: number }
  roster: {
    activity: ActivityView
    items: SignupView[]
    total: number
    page: number
    pageSize: number
    counts: Record<SignupStatus, number>
  }
  review: { signup: SignupView }
  promote: { signup: SignupView }
  setHours: { signup: SignupView }
  qrToken: { token: string; expiresInMs: number; checkedIn: number; checkedOut: number }
  exportRoster: { fileID: string; url: string; fileName: string }
  list: { items: Array<ActivityView & { mine: SignupView | null }>; total: number; page: number; pageSize: number }
  detail: { activity: ActivityView; mine: SignupView | null; subscribeTemplateId: string | null }
  /** `activity`: the activity as it stands after the sign-up (places, waitlist), so the page need not read it again. */
  signup: { signup: SignupView; already: boolean; activity: ActivityView }
  cancel: { signup: SignupView; promoted: boolean; activity: ActivityView }
  checkIn: {
    activityId: string
    activityTitle: string
    mode: 'in' | 'out'
    at: string
    already: boolean
    hours: number | null
  }
  myHours: {
    year: number
    totalHours: number
    items: Array<{ activityId: string; title: string; startAt: string; hours: number }>
  }
  subscribe: { credits: number }
}
