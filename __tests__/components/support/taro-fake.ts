// A stand-in for the platform API (@tarojs/taro) in jsdom: page hooks run like a freshly opened page, and the
// navigation / feedback calls are recorded so a test can assert what the user would see or where they would go.
import { useEffect } from 'react'

const actual = jest.requireActual('@tarojs/taro')
const base = actual.default ?? actual

const onMount = (fn: () => unknown) => {
  useEffect(() => {
    fn()
  }, [])
}
const never = () => {}

/** The query a test opens the page with (`useLoad` receives it, as Taro passes the page's options). */
let pageParams: Record<string, string> = {}
export function setPageParams(params: Record<string, string>) {
  pageParams = params
}
const onLoad = (fn: (params: Record<string, string>) => unknown) => {
  useEffect(() => {
    fn(pageParams)
  }, [])
}

/** Local storage as the platform keeps it; tests start empty (clearStorageSync) or preset a key. */
const storage = new Map<string, unknown>()

export const taroFake = {
  ...base,
  getEnv: () => 'WEB',
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  clearStorageSync: jest.fn(() => storage.clear()),
  showToast: jest.fn(() => Promise.resolve()),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false })),
  navigateTo: jest.fn(() => Promise.resolve()),
  redirectTo: jest.fn(() => Promise.resolve()),
  navigateBack: jest.fn(() => Promise.resolve()),
  showActionSheet: jest.fn(() => Promise.reject({ errMsg: 'showActionSheet:fail cancel' })),
  scanCode: jest.fn(() => Promise.reject({ errMsg: 'scanCode:fail cancel' })),
  setKeepScreenOn: jest.fn(() => Promise.resolve()),
  setNavigationBarTitle: jest.fn(() => Promise.resolve()),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
  reLaunch: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(),
  chooseMessageFile: jest.fn(),
  switchTab: jest.fn(() => Promise.resolve()),
  setClipboardData: jest.fn(() => Promise.resolve()),
  previewImage: jest.fn(() => Promise.resolve()),
  requestSubscribeMessage: jest.fn(() => Promise.resolve({})),
  useDidShow: onMount,
  useLoad: onLoad,
  useDidHide: never,
  useUnload: never,
  usePullDownRefresh: never,
  useReachBottom: never,
  usePageScroll: never,
}

export const taroModule = { __esModule: true, ...taroFake, default: taroFake }
