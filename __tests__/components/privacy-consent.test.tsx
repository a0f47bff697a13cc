import './support/mock-boundaries'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { COLLECTED, PERMISSIONS, PRIVACY_GUIDE_TITLE } from '@/content/privacy-guide'
import BindPage from '@/packages/member/pages/bind/index'
import MePage from '@/pages/me/index'
import PrivacyPage from '@/packages/privacy/pages/index'
import { usePrivacyStore } from '@/stores/privacy.store'
import { useSessionStore } from '@/stores/session.store'
import { fakeCloud } from './support/cloud'
import { me, typeInto as type } from './support/helpers'

let cloud: ReturnType<typeof fakeCloud>

beforeEach(() => {
  jest.clearAllMocks()
  cloud = fakeCloud()
  useSessionStore.getState().reset()
  usePrivacyStore.setState({ open: false, purpose: '', wxResolve: null, waiting: [] })
  Taro.clearStorageSync()
})

async function fillAndSubmit(container: HTMLElement) {
  await type(container, 'bind-name', '张三')
  await type(container, 'bind-phone-tail', '1234')
  await act(async () => {
    fireEvent.click(container.querySelector('#bind-submit')!)
  })
}

test('binding asks for consent first, with a link to the guide, and sends nothing until the member agrees', async () => {
  cloud.reply('member.bind', { status: 'bound', me: me() })
  const { container } = render(<BindPage />)
  await fillAndSubmit(container)

  const sheet = await screen.findByRole('dialog')
  expect(sheet).toHaveTextContent('「绑定党员身份」需要使用您的个人信息')
  expect(sheet).toHaveTextContent(`《${PRIVACY_GUIDE_TITLE}》`)
  expect(cloud.calls('member.bind')).toEqual([])

  fireEvent.click(container.querySelector('#privacy-open-guide')!)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/privacy/pages/index' })

  await act(async () => {
    fireEvent.click(container.querySelector('#privacy-agree')!)
  })
  await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }))
  expect(cloud.calls('member.bind')).toEqual([{ mode: 'phone', name: '张三', phoneTail: '1234' }])
  expect(screen.queryByRole('dialog')).toBeNull()
})

test('declining sends nothing and says why; the next attempt asks again', async () => {
  const { container } = render(<BindPage />)
  await fillAndSubmit(container)
  await screen.findByRole('dialog')
  await act(async () => {
    fireEvent.click(container.querySelector('#privacy-decline')!)
  })

  await waitFor(() =>
    expect(container.querySelector('.form-error')).toHaveTextContent('需要您同意隐私保护指引后才能绑定'),
  )
  expect(cloud.calls('member.bind')).toEqual([])
  expect(screen.queryByRole('dialog')).toBeNull()

  fireEvent.click(container.querySelector('#bind-submit')!)
  expect(await screen.findByRole('dialog')).toBeInTheDocument()
})

test('once agreed, the sheet does not come back', async () => {
  cloud.reply('member.bind', { status: 'bound', me: me() })
  const first = render(<BindPage />)
  await fillAndSubmit(first.container)
  await screen.findByRole('dialog')
  await act(async () => {
    fireEvent.click(first.container.querySelector('#privacy-agree')!)
  })
  await waitFor(() => expect(cloud.calls('member.bind')).toHaveLength(1))
  first.unmount()
  // The bind page of someone bound shows that she is bound, not the form: bind again as one who is not (the consent
  // is the phone's, kept in storage, not the session's).
  useSessionStore.setState({ me: me({ member: null }) })

  const again = render(<BindPage />)
  await fillAndSubmit(again.container)
  await waitFor(() => expect(cloud.calls('member.bind')).toHaveLength(2))
  expect(screen.queryByRole('dialog')).toBeNull()
})

test('on weapp the decision goes back to WeChat through the resolve of onNeedPrivacyAuthorization', async () => {
  const wxResolve = jest.fn()
  let agreed: Promise<boolean> | undefined
  act(() => {
    agreed = usePrivacyStore.getState().ask('扫码签到', wxResolve)
  })
  const { container } = render(<BindPage />)
  expect(await screen.findByRole('dialog')).toHaveTextContent('「扫码签到」')
  fireEvent.click(container.querySelector('#privacy-agree')!)
  await expect(agreed).resolves.toBe(true)
  expect(wxResolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'privacy-agree' })
})

test('the 隐私政策 page lists every item collected and every permission used', () => {
  render(<PrivacyPage />)
  for (const i of [...COLLECTED, ...PERMISSIONS]) {
    expect(screen.getByText(i.what)).toBeInTheDocument()
    expect(screen.getByText(i.why)).toBeInTheDocument()
  }
})

test('我的 links to the 隐私政策 page', async () => {
  cloud.reply('member.whoami', me())
  cloud.reply('activity.myHours', { year: 2026, totalHours: 0, items: [] })
  const { container } = render(<MePage />)
  const entry = await waitFor(() => {
    const el = container.querySelector('.me-privacy')
    if (!el) throw new Error('no 隐私政策 entry yet')
    return el
  })
  expect(entry).toHaveTextContent('隐私政策')
  fireEvent.click(entry)
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/privacy/pages/index' })
})
