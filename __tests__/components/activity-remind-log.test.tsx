import './support/mock-boundaries'
import { render, screen } from '@testing-library/react'
import { ActivityRemindLog } from '@/packages/admin/components/remind-card'
import { fakeCloud } from './support/cloud'

// The organiser's record of 活动提醒 on the activity roster: each sweep of the timer's job, as the meeting, test and
// reading boards show theirs.
let cloud: ReturnType<typeof fakeCloud>
beforeEach(() => {
  cloud = fakeCloud()
})

const job = {
  id: 'activity_soon_ac1',
  rule: 'activity_soon' as const,
  byName: null,
  createdAt: '2026-12-01T02:00:00.000Z',
  finishedAt: '2026-12-01T02:01:00.000Z',
  recipients: 5,
  sent: 3,
  noCredit: 2,
  unconfirmed: 0,
}

test('lists what the timer sent to the confirmed, with who had not consented', async () => {
  cloud.reply('remind.activityLog', { jobs: [job], templateId: 'tpl' })
  const { container } = render(<ActivityRemindLog activityId="ac1" />)
  expect(await screen.findByText('活动提醒')).toBeInTheDocument()
  const line = container.querySelector('.remind-line[data-job="activity_soon"]')!
  expect(line.textContent).toBe('2026-12-01 10:00 活动提醒（开始前 24 小时内）：已发送 3 人，2 人未授权订阅消息')
  expect(cloud.calls('remind.activityLog')).toEqual([{ activityId: 'ac1' }])
})

test('says what will happen before the first reminder', async () => {
  cloud.reply('remind.activityLog', { jobs: [], templateId: 'tpl' })
  const { container } = render(<ActivityRemindLog activityId="ac1" />)
  expect(await screen.findByText(/活动开始前 24 小时内，将通过订阅消息提醒报名成功且已授权的党员/)).toBeInTheDocument()
  expect(container.querySelectorAll('.remind-line[data-job]')).toHaveLength(0)
})
