import { call } from '@/services/api-client'
import { createFileImportStore, type ImportPhase } from './file-import'

export type BankImportPhase = ImportPhase

/** 导入题库: upload a bank file, import it, keep the counts and duplicates or the row errors. */
export const useBankImportStore = createFileImportStore('bank', (fileID) => call('quiz.importBank', { fileID }))
