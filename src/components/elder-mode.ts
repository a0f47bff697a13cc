import Taro from '@tarojs/taro'

/**
 * 长辈模式: larger type (1.3×), higher contrast and bigger tap targets, switched by one root class so every page
 * follows without code of its own. On H5 the class sits on <html>, whose font size every converted px (rem) scales
 * with. The member's choice is kept on the device; without one, members of a 离退休干部党支部 start in it.
 */
const KEY = 'elder-mode'

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

/** Puts the root class on or off. weapp has no root element a script may class (see the report): H5 only for now. */
export function applyElder(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') {
    document.documentElement.classList.toggle('elder', on)
  }
}

export function setElderPref(on: boolean): void {
  try {
    Taro.setStorageSync(KEY, on ? 'on' : 'off')
  } catch {
    // Storage full or unavailable: the switch still applies for this session.
  }
  applyElder(on)
}
