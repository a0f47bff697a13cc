import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReviewPage from '@/packages/admin/pages/review/index'
import { useBindingReviewStore } from '@/stores/binding-review.store'
import { fakeCloud } from './support/cloud'
import { member } from './support/helpers'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useBindingReviewStore.getState().reset()
})

const page = (items: ReturnType<typeof member>[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

test('approving a pending bind asks first, then removes it from the list', async () => {
  const zheng = member({ id: 'm7', name: '郑洁', bindStatus: 'pending' })
  cloud.reply('member.list', (input) => page(input.bindStatus === 'pending' ? [zheng] : []))
  cloud.reply('member.approveBinding', { member: { ...zheng, bindStatus: 'bound' } })
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
