// A stand-in for the platform API (@tarojs/taro) in jsdom: page hooks run like a freshly opened page, and the
// navigation / feedback calls are recorded so a test can assert what the user would see or where they would go.
import { useEffect } from 'react'

const actual = jest.requireActual('@tarojs/taro')
const base = actual.default ?? actual

const onMount = (fn: () => unknown) => {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    fn()
  }, [])
}
const never = () => {}

export const taroFake = {
  ...base,
  getEnv: () => 'WEB',
  showToast: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  navigateTo: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  reLaunch: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(),
  chooseMessageFile: jest.fn(),
  useDidShow: onMount,
  useLoad: onMount,
  useUnload: never,
  usePullDownRefresh: never,
  useReachBottom: never,
}

export const taroModule = { __esModule: true, ...taroFake, default: taroFake }
