import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ActivitiesAdminPage from '@/packages/admin/pages/activities/index'
import ActivityEditPage from '@/packages/admin/pages/activity-edit/index'
import ActivityRosterPage from '@/packages/admin/pages/activity-roster/index'
import type { SignupStatus } from '@/domain/activity.rules'
import { useSessionStore } from '@/stores/session.store'
import { china } from '@/domain/time'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'
import { activityView, signupView } from './support/study-activity'
import { me, member, typeInto } from './support/helpers'
import { setPageParams } from './support/taro-fake'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
})

test('本年志愿时长 asks the archive function for this year’s report', async () => {
  cloud.reply('activity.manage', { items: [], total: 0, page: 1, pageSize: 20 })
  cloud.reply('archive.volunteerHours', {
    fileID: 'cloud://env/exports/h.xlsx',
    url: 'http://127.0.0.1/h.xlsx',
    fileName: '2026年志愿服务时长.xlsx',
    members: 2,
    hours: 7.5,
  })
  const { container } = render(<ActivitiesAdminPage />)
  fireEvent.click(container.querySelector('#activity-hours-report')!)
  await waitFor(() => expect(cloud.calls('archive.volunteerHours')).toEqual([{ year: china(Date.now()).year() }]))
})

test('活动管理 lists each activity with its sign-ups and the codes only while it is not over', async () => {
  const hour = 3600_000
  cloud.reply('activity.manage', {
    items: [
      activityView({ id: 'a1', title: '社区助老', capacity: 10, taken: 4, placesLeft: 6, waitlistCount: 2 }),
      activityView({
        id: 'a2',
        title: '去年的植树',
        startAt: new Date(Date.now() - 30 * 24 * hour).toISOString(),
        endAt: new Date(Date.now() - 30 * 24 * hour + 2 * hour).toISOString(),
      }),
    ],
    total: 2,
    page: 1,
    pageSize: 20,
  })
  const { container } = render(<ActivitiesAdminPage />)
  const open = await waitFor(() => {
    const row = container.querySelector('[data-activity-id="a1"]')
    expect(row).not.toBeNull()
    return row!
  })
  expect(open.textContent).toContain('社区助老')
  expect(open.textContent).toContain('已报名 4/10')
  expect(open.textContent).toContain('候补 2 人')
  expect(open.querySelector('.aa-qr-in')).not.toBeNull()
  const over = container.querySelector('[data-activity-id="a2"]')!
  expect(over.querySelector('.aa-qr-in')).toBeNull()
  expect(screen.getByText('共 2 个活动')).toBeInTheDocument()
})

test('活动管理 with no activity says how to add one, and a failed load offers a retry', async () => {
  cloud.reply('activity.manage', { items: [], total: 0, page: 1, pageSize: 20 })
  const first = render(<ActivitiesAdminPage />)
  expect(await screen.findByText('还没有活动')).toBeInTheDocument()
  first.unmount()
  cloud = fakeCloud()
  cloud.fail('activity.manage', new ApiError('NETWORK', '网络不给力，请检查网络后重试'))
  render(<ActivitiesAdminPage />)
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeInTheDocument()
})

describe('报名名单', () => {
  const counts = (over: Partial<Record<SignupStatus, number>> = {}) => ({
    pending: 0,
    confirmed: 0,
    waitlisted: 0,
    cancelled: 0,
    rejected: 0,
    ...over,
  })

  test('approving a pending sign-up moves her out of 待审核: the roster, its counts and the places are read again', async () => {
    setPageParams({ id: 'ac1' })
    let approved = false
    const zhou = signupView({ id: 'ac1_m2', memberName: '周明', status: 'pending', statusLabel: '待审核' })
    cloud.reply('activity.roster', (input) => {
      const rows = approved ? [{ ...zhou, status: 'confirmed' as const, statusLabel: '报名成功' }] : [zhou]
      const shown = input.status ? rows.filter((r) => r.status === input.status) : rows
      return {
        activity: activityView({ id: 'ac1', capacity: 3, taken: approved ? 1 : 0, placesLeft: approved ? 2 : 3 }),
        items: shown,
        total: shown.length,
        page: 1,
        pageSize: 20,
        counts: approved ? counts({ confirmed: 1 }) : counts({ pending: 1 }),
      }
    })
    cloud.reply('activity.review', () => {
      approved = true
      return { signup: { ...zhou, status: 'confirmed' as const, statusLabel: '报名成功' } }
    })
    const { container } = render(<ActivityRosterPage />)
    await screen.findByText('周明')
    fireEvent.click(container.querySelector('[data-status="pending"]')!)
    await waitFor(() =>
      expect(cloud.calls('activity.roster').at(-1)).toEqual({ activityId: 'ac1', status: 'pending', page: 1 }),
    )
    fireEvent.click(await waitFor(() => container.querySelector('.ar-approve')!))
    await waitFor(() => expect(cloud.calls('activity.review')).toEqual([{ signupId: 'ac1_m2', approve: true }]))
    expect(await screen.findByText('这里还没有人')).toBeInTheDocument()
    expect(container.querySelector('#roster-places')).toHaveTextContent('已报名 1/3')
  })

  test('a roster that cannot be read says why and offers 重新加载', async () => {
    setPageParams({ id: 'ac1' })
    cloud.fail('activity.roster', new ApiError('NOT_FOUND', '没有找到该活动'))
    render(<ActivityRosterPage />)
    expect(await screen.findByText('没有找到该活动')).toBeInTheDocument()
    expect(screen.getByText('重新加载')).toBeInTheDocument()
  })
})

describe('编辑活动', () => {
  test('opens the activity from the cloud; a saved change shows at once on 活动管理 (open beneath it)', async () => {
    useSessionStore.setState({ me: me({ member: member({ role: 'union_admin' }) }) })
    cloud.reply('member.tree', { tree: [] })
    let title = '社区助老'
    const current = () => activityView({ id: 'a1', title, status: 'draft' })
    cloud.reply('activity.manage', () => ({ items: [current()], total: 1, page: 1, pageSize: 20 }))
    render(<ActivitiesAdminPage />)
    expect(await screen.findByText('社区助老')).toBeInTheDocument()

    setPageParams({ id: 'a1' })
    cloud.reply('activity.get', () => ({ activity: current() }))
    cloud.reply('activity.save', (input) => {
      title = input.title
      return { activity: current() }
    })
    const { container } = render(<ActivityEditPage />)
    await waitFor(() => expect(container.querySelector('#activity-title')).not.toBeNull())
    await typeInto(container, 'activity-title', '社区助老（周六）')
    fireEvent.click(container.querySelector('#activity-save')!)
    await waitFor(() => expect(cloud.calls('activity.save')).toHaveLength(1))
    expect(await screen.findByText('社区助老（周六）')).toBeInTheDocument()
    expect(cloud.calls('activity.get')).toEqual([{ activityId: 'a1' }])
  })
})
