import type { VoteView } from '@/contract'

/** A vote as the cloud answers it: an open secret single-choice vote of 办公室党支部 between two members. */
export const voteView = (over: Partial<VoteView> = {}): VoteView => ({
  id: 'v1',
  title: '推选优秀党务工作者',
  description: null,
  options: [
    { id: 'o1', text: '钱文静', detail: null, images: [] },
    { id: 'o2', text: '何雨桐', detail: null, images: [] },
  ],
  eligibility: 'branch',
  eligibilityLabel: '本支部党员',
  branchId: 'b1',
  branchName: '办公室党支部',
  secret: true,
  mode: 'single',
  maxChoices: 1,
  openAt: '2026-12-01T00:00:00.000Z',
  closeAt: '2026-12-02T00:00:00.000Z',
  liveResults: false,
  state: 'open',
  electorate: 8,
  createdByName: '李秀英',
  revision: 0,
  ...over,
})
