import Taro from '@tarojs/taro'
import { hooks } from '@tarojs/shared'
import { useEffect, useState } from 'react'

/**
 * 长辈模式: larger type (1.3×), higher contrast and bigger tap targets, switched in one place so every page follows
 * without code of its own. Sizes are rem on both platforms (Taro converts px to rem for H5; config/index.ts does the
 * same for weapp), so one root font size scales type, spacing and tap targets together; contrast rules hang on a
 * root class `elder` (src/app.scss).
 * - H5: the class and the font size sit on <html>.
 * - weapp: no script may touch the page root, so every page template starts with a page-meta node whose
 *   root-font-size sets 1rem, then a wrapper view carrying the class, both bound to the page's `elder` data
 *   (config/elder-page-meta.js writes them into every page; WeChat: developers.weixin.qq.com/miniprogram/dev/
 *   component/page-meta — "页面的根字体大小，页面中的所有 rem 单位，将使用这个字体大小作为参考值"). Pages get that data
 *   from one hook on Taro's page object (installElderMode), and open pages are updated when the switch flips.
 * The member's choice is kept on the device; without one, members of a 离退休干部党支部 start in it (the last known
 * branch default is remembered so the next launch opens in the right mode before the cloud answers).
 */
const KEY = 'elder-mode'
const DEFAULT_KEY = 'elder-default'

export type ElderPref = 'on' | 'off' | null

export function elderPref(): ElderPref {
  try {
    const v = Taro.getStorageSync(KEY)
    return v === 'on' || v === 'off' ? v : null
  } catch {
    return null
  }
}

export function isElder(pref: ElderPref, elderDefault: boolean | undefined): boolean {
  return pref ? pref === 'on' : !!elderDefault
}

function storedDefault(): boolean {
  try {
    return Taro.getStorageSync(DEFAULT_KEY) === 1
  } catch {
    return false
  }
}

let current = false
const listeners = new Set<(on: boolean) => void>()

/** Is 长辈模式 on right now (the member's choice, else the last known branch default). */
export function elderOn(): boolean {
  return current
}

/** What a weapp page's page-meta (f: root font size) and wrapper view (c: class) bind to. */
export interface ElderPageData {
  f: string
  c: string
}

/**
 * 1rem is 20 px on a 375 px wide screen, the ratio the px → rem conversion assumes (designWidth 375), and grows with
 * the width as rpx did; 1.3× of it in 长辈模式.
 */
export function elderPageData(on: boolean, windowWidth: number): ElderPageData {
  const px = (windowWidth / 375) * 20 * (on ? 1.3 : 1)
  return { f: `${Math.round(px * 100) / 100}px`, c: on ? 'elder' : '' }
}

let width = 0
function pageData(): ElderPageData {
  if (!width) {
    try {
      width = (Taro.getWindowInfo?.() ?? Taro.getSystemInfoSync()).windowWidth || 375
    } catch {
      width = 375
    }
  }
  return elderPageData(current, width)
}

interface MiniPage {
  data?: { elder?: ElderPageData }
  setData(patch: Record<string, unknown>): void
}

function syncPage(page: MiniPage): void {
  const d = pageData()
  const had = page.data?.elder
  if (!had || had.f !== d.f || had.c !== d.c) page.setData({ elder: d })
}

/**
 * weapp: gives every page the `elder` data its template binds to, before any page registers (called from app.ts).
 * The starting value goes into the page's initial data, so the first paint is already the right size; onLoad and
 * onShow catch a switch flipped since (a page further down the stack shows again).
 */
export function installElderMode(): void {
  current = isElder(elderPref(), storedDefault())
  if (process.env.TARO_ENV === 'h5') {
    applyElder(current)
    return
  }
  if (process.env.TARO_ENV !== 'weapp') return
  hooks.tap('modifyPageObject', (page: Record<string, any>) => {
    page.data = { ...page.data, elder: pageData() }
    for (const name of ['onLoad', 'onShow']) {
      const own = page[name]
      page[name] = function (this: MiniPage, ...args: unknown[]) {
        syncPage(this)
        return own?.apply(this, args)
      }
    }
  })
}

/** Puts the mode on or off everywhere: <html> on H5, every open page on weapp, and the screens that ask (useElder). */
export function applyElder(on: boolean): void {
  current = on
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle('elder', on)
  }
  if (process.env.TARO_ENV === 'weapp') {
    for (const page of Taro.getCurrentPages() as unknown as MiniPage[]) syncPage(page)
  }
  for (const l of listeners) l(on)
}

/** The member's branch default arrived (member.whoami): remembered for the next launch, applied unless she chose. */
export function followMember(elderDefault: boolean | undefined): void {
  try {
    Taro.setStorageSync(DEFAULT_KEY, elderDefault ? 1 : 0)
  } catch {
    // Storage full or unavailable: the next launch starts in the normal mode until the cloud answers.
  }
  applyElder(isElder(elderPref(), elderDefault))
}

export function setElderPref(on: boolean): void {
  try {
    Taro.setStorageSync(KEY, on ? 'on' : 'off')
  } catch {
    // Storage full or unavailable: the switch still applies for this session.
  }
  applyElder(on)
}

/** For screens that change their layout in 长辈模式 (the simpler 首页); styles follow the root class alone. */
export function useElder(): boolean {
  const [on, setOn] = useState(current)
  useEffect(() => {
    setOn(current)
    listeners.add(setOn)
    return () => void listeners.delete(setOn)
  }, [])
  return on
}
