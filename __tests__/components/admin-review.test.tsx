import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReviewPage from '@/packages/admin/pages/review/index'
import { fakeCloud } from './support/cloud'
import { member } from './support/helpers'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
})

const page = (items: ReturnType<typeof member>[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

test('approving a pending bind asks first, then removes it from the list', async () => {
  const zheng = member({ id: 'm7', name: '郑洁', bindStatus: 'pending' })
  let decided = false
  cloud.reply('member.list', (input) => page(input.bindStatus === 'pending' && !decided ? [zheng] : []))
  cloud.reply('member.approveBinding', () => {
    decided = true
    return { member: { ...zheng, bindStatus: 'bound' as const } }
  })
  const { container } = render(<ReviewPage />)

  const card = await waitFor(() => {
    const el = container.querySelector('[data-member-id="m7"]') as HTMLElement | null
    if (!el) throw new Error('not yet')
    return el
  })
  fireEvent.click(within(card).getByText('通过'))

  await waitFor(() => expect(cloud.calls('member.approveBinding')).toEqual([{ memberId: 'm7', approve: true }]))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认通过' }))
  expect(await screen.findByText('暂无待审核的申请')).toBeInTheDocument()
})

test('an unbind request can be rejected', async () => {
  const huang = member({ id: 'm9', name: '黄海', unbindRequested: true })
  cloud.reply('member.list', (input) => page(input.bindStatus === 'unbind_requested' ? [huang] : []))
  cloud.reply('member.approveBinding', { member: { ...huang, unbindRequested: false } })
  render(<ReviewPage />)

  expect(await screen.findByText('解绑申请（1）')).toBeInTheDocument()
  fireEvent.click(screen.getByText('驳回'))
  await waitFor(() => expect(cloud.calls('member.approveBinding')).toEqual([{ memberId: 'm9', approve: false }]))
})

test('more than a page of requests: the heading counts them all and says the rest follow', async () => {
  const many = Array.from({ length: 20 }, (_, i) => member({ id: `p${i}`, name: `党员${i}`, bindStatus: 'pending' }))
  cloud.reply('member.list', (input) =>
    input.bindStatus === 'pending' ? { items: many, total: 27, page: 1, pageSize: 20 } : page([]),
  )
  render(<ReviewPage />)
  expect(await screen.findByText('绑定申请（邀请码）（27）')).toBeInTheDocument()
  expect(screen.getByText('还有 7 条，处理完这些后自动显示')).toBeInTheDocument()
})
