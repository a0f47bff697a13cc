import { ELIGIBILITIES, VOTE_MODES, type Eligibility, type VoteMode } from '../domain/vote.rules'
import { action } from './access'
import type { StoredFile } from './meeting.contract'
import { revision, v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 64 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const page = v.optional(v.int({ label: '页码', min: 1, max: 10000 }))
const ADMINS = ['branch_admin', 'org_admin'] as const

/** What an organiser sets on a vote and may change until it opens (the electorate excepted: it is written at creation). */
const pollFields = {
  title: v.str({ label: '投票标题', min: 2, max: 60 }),
  description: v.optional(v.str({ label: '说明', max: 2000 })),
  options: v.array(
    v.object({
      text: v.str({ label: '候选项', min: 1, max: 100 }),
      detail: v.optional(v.str({ label: '候选项介绍', max: 1000 })),
      images: v.optional(v.array(v.link({ label: '图片', max: 300 }), { label: '图片', max: 3 })),
    }),
    { label: '候选项', min: 2, max: 50 },
  ),
  secret: v.bool({ label: '不记名投票' }),
  mode: v.oneOf(VOTE_MODES, { label: '投票方式' }),
  maxChoices: v.optional(v.int({ label: '最多可选', min: 1, max: 50 })),
  openAt: instant('开始时间'),
  closeAt: instant('截止时间'),
  liveResults: v.bool({ label: '实时公布结果' }),
}

/** The `vote` cloud function: 票决 of a question and 评选 among candidates, secret or named, once per member. */
export const voteActions = {
  create: action({
    access: ADMINS,
    summary:
      '发起投票（票决或评选）：候选项可带图片，设定投票范围、记名或不记名、单选/限选/排序、起止时间、结果公布方式',
    input: v.object({
      ...pollFields,
      eligibility: v.oneOf(ELIGIBILITIES, { label: '投票范围' }),
      branchId: v.optional(id('支部')),
    }),
  }),
  update: action({
    access: ADMINS,
    summary: '修改尚未开始的投票：候选项、方式、记名、起止时间、结果公布（已有党员投票则不能修改，记审计）',
    input: v.object({ voteId: id('投票'), revision, ...pollFields }),
  }),
  close: action({ access: ADMINS, summary: '提前结束投票', input: v.object({ voteId: id('投票') }) }),
  manage: action({
    access: ADMINS,
    summary: '投票管理列表及投票进度（分页）',
    input: v.object({ page }),
  }),
  list: action({ access: 'member', summary: '我可以参加的投票（分页）', input: v.object({ page }) }),
  detail: action({
    access: 'member',
    summary: '投票详情、我是否已投，以及可公布时的结果',
    input: v.object({ voteId: id('投票') }),
  }),
  cast: action({
    access: 'member',
    summary: '投票：每人一票，重复提交不会多计；不记名投票的选票不与投票人关联',
    input: v.object({ voteId: id('投票'), choices: v.array(id('选项'), { label: '选择', min: 1, max: 50 }) }),
  }),
}

export interface VoteOption {
  id: string
  text: string
  detail: string | null
  images: StoredFile[]
}

export interface VoteResultRow {
  optionId: string
  text: string
  votes: number
  points: number
  place: number
}

export interface VoteView {
  id: string
  title: string
  description: string | null
  options: VoteOption[]
  eligibility: Eligibility
  eligibilityLabel: string
  branchId: string | null
  branchName: string | null
  secret: boolean
  mode: VoteMode
  maxChoices: number
  openAt: string
  closeAt: string
  liveResults: boolean
  state: 'not_open' | 'open' | 'closed'
  electorate: number
  createdByName: string
  /** The revision the record is at: an editor sends it back with its save (a save from an older one is refused). */
  revision: number
}

export interface VoteResults {
  voted: number
  electorate: number
  rows: VoteResultRow[]
}

export interface VoteOutputs {
  create: { vote: VoteView; already: boolean }
  update: { vote: VoteView }
  close: { vote: VoteView }
  manage: { items: Array<VoteView & { voted: number }>; total: number; page: number; pageSize: number }
  list: { items: Array<VoteView & { myVoted: boolean }>; total: number; page: number; pageSize: number }
  detail: { vote: VoteView; myVoted: boolean; eligible: boolean; results: VoteResults | null }
  cast: { counted: true; already: boolean }
}
