import { create } from 'zustand'
import type { OutputOf } from '@/contract'
import { call } from '@/services/api-client'
import { emptyPage, hasMore, pagedList, type PagedListActions, type PagedListState } from './paged-list'

export type AdminQuizItem = OutputOf<'quiz.quizzes'>['items'][number]

type State = PagedListState<AdminQuizItem>
type Actions = PagedListActions

const initial: State = { ...emptyPage }

export const selectAdminQuizzesHasMore = (s: State) => hasMore(s)

/** 法规测试 (admin): the tests, latest opening first, with how many have taken each; 20 at a time. */
export const useQuizAdminListStore = create<State & Actions>()((set, get) => ({
  ...initial,
  ...pagedList(set, get, { initial, fetch: (page) => call('quiz.quizzes', { page }) }).actions,
}))
