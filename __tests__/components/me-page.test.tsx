import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '@/pages/me/index'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member } from './support/helpers'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.getState().reset()
})

test('the profile shows the masked phone, and asking to unbind needs a confirmation', async () => {
  cloud.reply('member.whoami', me({ member: member({ phoneMasked: '139****1022', groupName: '第二党小组' }) }))
  cloud.reply('member.unbind', { status: 'requested' })
  render(<MePage />)

  expect(await screen.findByText('139****1022')).toBeInTheDocument()
  expect(screen.getByText('第二党小组')).toBeInTheDocument()
  expect(screen.queryByText('管理')).not.toBeInTheDocument()

  fireEvent.click(screen.getByText('申请解除绑定'))
  expect(await screen.findByText('已申请，等待审核')).toBeInTheDocument()
  expect(Taro.showModal).toHaveBeenCalled()
  expect(cloud.calls('member.unbind')).toEqual([{}])
})

test('cancelling the confirmation sends nothing', async () => {
  cloud.reply('member.whoami', me())
  ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
  render(<MePage />)

  fireEvent.click(await screen.findByText('申请解除绑定'))
  await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
  expect(cloud.calls('member.unbind')).toEqual([])
  expect(screen.getByText('申请解除绑定')).toBeInTheDocument()
})

test('an admin gets an entry into 管理', async () => {
  cloud.reply('member.whoami', me({ member: member({ role: 'org_admin' }) }))
  render(<MePage />)
  fireEvent.click(await screen.findByText('管理'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/index' })
})
