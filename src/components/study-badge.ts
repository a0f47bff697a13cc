import Taro from '@tarojs/taro'

/** The unread-required count on the 学习 tab (weapp only: H5 has no native tab bar badge). */
export function syncStudyBadge(count: number | null | undefined) {
  if (process.env.TARO_ENV !== 'weapp' || count === null || count === undefined) return
  const done =
    count > 0
      ? Taro.setTabBarBadge({ index: 1, text: String(Math.min(count, 99)) })
      : Taro.removeTabBarBadge({ index: 1 })
  done.catch(() => {})
}
