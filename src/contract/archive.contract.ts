import { action } from './access'
import { v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 64 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const ADMINS = ['branch_admin', 'org_admin'] as const

/**
 * The `archive` cloud function: Word (.docx) exports of meeting records for filing, and the Excel exports of votes
 * and reviews. A function of its own because the Word and Excel libraries are large: the member-facing `vote` and
 * `review` functions stay lean at cold start (a vote's ballots arrive in bursts).
 */
export const archiveActions = {
  meetingRecord: action({
    access: ADMINS,
    summary: '导出一次会议的纪实（Word）：会议信息、出勤（缺席、请假名单）、议题、记录、决议、照片',
    input: v.object({ meetingId: id('会议') }),
  }),
  branchRecords: action({
    access: ADMINS,
    summary: '导出支部一段时间的会议纪实汇编（Word）',
    input: v.object({ branchId: id('支部'), from: instant('开始日期'), to: instant('结束日期') }),
  }),
  voteResults: action({
    access: ADMINS,
    summary: '导出投票结果 Excel（记名投票附每人的选择）',
    input: v.object({ voteId: id('投票') }),
  }),
  reviewResults: action({
    access: ADMINS,
    summary: '导出民主评议结果 Excel（按支部）',
    input: v.object({ reviewId: id('评议'), branchId: v.optional(id('支部')) }),
  }),
}

export interface ArchiveOutputs {
  meetingRecord: { fileID: string; url: string; fileName: string }
  branchRecords: { fileID: string; url: string; fileName: string; meetings: number }
  voteResults: { fileID: string; url: string; fileName: string }
  reviewResults: { fileID: string; url: string; fileName: string }
}
