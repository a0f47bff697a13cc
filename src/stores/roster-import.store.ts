import { call } from '@/services/api-client'
import { createFileImportStore } from './file-import'

export type { ImportPhase } from './file-import'

/** 导入花名册: upload a roster file, import it, keep the counts or the row errors. */
export const useRosterImportStore = createFileImportStore('roster', (fileID) => call('member.import', { fileID }))
