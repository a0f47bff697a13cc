import { action } from './access'
import { v } from './schema'
import { periodInput } from './scorecard.contract'

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
  attendance: action({
    access: ['org_admin'],
    summary: '导出全机关出勤统计 Excel（一段时间）：汇总表（各支部一行，含未绑定人数及其缺席）和每个支部一张党员明细表',
    input: v.object(
      { from: v.optional(instant('开始日期')), to: v.optional(instant('结束日期')) },
      { order: [['from', 'to']] },
    ),
  }),
  volunteerHours: action({
    access: ['union_admin', 'org_admin'],
    summary:
      '导出一年的志愿服务时长 Excel：按党员（次数、时长、手工修改次数）和按支部汇总，与党员“我的志愿服务时长”口径一致',
    input: v.object({ year: v.optional(v.int({ label: '年份', min: 2000, max: 2100 })) }),
  }),
  reflections: action({
    access: ADMINS,
    summary: '导出一篇资料的学习心得 Excel（支部书记：本支部；机关党委：全部或一个支部）',
    input: v.object({ articleId: id('资料'), branchId: v.optional(id('支部')) }),
  }),
  memberReflections: action({
    access: ADMINS,
    summary: '导出一名党员一年的学习心得 Excel（支部书记：本支部党员；机关党委：全部）',
    input: v.object({ memberId: id('党员'), year: v.optional(v.int({ label: '年份', min: 2000, max: 2100 })) }),
  }),
  rosterTemplate: action({
    access: ADMINS,
    summary: '下载花名册导入模板 Excel：表头、各列可用的写法及填写说明、本范围内的支部和党小组名称',
    input: v.object({}),
  }),
  compliance: action({
    access: ADMINS,
    summary: '导出支部组织生活达标情况 Excel（按年，逐月/季度，含主题党日和未完成的会议纪实）',
    input: v.object({ branchId: id('支部'), year: v.int({ label: '年份', min: 2000, max: 2100 }) }),
  }),
  scorecard: action({
    access: ADMINS,
    summary: '导出支部考评 Excel：各项指标、总分与排名、逐月趋势、口径与权重',
    input: periodInput,
  }),
}

export interface ArchiveOutputs {
  meetingRecord: { fileID: string; url: string; fileName: string }
  branchRecords: { fileID: string; url: string; fileName: string; meetings: number }
  voteResults: { fileID: string; url: string; fileName: string }
  reviewResults: { fileID: string; url: string; fileName: string }
  attendance: { fileID: string; url: string; fileName: string; branches: number }
  compliance: { fileID: string; url: string; fileName: string }
  rosterTemplate: { fileID: string; url: string; fileName: string }
  reflections: { fileID: string; url: string; fileName: string; count: number }
  memberReflections: { fileID: string; url: string; fileName: string; count: number }
  volunteerHours: { fileID: string; url: string; fileName: string; members: number; hours: number }
  scorecard: { fileID: string; url: string; fileName: string }
}
