import type { Grade } from '../domain/review.rules'
import type { YearFigures } from '../domain/year.rules'
import type { OrgTreeNode, OrgType } from '../domain/org.tree'
import { ORG_TYPES } from '../domain/org.tree'
import type { Role } from '../domain/roles'
import { ROLES } from '../domain/roles'
import { BRANCH_POSTS, LEAVE_REASONS, type BranchPost, type LeaveReason } from '../domain/staff.rules'
import { action } from './access'
import { revision, v } from './schema'

const name = v.str({ label: '姓名', min: 1, max: 20 })
const id = (label: string) => v.str({ label, min: 1, max: 64 })
export const PAGE_SIZE_MAX = 20

/** The `member` cloud function: identity, roster, roles and the org tree. */
export const memberActions = {
  whoami: action({ access: 'openid', summary: '当前微信身份对应的党员、支部和角色', input: v.object({}) }),
  bind: action({
    access: 'openid',
    summary: '绑定党员身份：姓名 + 手机号后四位（立即生效），或姓名 + 支部邀请码（待审核）',
    input: v.object({
      mode: v.oneOf(['phone', 'invite'] as const, { label: '绑定方式' }),
      name,
      phoneTail: v.optional(
        v.str({ label: '手机号后四位', pattern: /^\d{4}$/, patternMessage: '手机号后四位应为 4 位数字' }),
      ),
      inviteCode: v.optional(
        v.str({ label: '邀请码', pattern: /^[A-Z0-9]{6}$/i, patternMessage: '邀请码应为 6 位字母或数字' }),
      ),
    }),
  }),
  bootstrap: action({
    access: 'console',
    summary: '新环境的第一位机关党委管理员（npm run bootstrap:admin，凭一次性口令；本人随后用姓名+手机尾号绑定）',
    input: v.object({
      secret: v.str({ label: '初始化口令', min: 8, max: 128 }),
      name,
      phone: v.str({ label: '手机号', pattern: /^1\d{10}$/, patternMessage: '手机号应为 11 位数字' }),
    }),
  }),
  unbind: action({
    access: 'member',
    summary: '本人申请解除绑定；管理员直接解除本支部党员的绑定（记审计）',
    input: v.object({ memberId: v.optional(id('党员')), reason: v.optional(v.str({ label: '原因', max: 100 })) }),
  }),
  approveBinding: action({
    access: ['branch_admin', 'org_admin'],
    summary: '审核绑定申请或解绑申请（通过/驳回，记审计）',
    input: v.object({
      memberId: id('党员'),
      approve: v.bool({ label: '审核结果' }),
      reason: v.optional(v.str({ label: '原因', max: 100 })),
    }),
  }),
  import: action({
    access: ['branch_admin', 'org_admin'],
    summary:
      '从 .xlsx / .csv 导入花名册，两步：先预览将新增、修改（逐项前后对照）、调动和变更角色的人员，确认后才写入（逐人记审计）；任何一行有错则逐行列出错误、不导入',
    input: v.object({
      fileID: v.str({ label: '文件', max: 512 }),
      /** The token of the preview being confirmed; absent = preview only, nothing is written. */
      confirm: v.optional(
        v.str({ label: '确认码', pattern: /^[0-9a-f]{64}$/, patternMessage: '确认码无效，请重新预览' }),
      ),
    }),
  }),
  list: action({
    access: ['branch_admin', 'org_admin'],
    summary: '花名册（分页，按角色限定范围）',
    input: v.object({
      orgId: v.optional(id('组织')),
      keyword: v.optional(v.str({ label: '关键字', max: 20 })),
      bindStatus: v.optional(
        v.oneOf(['unbound', 'pending', 'bound', 'unbind_requested'] as const, { label: '绑定状态' }),
      ),
      status: v.optional(v.oneOf(['active', 'left'] as const, { label: '党籍状态' })),
      page: v.optional(v.int({ label: '页码', min: 1, max: 10000 })),
      pageSize: v.optional(v.int({ label: '每页条数', min: 1, max: PAGE_SIZE_MAX })),
    }),
  }),
  get: action({
    access: ['branch_admin', 'org_admin'],
    summary: '一位党员的资料（从花名册点开时；按角色限定范围，范围外与不存在的答复相同）',
    input: v.object({ memberId: id('党员') }),
  }),
  setRole: action({
    access: ['org_admin'],
    summary: '设置党员角色（记审计）',
    input: v.object({ memberId: id('党员'), role: v.oneOf(ROLES, { label: '角色' }) }),
  }),
  tree: action({ access: 'member', summary: '组织架构树', input: v.object({}) }),
  upsertOrg: action({
    access: ['org_admin'],
    summary: '新建、改名或移动组织（党总支、党支部、党小组；不能移到自己的下级之下，记审计）',
    input: v.object({
      id: v.optional(id('组织')),
      revision,
      name: v.str({ label: '组织名称', min: 2, max: 40 }),
      type: v.oneOf(ORG_TYPES, { label: '组织类型' }),
      parentId: v.optional(id('上级组织')),
      sort: v.optional(v.int({ label: '排序', min: 0, max: 9999 })),
      retirees: v.optional(v.bool({ label: '离退休干部党支部' })),
    }),
  }),
  retireOrg: action({
    access: ['org_admin'],
    summary: '撤销组织：仍有党员或下级组织的不能撤销（记审计）',
    input: v.object({ id: id('组织'), reason: v.optional(v.str({ label: '原因', max: 100 })) }),
  }),
  committee: action({
    access: ['branch_admin', 'org_admin'],
    summary: '支部委员会：书记、副书记、各委员及党员人数',
    input: v.object({ branchId: id('支部') }),
  }),
  setPost: action({
    access: ['branch_admin', 'org_admin'],
    summary: '设置党员在支部委员会中的职务（书记、组织委员等，记审计）',
    input: v.object({ memberId: id('党员'), post: v.optional(v.oneOf(BRANCH_POSTS, { label: '支委职务' })) }),
  }),
  moveMember: action({
    access: ['branch_admin', 'org_admin'],
    summary: '调整党员所在支部或党小组（支部管理员只能在本支部内调整，记审计）',
    input: v.object({
      memberId: id('党员'),
      branchId: id('支部'),
      groupId: v.optional(id('党小组')),
      reason: v.optional(v.str({ label: '原因', max: 100 })),
    }),
  }),
  setStatus: action({
    access: ['branch_admin', 'org_admin'],
    summary: '标记党员转出、去世或停止党籍（保留历史记录，不再计入应到/应考/应读），或恢复（记审计）',
    input: v.object({
      memberId: id('党员'),
      status: v.oneOf(['active', ...LEAVE_REASONS] as const, { label: '党籍状态' }),
      reason: v.optional(v.str({ label: '说明', max: 100 })),
    }),
  }),
  waiting: action({
    access: ['branch_admin', 'org_admin', 'union_admin'],
    summary: '待处理事项数：请假审批、绑定审核、活动报名审核、出勤异议（按角色范围）',
    input: v.object({}),
  }),
  exportRoster: action({
    access: ['branch_admin', 'org_admin'],
    summary: '导出花名册 Excel（与导入同列，可改后再导入）；完整手机号仅限机关党委管理员，且记审计',
    input: v.object({
      orgId: v.optional(id('组织')),
      fullPhones: v.optional(v.bool({ label: '完整手机号' })),
    }),
  }),
  inviteCode: action({
    access: ['branch_admin', 'org_admin'],
    summary: '查看或重置支部邀请码',
    input: v.object({ branchId: id('支部'), rotate: v.optional(v.bool({ label: '重置' })) }),
  }),
  year: action({
    access: 'member',
    summary:
      '我的一年：会议（应参加、出席、迟到、请假、缺席及补学）、必读学习、测试、活动与志愿时长；支部管理员可看本支部党员',
    input: v.object({
      memberId: v.optional(id('党员')),
      year: v.optional(v.int({ label: '年份', min: 2000, max: 2100 })),
    }),
  }),
  today: action({
    access: 'member',
    summary: '首页待办：正在签到的会议、可参加的测试及截止时间、即将到期的必读、待审批的请假',
    input: v.object({}),
  }),
  behind: action({
    access: ['branch_admin', 'org_admin'],
    summary: '本支部需要关注的党员：出勤率低、未补学、必读逾期未读、测试未参加（按年）',
    input: v.object({
      branchId: v.optional(id('支部')),
      year: v.optional(v.int({ label: '年份', min: 2000, max: 2100 })),
    }),
  }),
}

/** One 民主评议 of the year the member took part in. */
export interface YearReview {
  reviewId: string
  title: string
  period: string
  state: 'not_open' | 'open' | 'closed'
  /** Her ratings were counted (the ballot itself is secret). */
  voted: boolean
  selfDone: boolean
  /** Her 建议结果 from the branch, once the review is over and the branch has proposed. */
  result: Grade | null
}

/** One thing on 首页 that wants the member's attention now; `at` is its deadline or start (ISO). */
export interface TodayCard {
  /** signIn: a meeting whose sign-in is open and she has not signed in; test: a test open to her, not used up;
   * reading: a required item due within a week (or overdue), unread; leave: her leave request still pending. */
  kind: 'signIn' | 'test' | 'reading' | 'leave'
  id: string
  title: string
  at: string
}

/** One test of the year as the member's page shows it. */
export interface YearTest {
  quizId: string
  title: string
  closeAt: string
  /** taken: submitted at least once; missed: closed without a submission; open: still open, not taken. */
  state: 'taken' | 'missed' | 'open'
  /** The best submitted score. */
  score: number | null
  maxScore: number
  passed: boolean | null
}

/** One row of a roster import's preview: what will happen to one person. */
export interface RosterPreviewRow {
  row: number
  kind: 'create' | 'update'
  name: string
  /** Field by field, before → after, as a person reads them (org names, role labels, “（空）”). */
  changes: Array<{ field: string; before: string; after: string }>
  /** A change of branch (only an org admin's file can do that). */
  moved: boolean
  /** A change of role. */
  reroled: boolean
}

export interface RosterImportResult {
  /**
   * `preview`: nothing written yet, confirm with `confirmToken`; `writing`: part of a large file is written, confirm
   * again with the same token to go on (`progress`); `done`: written and audited.
   */
  stage: 'preview' | 'writing' | 'done'
  /** Rows with a change written so far, of all such rows (while confirming). */
  progress?: { written: number; total: number }
  confirmToken: string
  created: number
  updated: number
  moved: number
  reroled: number
  unchanged: number
  total: number
  /** Rows that create or change someone (at most 500 listed; the counts are complete). */
  rows: RosterPreviewRow[]
  /** Header cells of the file that name no column the importer knows: listed back, their contents not imported. */
  unknownColumns: string[]
}

export type BindStatus = 'unbound' | 'pending' | 'bound'

export interface MemberView {
  id: string
  name: string
  phoneMasked: string
  branchId: string
  branchName: string
  groupId: string | null
  groupName: string | null
  role: Role
  title: string | null
  bindStatus: BindStatus
  unbindRequested: boolean
  /** The member's post on the branch committee (书记, 组织委员…), if any. */
  post: BranchPost | null
  status: 'active' | 'left'
  /** Why and when a member left (转出/去世/停止党籍); null while active. */
  leftReason: LeaveReason | null
  leftAt: string | null
}

export interface CommitteeView {
  branchId: string
  branchName: string
  memberCount: number
  posts: Array<{ post: BranchPost; memberId: string; name: string }>
}

export interface Me {
  /** Null when this WeChat identity is not bound to a roster member. */
  member: MemberView | null
  /** A bind by invite code waiting for the branch's approval. */
  pending: { name: string; branchName: string } | null
  committeeName: string
  /** The member's branch is a 离退休干部党支部: the app starts in 长辈模式 unless she turned it off. */
  elderDefault?: boolean
}

export interface OrgView {
  id: string
  name: string
  type: OrgType
  parentId: string | null
  /** A 离退休干部党支部 (branches only). */
  retirees?: boolean
  /** Its revision after a rename or move (the tree editor sends the tree's back: cloudfunctions/_shared/revision.ts). */
  revision?: number
}

export interface MemberOutputs {
  whoami: Me
  bind: { status: 'bound' | 'pending'; me: Me }
  bootstrap: { me: Me }
  unbind: { status: 'requested' | 'unbound' }
  approveBinding: { member: MemberView }
  import: RosterImportResult
  list: { items: MemberView[]; total: number; page: number; pageSize: number }
  get: { member: MemberView }
  setRole: { member: MemberView }
  tree: { tree: OrgTreeNode[] }
  upsertOrg: { org: OrgView }
  retireOrg: { org: OrgView }
  committee: CommitteeView
  setPost: { member: MemberView }
  moveMember: { member: MemberView }
  setStatus: { member: MemberView }
  /** What waits for this admin, within their scope; null where their role does not handle that kind. */
  /** `objections`: 出勤异议 waiting for a decision (optional: older clients and tests leave it out). */
  waiting: { leaves: number | null; bindings: number | null; signups: number | null; objections?: number | null }
  exportRoster: { fileID: string; url: string; fileName: string; rows: number }
  inviteCode: { branchId: string; code: string }
  year: {
    year: number
    member: { id: string; name: string; branchName: string }
    figures: YearFigures
    tests: YearTest[]
    reviews: YearReview[]
    /** Why this member falls behind (empty when she does not): the rules in src/domain/year.rules.ts. */
    behind: string[]
  }
  today: { cards: TodayCard[] }
  behind: {
    year: number
    branchId: string
    branchName: string
    /** Active members of the branch (the list shows only those behind). */
    members: number
    rows: Array<{ memberId: string; name: string; figures: YearFigures; reasons: string[] }>
  }
}
