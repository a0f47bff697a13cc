import { GRADES, type Grade, type GradeCounts } from '../domain/review.rules'
import { action } from './access'
import { v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 64 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const ADMINS = ['branch_admin', 'org_admin'] as const
const grade = (label: string) => v.oneOf(GRADES, { label })

/** The `review` cloud function: 民主评议党员, opened by the committee, run by each branch, ratings secret and once. */
export const reviewActions = {
  open: action({
    access: ['org_admin'],
    summary: '开启民主评议（评议期间、起止时间、优秀比例上限）：全机关在册党员参评',
    input: v.object({
      title: v.str({ label: '评议名称', min: 2, max: 60 }),
      period: v.str({ label: '评议年度', min: 4, max: 20 }),
      openAt: instant('开始时间'),
      closeAt: instant('截止时间'),
      excellentMaxPercent: v.int({ label: '优秀比例上限（%）', min: 0, max: 100 }),
    }),
  }),
  list: action({ access: 'member', summary: '民主评议列表（我参加的；管理员看全部）', input: v.object({}) }),
  mine: action({
    access: 'member',
    summary: '我的评议：自我评价、待评议的本支部党员、我的评议票是否已计入',
    input: v.object({ reviewId: id('评议') }),
  }),
  selfAssess: action({
    access: 'member',
    summary: '填写自我评价（评议期间可修改；自评等次在不记名的评议票中）',
    input: v.object({ reviewId: id('评议'), text: v.str({ label: '自我评价', min: 20, max: 3000 }) }),
  }),
  rate: action({
    access: 'member',
    summary: '评议：为本支部每名参评党员（含本人）评定等次（不记名，只能提交一次）',
    input: v.object({
      reviewId: id('评议'),
      ratings: v.array(
        v.object({
          memberId: id('党员'),
          grade: grade('评议等次'),
          comment: v.optional(v.str({ label: '意见', max: 200 })),
        }),
        { label: '评议', min: 1, max: 5000 },
      ),
    }),
  }),
  results: action({
    access: ADMINS,
    summary: '支部评议结果：各党员自评、互评票数、意见和支部建议结果（评议结束后）',
    input: v.object({ reviewId: id('评议'), branchId: id('支部') }),
  }),
  propose: action({
    access: ADMINS,
    summary: '支部委员会提出每名党员的建议结果（按机关党委的比例要求检查）',
    input: v.object({
      reviewId: id('评议'),
      branchId: id('支部'),
      items: v.array(
        v.object({
          memberId: id('党员'),
          grade: grade('建议结果'),
          note: v.optional(v.str({ label: '理由', max: 200 })),
        }),
        { label: '建议结果', min: 1, max: 5000 },
      ),
    }),
  }),
  overview: action({
    access: ['org_admin'],
    summary: '各支部评议进度：参评人数、已评议、已自评、建议结果',
    input: v.object({ reviewId: id('评议') }),
  }),
}

export interface ReviewView {
  id: string
  title: string
  period: string
  openAt: string
  closeAt: string
  state: 'not_open' | 'open' | 'closed'
  excellentMaxPercent: number
}

export interface ReviewMemberRow {
  memberId: string
  name: string
  /** The 自我评价 (named; its grade is on the secret ballot, counted with the others). */
  self: { text: string } | null
  /** Every ballot's grade for this member, her own included. */
  counts: GradeCounts
  comments: string[]
  proposed: { grade: Grade; note: string | null } | null
}

export interface ReviewOutputs {
  open: { review: ReviewView; participants: number; already: boolean }
  list: { items: Array<ReviewView & { participant: boolean }> }
  mine: {
    review: ReviewView
    branchName: string
    /** Everyone of my branch to rate, me included (my own line is my 自评 grade). */
    ratees: Array<{ memberId: string; name: string; me: boolean }>
    self: { text: string } | null
    /** My ballot has been counted (it cannot be changed or seen again). */
    voted: boolean
  }
  selfAssess: { self: { text: string } }
  rate: { counted: true; already: boolean }
  results: {
    review: ReviewView
    branchName: string
    participants: number
    voted: number
    maxExcellent: number
    rows: ReviewMemberRow[]
    proposedAt: string | null
  }
  propose: { proposedAt: string }
  overview: {
    review: ReviewView
    rows: Array<{
      branchId: string
      branchName: string
      participants: number
      voted: number
      selfDone: number
      proposed: GradeCounts | null
    }>
  }
}
