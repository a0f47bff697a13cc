/**
 * Alt text on a Taro <Image>; '' marks an image that says nothing its neighbours do not (readers skip it). H5: the
 * real <img> inside Taro's image (a plain <div>, `h5.useHtmlComponents`) gets `alt` through `imgProps`; an
 * `ariaLabel` would land on the wrapper, where axe flags it and readers ignore it. weapp: WeChat reads `aria-role` and
 * `aria-label` on <image> to screen readers (base library 2.7.1+; "img" is read as 图像), which Taro's template binds
 * through config/weapp-aria.js; an image without words gets neither, so it stays a plain box readers pass over.
 */
export function altProps(text: string): { ariaRole?: 'img'; ariaLabel?: string; imgProps?: { alt: string } } {
  if (process.env.TARO_ENV === 'h5') return { imgProps: { alt: text } }
  return text ? { ariaRole: 'img', ariaLabel: text } : {}
}
