import './support/mock-boundaries'
import Taro from '@tarojs/taro'
import {
  applyElder,
  elderOn,
  elderPageData,
  followMember,
  installElderMode,
  setElderPref,
} from '@/components/elder-mode'

// The one switch every page follows (src/components/elder-mode.ts); the page-level effect on weapp is proven by the
// weapp boot test, the screens by the 首页 component tests and `npm run screens`.
beforeEach(() => {
  Taro.clearStorageSync()
  applyElder(false)
})

test('a 离退休 member’s branch default turns it on and is remembered, so the next launch starts in it', () => {
  followMember(true)
  expect(elderOn()).toBe(true)
  expect(document.documentElement).toHaveClass('elder')
  // The next launch, before the cloud has answered who she is.
  applyElder(false)
  installElderMode()
  expect(elderOn()).toBe(true)
  expect(document.documentElement).toHaveClass('elder')
})

test('her own choice wins over the branch default, now and at the next launch', () => {
  setElderPref(false)
  followMember(true)
  expect(elderOn()).toBe(false)
  installElderMode()
  expect(elderOn()).toBe(false)
  setElderPref(true)
  followMember(false)
  expect(elderOn()).toBe(true)
  expect(document.documentElement).toHaveClass('elder')
})

test('a weapp page’s root font size: 1rem is 20 px at 375 px wide, growing with the width, 1.3× in the mode', () => {
  expect(elderPageData(false, 375)).toEqual({ f: '20px', c: '' })
  expect(elderPageData(true, 375)).toEqual({ f: '26px', c: 'elder' })
  expect(elderPageData(false, 414)).toEqual({ f: '22.08px', c: '' })
  expect(elderPageData(true, 320)).toEqual({ f: '22.19px', c: 'elder' })
})
