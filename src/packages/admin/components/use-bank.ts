import type { InputOf } from '@/contract'
import { useProcedure, usePagedProcedure } from '@/remote'

export type BankFilter = Omit<InputOf<'quiz.questions'>, 'page'>

/** The filter as the query keys it: blanks left out, so a cleared search and 全部 are one answer. */
function clean(f: BankFilter): BankFilter {
  const out: BankFilter = {}
  const keyword = f.keyword?.trim()
  if (keyword) out.keyword = keyword.slice(0, 30)
  if (f.type) out.type = f.type
  if (f.category) out.category = f.category
  if (f.status) out.status = f.status
  return out
}

/** The question bank, 20 at a time, for one filter (题库管理 and the fixed paper's question picker). */
export const useBankList = (filter: BankFilter) => usePagedProcedure('quiz.questions', clean(filter))

/** The bank's categories with their active question counts (test form, bank filters, question form). */
export function useQuizCategories() {
  const q = useProcedure('quiz.categories', {})
  return q.data?.items ?? NO_CATEGORIES
}
const NO_CATEGORIES: Array<{ category: string; count: number }> = []

/** What a change to the bank makes stale: the lists, the category counts, and what a random draw could supply. */
export const BANK_CHANGED = ['quiz.questions', 'quiz.categories', 'quiz.supply'] as const
