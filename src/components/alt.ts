/**
 * Names for screen readers on both builds. weapp: WeChat reads `aria-role` and `aria-label` on <image> and <view>
 * (base library 2.7.1+; role "img" is read as 图像), which config/weapp-aria.js binds from the keys `a11yRole` and
 * `a11yLabel` — opt-in keys, so the H5 roles and labels on containers and stateful options stay off weapp (see there).
 */
type WeappA11y = { a11yRole: string; a11yLabel: string }

/**
 * Alt text on a Taro <Image>; '' marks an image that says nothing its neighbours do not (readers skip it). H5: the
 * real <img> inside Taro's image (a plain <div>, `h5.useHtmlComponents`) gets `alt` through `imgProps`; an
 * `aria-label` would land on the wrapper, where axe flags it and readers ignore it. weapp: role img and the label; an
 * image without words gets neither and stays a box readers pass over.
 */
export function altProps(text: string): Partial<WeappA11y> & { imgProps?: { alt: string } } {
  if (process.env.TARO_ENV === 'h5') return { imgProps: { alt: text } }
  return text ? { a11yRole: 'img', a11yLabel: text } : {}
}

/**
 * A view that is one control or one picture and whose words alone do not say what it is: an answer-sheet cell that
 * shows only its number, a chart drawn on a canvas. Its role and name, on the element (H5) or through WeChat's aria
 * attributes (weapp). Not for containers: a reader may read the label instead of what is inside.
 */
export function leafProps(
  role: 'button' | 'img',
  label: string,
): { role: 'button' | 'img'; 'aria-label': string } | WeappA11y {
  return process.env.TARO_ENV === 'h5' ? { role, 'aria-label': label } : { a11yRole: role, a11yLabel: label }
}
