import { ARTICLE_CATEGORIES, type ArticleCategory } from '../domain/read.rules'
import { action } from './access'
import { revision, v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 80 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const page = v.optional(v.int({ label: '页码', min: 1, max: 10000 }))
const EDITORS = ['branch_admin', 'org_admin'] as const

/** The `study` cloud function: study materials pushed to members, read receipts, reflections and completion. */
export const studyActions = {
  save: action({
    access: EDITORS,
    summary: '新建或修改学习资料（Markdown 或粘贴的 HTML，保存时净化）；发布后修改保留阅读记录',
    input: v.object({
      articleId: v.optional(id('资料')),
      revision,
      title: v.str({ label: '标题', min: 2, max: 80 }),
      category: v.oneOf(ARTICLE_CATEGORIES, { label: '栏目' }),
      summary: v.optional(v.str({ label: '摘要', max: 120 })),
      cover: v.optional(v.link({ label: '封面' })),
      markdown: v.optional(v.str({ label: '正文', max: 60000 })),
      html: v.optional(v.str({ label: '正文', max: 120000 })),
      attachments: v.optional(
        v.array(
          v.object({
            kind: v.oneOf(['pdf', 'audio', 'video'] as const, { label: '附件类型' }),
            name: v.str({ label: '附件名称', min: 1, max: 80 }),
            url: v.link({ label: '附件地址' }),
          }),
          { label: '附件', max: 10 },
        ),
      ),
      source: v.optional(v.str({ label: '来源', max: 60 })),
      sourceDate: v.optional(instant('来源日期')),
      audienceBranchIds: v.optional(v.array(id('推送支部'), { label: '推送支部', max: 200 })),
      required: v.optional(v.bool({ label: '必读' })),
      deadline: v.optional(instant('完成期限')),
      readMinutes: v.optional(v.int({ label: '预计阅读时间（分钟）', min: 1, max: 120 })),
    }),
  }),
  getArticle: action({
    access: EDITORS,
    summary: '读取一篇资料（编辑用，含草稿）',
    input: v.object({ articleId: id('资料') }),
  }),
  publish: action({
    access: EDITORS,
    summary: '立即发布或定时发布；必读资料发布时排入订阅消息通知，由定时任务分批发送（可续发、不重发）',
    input: v.object({ articleId: id('资料'), publishAt: v.optional(instant('发布时间')) }),
  }),
  withdraw: action({ access: EDITORS, summary: '撤回已发布的资料', input: v.object({ articleId: id('资料') }) }),
  adminList: action({
    access: EDITORS,
    summary: '资料管理列表及阅读人数（分页）',
    input: v.object({
      status: v.optional(v.oneOf(['draft', 'published', 'withdrawn'] as const, { label: '状态' })),
      page,
    }),
  }),
  articleStats: action({
    access: EDITORS,
    summary: '单篇统计：应读、已读、未读名单、平均阅读时长',
    input: v.object({ articleId: id('资料'), branchId: v.optional(id('支部')) }),
  }),
  reflections: action({
    access: EDITORS,
    summary: '一篇资料的学习心得（分页，新的在前）：支部书记看本支部，机关党委看全部，可按支部筛选',
    input: v.object({ articleId: id('资料'), branchId: v.optional(id('支部')), page }),
  }),
  memberReflections: action({
    access: EDITORS,
    summary: '一名党员一年的学习心得（分页，新的在前）：支部书记看本支部党员，机关党委看全部',
    input: v.object({
      memberId: id('党员'),
      year: v.optional(v.int({ label: '年份', min: 2000, max: 2100 })),
      page,
    }),
  }),
  completion: action({
    access: EDITORS,
    summary: '各支部必读资料完成情况（按时间段）',
    input: v.object(
      { from: v.optional(instant('开始日期')), to: v.optional(instant('结束日期')) },
      { order: [['from', 'to']] },
    ),
  }),
  exportStats: action({
    access: EDITORS,
    summary: '导出 Excel：单篇阅读情况或各支部完成情况',
    input: v.object(
      {
        articleId: v.optional(id('资料')),
        from: v.optional(instant('开始日期')),
        to: v.optional(instant('结束日期')),
      },
      { order: [['from', 'to']] },
    ),
  }),
  feed: action({
    access: 'member',
    summary: '学习栏目：必读在前（含期限和我的进度），再按栏目看最新，可按标题搜索',
    input: v.object({
      category: v.optional(v.oneOf(ARTICLE_CATEGORIES, { label: '栏目' })),
      keyword: v.optional(v.str({ label: '关键字', max: 30 })),
      page,
    }),
  }),
  get: action({
    access: 'member',
    summary: '阅读一篇资料（仅限推送给本人的）',
    input: v.object({ articleId: id('资料') }),
  }),
  open: action({ access: 'member', summary: '开始阅读计时（服务端计时）', input: v.object({ articleId: id('资料') }) }),
  finish: action({
    access: 'member',
    summary: '读到末尾：停留时间足够才记为已读，并记录阅读时长',
    input: v.object({ articleId: id('资料'), reachedEnd: v.bool({ label: '已读到末尾' }) }),
  }),
  reflect: action({
    access: 'member',
    summary: '提交学习心得（经内容安全检测）',
    input: v.object({ articleId: id('资料'), text: v.str({ label: '学习心得', min: 10, max: 1000 }) }),
  }),
  unreadRequired: action({ access: 'member', summary: '未读必读资料数（首页角标）', input: v.object({}) }),
  subscribe: action({
    access: 'member',
    summary: '记录订阅消息授权（每次授权可发送一条）',
    input: v.object({ templateId: v.str({ label: '模板', min: 1, max: 80 }), accepted: v.bool({ label: '是否同意' }) }),
  }),
}

export interface Attachment {
  kind: 'pdf' | 'audio' | 'video'
  name: string
  url: string
  /** The cloud:// id when the file is in cloud storage (weapp opens it by id: no download domain needed); else null. */
  fileID?: string | null
}

export interface ArticleCard {
  id: string
  title: string
  category: ArticleCategory
  summary: string
  coverUrl: string | null
  source: string | null
  publishedAt: string | null
  required: boolean
  deadline: string | null
  readMinutes: number
  /** The caller's progress (members). */
  read: boolean
  overdue: boolean
}

export interface ArticleView extends ArticleCard {
  html: string
  attachments: Attachment[]
  sourceDate: string | null
  minReadSeconds: number
  readAt: string | null
  secondsSpent: number | null
  reflection: { text: string; updatedAt: string } | null
}

export interface AdminArticle extends ArticleCard {
  status: 'draft' | 'published' | 'withdrawn'
  publishAt: string | null
  audienceBranchIds: string[]
  markdown: string | null
  html: string
  attachments: Attachment[]
  readCount: number
  /**
   * Whether the caller may edit it. A branch secretary's list also holds the committee's required reading for her
   * branch, read-only: she follows it up through its statistics (her branch's names), not by editing it.
   */
  editable: boolean
  /** Its subscribe-message notices: sent so far, refused, unconfirmed (a cut-off run), finished. Null: none queued. */
  notice: { sent: number; failed: number; unconfirmed: number; done: boolean } | null
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
}

/** One member's 学习心得 on one required article, as staff read it (by article or by member). */
export interface ReflectionRow {
  /** `<articleId>_<memberId>`: one reflection per member and article (a second one replaces the first). */
  id: string
  articleId: string
  articleTitle: string
  memberId: string
  name: string
  /** Her branch when she wrote it. */
  branchId: string
  branchName: string
  /** Her 党小组 now, if any. */
  groupName: string | null
  text: string
  updatedAt: string
}

export interface StudyOutputs {
  save: { article: AdminArticle }
  getArticle: { article: AdminArticle }
  publish: { article: AdminArticle; notified: number }
  withdraw: { article: AdminArticle }
  adminList: { items: AdminArticle[]; total: number; page: number; pageSize: number }
  articleStats: {
    article: AdminArticle
    audience: number
    read: number
    notRead: number
    averageSeconds: number | null
    byBranch: Array<{ branchId: string; branchName: string; audience: number; read: number }>
    /** Names for one branch (the caller's, or the one asked for). */
    branch: {
      branchId: string
      read: Array<{ memberId: string; name: string; secondsSpent: number; readAt: string }>
      notRead: Array<{ memberId: string; name: string }>
    } | null
  }
  reflections: { items: ReflectionRow[]; total: number; page: number; pageSize: number }
  memberReflections: { items: ReflectionRow[]; total: number; page: number; pageSize: number; year: number }
  completion: {
    from: string
    to: string
    branches: Array<{
      branchId: string
      branchName: string
      requiredItems: number
      expected: number
      done: number
      rate: number | null
    }>
  }
  exportStats: { fileID: string; url: string; fileName: string }
  feed: {
    required: ArticleCard[]
    items: ArticleCard[]
    total: number
    page: number
    pageSize: number
    subscribeTemplateId: string | null
  }
  get: { article: ArticleView }
  // secondsSoFar: what earlier visits banked (the clock resumes from there).
  open: { openedAt: string; minReadSeconds: number; secondsSoFar: number }
  finish: {
    recorded: boolean
    already: boolean
    secondsSpent: number
    needSeconds: number | null
    reason: 'not_opened' | 'not_finished' | 'too_fast' | null
  }
  reflect: { reflection: { text: string; updatedAt: string } }
  unreadRequired: { count: number }
  subscribe: { credits: number }
}
