import './support/mock-boundaries'
// index.html's early calls (config/h5-early-calls.js) are only worth anything if they are exactly the calls each tab
// page makes when it opens: an input that drifted would be a wasted request on every first load (and the page's data
// would wait again). Each page is opened here as a returning member, and its first calls compared with the list.
import { render, waitFor } from '@testing-library/react'
import type { ComponentType } from 'react'
import { EARLY_CALLS } from '../../config/h5-early-calls'
import ActivityTab from '@/pages/activity/index'
import HomePage from '@/pages/home/index'
import StudyTab from '@/pages/study/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'

const PAGES: [string, ComponentType][] = [
  ['pages/home/index', HomePage],
  ['pages/study/index', StudyTab],
  ['pages/activity/index', ActivityTab],
]

test.each(PAGES)('%s asks on opening for what index.html asked early', async (route, Page) => {
  const cloud = fakeCloud()
  // A returning member's device: the page's data leaves before whoami answers (likelyMember), as on the phone.
  useSessionStore.setState({ me: null, error: null, loading: false, likelyMember: true })
  cloud.reply('member.whoami', me({ member: member({ role: 'member' }) }))
  cloud.reply('member.today', { cards: [] })
  cloud.reply('study.unreadRequired', { count: 0 })
  cloud.reply('study.feed', { required: [], items: [], total: 0, page: 1, pageSize: 20, subscribeTemplateId: null })
  cloud.reply('activity.list', { items: [], total: 0, page: 1, pageSize: 20 })
  cloud.reply('activity.myHours', { year: 2026, totalHours: 0, items: [] })
  render(<Page />)

  const early = EARLY_CALLS[route as keyof typeof EARLY_CALLS]
  expect(early.length).toBeGreaterThan(0)
  for (const [fn, action, input] of early)
    await waitFor(() => expect(cloud.calls(`${fn}.${action}` as never)).toContainEqual(input))
})
