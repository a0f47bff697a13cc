import { action } from './access'
import { v } from './schema'

const id = (label: string) => v.str({ label, min: 1, max: 64 })
// Real calendar moments only, 2000–2100 (src/contract/schema.ts).
const instant = (label: string) => v.instant({ label })
const ADMINS = ['branch_admin', 'org_admin'] as const

/**
 * The `archive` cloud function: Word (.docx) exports of meeting records for filing. A function of its own because
 * the Word library is large; the member-facing functions stay lean at cold start.
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
}

export interface ArchiveOutputs {
  meetingRecord: { fileID: string; url: string; fileName: string }
  branchRecords: { fileID: string; url: string; fileName: string; meetings: number }
}
