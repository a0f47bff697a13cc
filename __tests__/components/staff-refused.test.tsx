import './support/mock-boundaries'
import { render, screen } from '@testing-library/react'
import { ApiError } from '@/services/api-client'
import AdminMeetingsPage from '@/packages/admin/pages/meetings/index'
import BankPage from '@/packages/admin/pages/bank/index'
import AttendanceStatsPage from '@/packages/admin/pages/attendance-stats/index'
import StudyCompletionPage from '@/packages/admin/pages/study-completion/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'

// An ordinary member who opens a staff screen by a shared link: the cloud refuses, and the screen must show only
// that refusal, not the 新建 / 导出 buttons and filters that would be refused the same way.
let cloud: ReturnType<typeof fakeCloud>
beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.setState({ me: me({ member: member({ role: 'member', branchId: 'b1' }) }) })
  cloud.fail('member.tree', new ApiError('FORBIDDEN', '只有管理员可以查看组织架构'))
})

async function expectOnlyRefusal(message: string) {
  expect(await screen.findByText(message)).toBeInTheDocument()
  expect(screen.getByText('无权查看')).toBeInTheDocument()
  expect(screen.queryByRole('button')).toBeNull()
  expect(screen.queryByText('重新加载')).toBeNull()
}

test('会议管理 refused: no 新建会议 and no status filter above 无权查看', async () => {
  cloud.fail('meeting.list', new ApiError('FORBIDDEN', '只有支部组织委员或管理员可以管理会议'))
  const { container } = render(<AdminMeetingsPage />)
  await expectOnlyRefusal('只有支部组织委员或管理员可以管理会议')
  expect(screen.queryByText('＋ 新建会议')).toBeNull()
  expect(container.querySelector('#meetings-status-all')).toBeNull()
})

test('题库 refused: no 新增试题 / 导入题库 and no search', async () => {
  cloud.fail('quiz.questions', new ApiError('FORBIDDEN', '只有管理员可以管理题库'))
  cloud.fail('quiz.categories', new ApiError('FORBIDDEN', '只有管理员可以管理题库'))
  const { container } = render(<BankPage />)
  await expectOnlyRefusal('只有管理员可以管理题库')
  expect(screen.queryByText('＋ 新增试题')).toBeNull()
  expect(screen.queryByText('导入题库')).toBeNull()
  expect(container.querySelector('#bank-keyword')).toBeNull()
})

test('考勤统计 refused (another branch): no 导出 and no year picker', async () => {
  cloud.fail('meeting.stats', new ApiError('OUT_OF_SCOPE', '只能查看本支部的统计'))
  render(<AttendanceStatsPage />)
  await expectOnlyRefusal('只能查看本支部的统计')
  expect(screen.queryByText(/导出/)).toBeNull()
  expect(screen.queryByText('年度')).toBeNull()
})

test('学习完成情况 refused: no 导出 Excel and no date fields', async () => {
  cloud.fail('study.completion', new ApiError('FORBIDDEN', '只有管理员可以查看学习完成情况'))
  const { container } = render(<StudyCompletionPage />)
  await expectOnlyRefusal('只有管理员可以查看学习完成情况')
  expect(screen.queryByText('导出 Excel')).toBeNull()
  expect(container.querySelector('#completion-from')).toBeNull()
})

test('a real failure still keeps the screen around it, with 重新加载', async () => {
  cloud.fail('meeting.list', new ApiError('NETWORK', '网络不给力，请稍后再试'))
  render(<AdminMeetingsPage />)
  expect(await screen.findByText('加载失败')).toBeInTheDocument()
  expect(screen.getByText('重新加载')).toBeInTheDocument()
  expect(screen.getByText('＋ 新建会议')).toBeInTheDocument()
})
