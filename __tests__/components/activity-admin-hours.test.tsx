import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import ActivitiesAdminPage from '@/packages/admin/pages/activities/index'
import { china } from '@/domain/time'
import { ApiError } from '@/services/api-client'
import { fakeCloud } from './support/cloud'
import { activityView } from './support/study-activity'

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
