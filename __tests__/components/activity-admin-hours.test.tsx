import './support/mock-boundaries'
import { fireEvent, render, waitFor } from '@testing-library/react'
import ActivitiesAdminPage from '@/packages/admin/pages/activities/index'
import { useActivityAdminListStore } from '@/stores/activity-admin-list.store'
import { china } from '@/domain/time'
import { fakeCloud } from './support/cloud'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useActivityAdminListStore.getState().reset()
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
