import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import AttendanceStatsPage from '@/packages/admin/pages/attendance-stats/index'
import StudyStatsPage from '@/packages/admin/pages/study-stats/index'
import { ApiError } from '@/services/api-client'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'
import { tallyOf } from './support/meetings'
import { adminArticle } from './support/study-activity'
import { setPageParams } from './support/taro-fake'

// 出勤统计 and 阅读统计 on the remote hooks: what each staff role opens on, drilling into a branch, the loading,
// empty and error states, and the exports.

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  setPageParams({})
  useSessionStore.setState({ me: null })
  cloud.reply('member.tree', { tree: [] })
})

const file = { fileID: 'cloud://env/exports/x.xlsx', url: 'http://127.0.0.1/x.xlsx', fileName: 'x.xlsx' }

function signIn(role: 'branch_admin' | 'org_admin') {
  const who = me({ member: member({ role, branchId: 'b1' }) })
  useSessionStore.setState({ me: who })
  cloud.reply('member.whoami', who)
}

describe('出勤统计', () => {
  test('the committee opens on the whole organisation; tapping a branch lists its members', async () => {
    signIn('org_admin')
    cloud.reply('meeting.stats', (input) =>
      input.kind === 'org'
        ? {
            tally: tallyOf({ expected: 20, present: 15, late: 2, absent: 3, pending: 0, rate: 0.85 }),
            meetings: 4,
            unbound: { members: 2, absent: 1 },
            byBranch: [
              {
                branchId: 'b2',
                branchName: '预算处党支部',
                meetings: 2,
                tally: tallyOf({ expected: 10, present: 8, absent: 2, pending: 0, rate: 0.8 }),
                unbound: { members: 1, absent: 1 },
              },
            ],
          }
        : {
            tally: tallyOf({ expected: 10, present: 8, absent: 2, pending: 0, rate: 0.8 }),
            meetings: 2,
            unbound: { members: 1, absent: 1 },
            byMember: [
              { memberId: 'm7', name: '冯涛', tally: tallyOf({ expected: 2, absent: 2, pending: 0, rate: 0 }) },
              { memberId: 'm8', name: '王志强', tally: tallyOf({ expected: 2, present: 2, pending: 0, rate: 1 }) },
            ],
          },
    )
    const { container } = render(<AttendanceStatsPage />)
    expect(await screen.findByText('预算处党支部')).toBeInTheDocument()
    expect(container.querySelector('#stats-unbound-line')).toHaveTextContent('未绑定 2 人 · 缺席中占 1 人次')
    expect(cloud.calls('meeting.stats')[0]).toMatchObject({ kind: 'org' })

    fireEvent.click(screen.getByText('预算处党支部'))
    expect(await screen.findByText('冯涛')).toBeInTheDocument()
    expect(cloud.calls('meeting.stats')[1]).toMatchObject({ kind: 'branch', branchId: 'b2' })
    expect(container.querySelector('[data-member-id="m7"]')).toHaveTextContent('冯涛')

    // The branch shown is the one exported.
    cloud.reply('meeting.export', file)
    fireEvent.click(container.querySelector('#stats-export')!)
    await waitFor(() => expect(cloud.calls('meeting.export')).toHaveLength(1))
    expect(cloud.calls('meeting.export')[0]).toMatchObject({ kind: 'branch', branchId: 'b2' })
  })

  test('a secretary opens on her own branch; a year with no meetings says so', async () => {
    signIn('branch_admin')
    cloud.reply('meeting.stats', { tally: tallyOf({ expected: 0, pending: 0, rate: null }), meetings: 0, byMember: [] })
    render(<AttendanceStatsPage />)
    expect(await screen.findByText('暂无出勤数据')).toBeInTheDocument()
    const [input] = cloud.calls('meeting.stats') as Array<Record<string, unknown>>
    expect(input.kind).toBe('branch')
    expect(input.branchId).toBeUndefined()
    // No 全机关 / 按支部 switch for her.
    expect(screen.queryByText('全机关')).toBeNull()
  })

  test('a failed load shows the error, and 重新加载 asks again', async () => {
    signIn('branch_admin')
    cloud.fail('meeting.stats', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
    cloud.reply('meeting.stats', {
      tally: tallyOf({ expected: 2, present: 2, pending: 0, rate: 1 }),
      meetings: 1,
      byMember: [{ memberId: 'm1', name: '张三', tally: tallyOf({ expected: 1, present: 1, pending: 0, rate: 1 }) }],
    })
    render(<AttendanceStatsPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
    fireEvent.click(screen.getByText('重新加载'))
    expect(await screen.findByText('张三')).toBeInTheDocument()
  })
})

describe('阅读统计', () => {
  const byBranch = [
    { branchId: 'b1', branchName: '办公室党支部', audience: 4, read: 3 },
    { branchId: 'b2', branchName: '预算处党支部', audience: 5, read: 0 },
  ]

  test("the committee picks a branch: the article's figures stay on screen while its names come", async () => {
    setPageParams({ id: 'a1' })
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    const answer = async (input: { branchId?: string }) => {
      if (!input.branchId)
        return {
          article: adminArticle(),
          audience: 9,
          read: 3,
          notRead: 6,
          averageSeconds: 120,
          byBranch,
          branch: null,
        }
      await gate
      return {
        article: adminArticle(),
        audience: 9,
        read: 3,
        notRead: 6,
        averageSeconds: 120,
        byBranch,
        branch: { branchId: 'b2', read: [], notRead: [{ memberId: 'm9', name: '冯涛' }] },
      }
    }
    cloud.reply('study.articleStats', answer as never)
    cloud.reply('remind.log', { jobs: [], nextManualAt: null, templateId: 'tpl' })
    cloud.reply('study.reflections', { items: [], total: 0, page: 1, pageSize: 20 })
    const { container } = render(<StudyStatsPage />)
    expect(await screen.findByText('点击支部查看已读、未读名单')).toBeInTheDocument()

    fireEvent.click(container.querySelector('[data-branch-id="b2"]')!)
    await waitFor(() => expect(cloud.calls('study.articleStats')).toHaveLength(2))
    expect(container.querySelector('[data-figure="audience"]')).toHaveTextContent('9')
    release()
    fireEvent.click(await screen.findByText('未读 1'))
    expect(await screen.findByText('冯涛')).toBeInTheDocument()
    expect(cloud.calls('study.articleStats')[1]).toEqual({ articleId: 'a1', branchId: 'b2' })
  })

  test('a failed load shows the error, 重新加载 asks again, and 导出 Excel exports this article', async () => {
    setPageParams({ id: 'a1' })
    cloud.fail('study.articleStats', new ApiError('NOT_FOUND', '没有找到该资料'))
    cloud.reply('study.articleStats', {
      article: adminArticle({ required: false }),
      audience: 4,
      read: 3,
      notRead: 1,
      averageSeconds: 60,
      byBranch: byBranch.slice(0, 1),
      branch: { branchId: 'b1', read: [], notRead: [] },
    })
    render(<StudyStatsPage />)
    expect(await screen.findByText('没有找到该资料')).toBeInTheDocument()
    fireEvent.click(screen.getByText('重新加载'))
    expect(await screen.findByText('学习贯彻全会精神')).toBeInTheDocument()

    cloud.reply('study.exportStats', file)
    fireEvent.click(screen.getByText('导出 Excel'))
    await waitFor(() => expect(cloud.calls('study.exportStats')).toEqual([{ articleId: 'a1' }]))
  })
})
