import Taro from '@tarojs/taro'
import { usePrivacyStore } from '@/stores/privacy.store'

/**
 * The privacy consent WeChat requires before personal information or privacy APIs are used
 * (https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html). app.config sets
 * __usePrivacyCheck__; the app listens to wx.onNeedPrivacyAuthorization and shows its own sheet (PrivacySheet), whose
 * agree button has open-type="agreePrivacyAuthorization" as the base library checks
 * (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
 * H5 has no such platform flow: the same sheet, the decision kept in localStorage.
 */
export const AGREE_BUTTON_ID = 'privacy-agree'
const H5_KEY = 'privacy-agreed-v1'
const isWeapp = () => process.env.TARO_ENV === 'weapp'

/** What the user was doing when WeChat asked, for the sheet's wording (set just before requirePrivacyAuthorize). */
let nextPurpose = ''

/** Registers the listener once at launch (weapp); WeChat calls it whenever a privacy API needs consent. */
export function listenForPrivacyRequests(): void {
  if (!isWeapp() || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve) => {
    const purpose = nextPurpose || '使用该功能'
    nextPurpose = ''
    void usePrivacyStore.getState().ask(purpose, resolve)
  })
}

/**
 * Asks for consent if the user has not agreed yet; true when they have (now or before). Call it before binding and
 * before the camera, photo and file pickers and the clipboard, and stop when it answers false.
 */
export async function ensurePrivacyConsent(purpose: string): Promise<boolean> {
  if (isWeapp()) {
    // Older base libraries (< 2.32.3) have no privacy flow: nothing to ask.
    if (typeof Taro.requirePrivacyAuthorize !== 'function') return true
    nextPurpose = purpose
    return new Promise<boolean>((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    })
  }
  if (readAgreed()) return true
  const agreed = await usePrivacyStore.getState().ask(purpose)
  if (agreed) writeAgreed()
  return agreed
}

function readAgreed(): boolean {
  try {
    return Taro.getStorageSync(H5_KEY) === true
  } catch {
    return false
  }
}

function writeAgreed(): void {
  try {
    Taro.setStorageSync(H5_KEY, true)
  } catch {
    // private mode: they will be asked again next time, which is the safe side
  }
}
