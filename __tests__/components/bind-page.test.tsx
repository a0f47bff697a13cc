import './support/mock-boundaries'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ERRORS } from '@/contract/errors'
import BindPage from '@/packages/member/pages/bind/index'
import { ApiError } from '@/services/api-client'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, member, typeInto as type } from './support/helpers'

const boundMe = me()

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.getState().reset()
  // Someone the cloud already knows as not bound (the bound and not-yet-known cases have their own tests below).
  useSessionStore.setState({ me: me({ member: null }) })
  // These tests are about the form: the member agreed to the privacy guide before (privacy-consent.test.tsx covers it).
  Taro.clearStorageSync()
  Taro.setStorageSync('privacy-agreed-v1', true)
})

test('a three-digit phone tail is refused in Chinese before anything is sent', async () => {
  const { container } = render(<BindPage />)
  await type(container, 'bind-name', '张三')
  await type(container, 'bind-phone-tail', '123')
  fireEvent.click(container.querySelector('#bind-submit')!)

  expect(await screen.findByText('手机号后四位应为 4 位数字')).toBeInTheDocument()
  expect(cloud.calls('member.bind')).toEqual([])
})

test('an empty name is refused before anything is sent', async () => {
  const { container } = render(<BindPage />)
  await type(container, 'bind-phone-tail', '1234')
  fireEvent.click(container.querySelector('#bind-submit')!)

  expect(await screen.findByText('请输入姓名')).toBeInTheDocument()
  expect(cloud.calls('member.bind')).toEqual([])
})

test('when the roster has no match, the cloud’s Chinese message appears under the form', async () => {
  cloud.fail('member.bind', new ApiError('BIND_NO_MATCH', ERRORS.BIND_NO_MATCH))
  const { container } = render(<BindPage />)
  await type(container, 'bind-name', '张三')
  await type(container, 'bind-phone-tail', '9999')
  fireEvent.click(container.querySelector('#bind-submit')!)

  await waitFor(() => expect(container.querySelector('.form-error')).toHaveTextContent(ERRORS.BIND_NO_MATCH))
  expect(cloud.calls('member.bind')).toEqual([{ mode: 'phone', name: '张三', phoneTail: '9999' }])
  expect(Taro.showToast).not.toHaveBeenCalled() // a toast would cover the inline message
  expect(Taro.reLaunch).not.toHaveBeenCalled()
})

test('a successful bind goes to the home page', async () => {
  cloud.reply('member.bind', { status: 'bound', me: boundMe })
  const { container } = render(<BindPage />)
  await type(container, 'bind-name', ' 张三 ')
  await type(container, 'bind-phone-tail', '1234')
  fireEvent.click(container.querySelector('#bind-submit')!)

  await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }))
  expect(cloud.calls('member.bind')).toEqual([{ mode: 'phone', name: '张三', phoneTail: '1234' }])
})

test('binding by invite code sends the code in capitals and then shows that approval is pending', async () => {
  cloud.reply('member.bind', {
    status: 'pending',
    me: { member: null, pending: { name: '李四', branchName: '第二党支部' }, committeeName: '机关党委' },
  })
  const { container } = render(<BindPage />)
  fireEvent.click(screen.getByText('支部邀请码'))
  await type(container, 'bind-name', '李四')
  await type(container, 'bind-invite', 'ab12cd')
  fireEvent.click(container.querySelector('#bind-submit')!)

  expect(await screen.findByText('等待支部审核')).toBeInTheDocument()
  expect(screen.getByText(/第二党支部/)).toBeInTheDocument()
  expect(cloud.calls('member.bind')).toEqual([{ mode: 'invite', name: '李四', inviteCode: 'AB12CD' }])
})

test('an invite code of the wrong length is refused in Chinese', async () => {
  const { container } = render(<BindPage />)
  fireEvent.click(screen.getByText('支部邀请码'))
  await type(container, 'bind-name', '李四')
  await type(container, 'bind-invite', 'AB1')
  fireEvent.click(container.querySelector('#bind-submit')!)

  expect(await screen.findByText('邀请码应为 6 位字母或数字')).toBeInTheDocument()
  expect(cloud.calls('member.bind')).toEqual([])
})

test('a bound member opening the bind page by link sees whom she is bound as, and no form', async () => {
  useSessionStore.getState().reset()
  cloud.reply('member.whoami', me({ member: member({ name: '王芳', title: '支部书记', branchName: '办公室党支部' }) }))
  const { container } = render(<BindPage />)

  expect(await screen.findByText('您已绑定党员身份')).toBeInTheDocument()
  expect(container.querySelector('#bind-bound-as')!.textContent).toBe('王芳（支部书记），办公室党支部')
  expect(container.querySelector('#bind-name')).toBeNull()
  expect(container.querySelector('#bind-submit')).toBeNull()
  fireEvent.click(screen.getByText('返回首页'))
  expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  expect(cloud.calls('member.bind')).toEqual([])
})

test('a bound member without a 党内职务 is shown by her role', async () => {
  useSessionStore.setState({ me: me({ member: member({ name: '张三', branchName: '第一党支部' }) }) })
  const { container } = render(<BindPage />)
  expect(container.querySelector('#bind-bound-as')!.textContent).toBe('张三（党员），第一党支部')
  expect(cloud.calls('member.whoami')).toEqual([])
})

test('opened by link by someone not yet bound: the form comes once the cloud says so', async () => {
  useSessionStore.getState().reset()
  cloud.reply('member.whoami', me({ member: null }))
  const { container } = render(<BindPage />)
  expect(await screen.findByText('确认绑定')).toBeInTheDocument()
  expect(container.querySelector('#bind-name')).not.toBeNull()
  expect(screen.queryByText('您已绑定党员身份')).toBeNull()
})
