import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RecordView } from '@/contract'
import ActivityEditPage from '@/packages/admin/pages/activity-edit/index'
import MeetingEditPage from '@/packages/admin/pages/meeting-edit/index'
import MeetingRecordPage from '@/packages/admin/pages/meeting-record/index'
import QuizEditPage from '@/packages/admin/pages/quiz-edit/index'
import StudyEditPage from '@/packages/admin/pages/study-edit/index'
import AdminVotesPage from '@/packages/admin/pages/votes/index'
import { ROUTES } from '@/routes'
import { ApiError } from '@/services/api-client'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto } from './support/helpers'
import { meetingView, tallyOf } from './support/meetings'
import { quizView } from './support/quizzes'
import { activityView, adminArticle } from './support/study-activity'
import { setPageParams } from './support/taro-fake'
import { voteView } from './support/votes'

// Each admin editor sends back the revision its form was filled from, then each save's; a save refused because the
// record was saved elsewhere meanwhile shows the cloud's message and offers to reopen the editor on the latest.

let cloud: ReturnType<typeof fakeCloud>
const EDITED = '这项内容在您打开后已被修改并保存（可能是其他管理员），您的修改未保存。请重新打开，在最新内容上修改'

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
  useSessionStore.setState({ me: me({ member: member({ role: 'org_admin' }) }) })
  cloud.reply('member.tree', { tree: [] })
})

/** She answers the modal 留在此页 (her draft stays on screen); the notice by the save buttons still offers 重新打开. */
function stayOnPage() {
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
}

async function expectReopenOffered(container: HTMLElement, url: string) {
  expect(await screen.findByText(EDITED)).toBeInTheDocument()
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: EDITED, confirmText: '重新打开' }))
  expect(Taro.redirectTo).not.toHaveBeenCalled()
  fireEvent.click(container.querySelector('#editor-reopen')!)
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url }))
}

test('活动: saves send the opened revision, then the saved one; a save refused as edited elsewhere offers to reopen', async () => {
  setPageParams({ id: 'a1' })
  cloud.reply('activity.get', { activity: activityView({ id: 'a1', revision: 3 }) })
  cloud.reply('activity.save', (input) => ({ activity: activityView({ id: 'a1', title: input.title, revision: 4 }) }))
  cloud.fail('activity.save', new ApiError('EDITED_ELSEWHERE', EDITED))
  const { container } = render(<ActivityEditPage />)
  await waitFor(() => expect(container.querySelector('#activity-title')).not.toBeNull())
  await typeInto(container, 'activity-title', '社区助老（周六）')
  fireEvent.click(container.querySelector('#activity-save')!)
  await waitFor(() => expect(cloud.calls('activity.save')).toHaveLength(1))
  expect(cloud.calls('activity.save')[0]).toMatchObject({ activityId: 'a1', revision: 3, title: '社区助老（周六）' })
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalled())

  await typeInto(container, 'activity-title', '社区助老（周日）')
  stayOnPage()
  fireEvent.click(container.querySelector('#activity-save')!)
  await waitFor(() => expect(cloud.calls('activity.save')).toHaveLength(2))
  expect(cloud.calls('activity.save')[1]).toMatchObject({ activityId: 'a1', revision: 4, title: '社区助老（周日）' })
  // The draft stays on screen (she can copy what she typed) until she reopens.
  await expectReopenOffered(container, `${ROUTES.adminActivityEdit}?id=a1`)
  expect(container.querySelector<HTMLInputElement>('#activity-title')!.value).toBe('社区助老（周日）')
})

test('学习资料: the save sends the opened revision; refused as edited elsewhere, 重新打开 in the modal reopens it', async () => {
  setPageParams({ id: 'own' })
  cloud.reply('study.getArticle', { article: adminArticle({ id: 'own', status: 'draft', revision: 7 }) })
  cloud.fail('study.save', new ApiError('EDITED_ELSEWHERE', EDITED))
  const { container } = render(<StudyEditPage />)
  await waitFor(() => expect(container.querySelector('#study-title')).not.toBeNull())
  await typeInto(container, 'study-title', '学习贯彻全会精神（修订）')
  fireEvent.click(container.querySelector('#study-save')!)
  await waitFor(() => expect(cloud.calls('study.save')).toHaveLength(1))
  expect(cloud.calls('study.save')[0]).toMatchObject({ articleId: 'own', revision: 7 })
  await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `${ROUTES.adminStudyEdit}?id=own` }))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '内容已被修改', content: EDITED }))
})

test('会议: the save sends the opened revision; refused as edited elsewhere, it stays and offers to reopen', async () => {
  setPageParams({ id: 'mt1' })
  cloud.reply('meeting.board', {
    meeting: meetingView({ id: 'mt1', revision: 2 }),
    tally: { expected: 0, present: 0, late: 0, leave: 0, absent: 0, pending: 0, rate: null },
    rows: [],
  })
  cloud.fail('meeting.update', new ApiError('EDITED_ELSEWHERE', EDITED))
  const { container } = render(<MeetingEditPage />)
  await waitFor(() => expect(container.querySelector('#meeting-title')).not.toBeNull())
  await typeInto(container, 'meeting-title', '7月主题党日（改期）')
  stayOnPage()
  fireEvent.click(container.querySelector('#meeting-submit')!)
  await waitFor(() => expect(cloud.calls('meeting.update')).toHaveLength(1))
  expect(cloud.calls('meeting.update')[0]).toMatchObject({ meetingId: 'mt1', revision: 2 })
  await expectReopenOffered(container, `${ROUTES.adminMeetingEdit}?id=mt1`)
  expect(Taro.navigateBack).not.toHaveBeenCalled()
})

test('测试: any other refusal shows as before, without the offer to reopen', async () => {
  setPageParams({ id: 'qz1' })
  cloud.reply('quiz.categories', { items: [] })
  cloud.reply('quiz.getQuiz', { quiz: quizView({ id: 'qz1', revision: 5 }) })
  cloud.fail('quiz.saveQuiz', new ApiError('QUIZ_PUBLISHED', '测试已发布，不能再修改组卷规则'))
  const { container } = render(<QuizEditPage />)
  await waitFor(() => expect(container.querySelector('#quiz-save')).not.toBeNull())
  fireEvent.click(container.querySelector('#quiz-save')!)
  await waitFor(() => expect(cloud.calls('quiz.saveQuiz')).toHaveLength(1))
  expect(cloud.calls('quiz.saveQuiz')[0]).toMatchObject({ quizId: 'qz1', revision: 5 })
  expect(await screen.findByText('测试已发布，不能再修改组卷规则')).toBeInTheDocument()
  expect(container.querySelector('#editor-reopen')).toBeNull()
})

test('投票: the change sends the listed revision; refused as edited elsewhere, 重新打开 reads the list again and opens the latest', async () => {
  useSessionStore.setState({ me: me({ member: member({ role: 'branch_admin', branchId: 'b1' }) }) })
  const notOpen = {
    openAt: '2099-12-02T01:00:00.000Z',
    closeAt: '2099-12-05T01:00:00.000Z',
    state: 'not_open' as const,
  }
  let current = { ...voteView({ ...notOpen, revision: 1 }), voted: 0 }
  cloud.reply('vote.manage', () => ({ items: [current], total: 1, page: 1, pageSize: 20 }))
  cloud.reply('vote.update', () => {
    // Another organiser's change landed first: the list now holds it.
    current = { ...voteView({ ...notOpen, title: '推选优秀共产党员', revision: 2 }), voted: 0 }
    throw new ApiError('EDITED_ELSEWHERE', EDITED)
  })
  const { container } = render(<AdminVotesPage />)
  fireEvent.click(await screen.findByText('修改'))
  await typeInto(container, 'vote-title', '推选优秀党务工作者（修订）')
  stayOnPage()
  fireEvent.click(await waitFor(() => container.querySelector('#vote-save')!))
  await waitFor(() => expect(cloud.calls('vote.update')).toHaveLength(1))
  expect(cloud.calls('vote.update')[0]).toMatchObject({ voteId: 'v1', revision: 1 })
  expect(await screen.findByText(EDITED)).toBeInTheDocument()
  fireEvent.click(container.querySelector('#editor-reopen')!)
  // The form opens again on the vote as now stored: the other organiser's title, and its revision for the next save.
  await waitFor(() => expect(container.querySelector<HTMLInputElement>('#vote-title')?.value).toBe('推选优秀共产党员'))
  expect(screen.queryByText(EDITED)).toBeNull()
})

test('会议纪实: saves send the revision the form opened, then each save’s; refused as edited elsewhere, it offers to reopen', async () => {
  setPageParams({ id: 'mt1' })
  const record = (revision: number): RecordView => ({
    meeting: meetingView({ id: 'mt1' }),
    state: 'draft',
    gaps: [],
    host: null,
    recorder: null,
    topics: [{ title: '学习贯彻全会精神', first: true }],
    minutes: '与会同志逐一发言。',
    decisions: [],
    photos: [],
    materials: [],
    criticism: [],
    attendance: { tally: tallyOf(), absent: [], leave: [], present: [] },
    updatedAt: null,
    updatedByName: null,
    revision,
  })
  cloud.reply('meeting.record', { record: record(4) })
  cloud.reply('meeting.board', { meeting: meetingView({ id: 'mt1' }), tally: tallyOf(), rows: [] })
  cloud.reply('meeting.saveRecord', { record: record(5) })
  cloud.fail('meeting.saveRecord', new ApiError('EDITED_ELSEWHERE', EDITED))
  const { container } = render(<MeetingRecordPage />)
  const save = await waitFor(() => {
    const el = container.querySelector('#record-save')
    if (!el) throw new Error('not yet')
    return el
  })
  fireEvent.click(save)
  await waitFor(() => expect(cloud.calls('meeting.saveRecord')).toHaveLength(1))
  expect(cloud.calls('meeting.saveRecord')[0]).toMatchObject({ meetingId: 'mt1', revision: 4 })
  await waitFor(() => expect(Taro.showToast).toHaveBeenCalled())
  stayOnPage()
  fireEvent.click(container.querySelector('#record-save')!)
  await waitFor(() => expect(cloud.calls('meeting.saveRecord')).toHaveLength(2))
  expect(cloud.calls('meeting.saveRecord')[1]).toMatchObject({ revision: 5 })
  await expectReopenOffered(container, `${ROUTES.adminMeetingRecord}?id=mt1`)
})
