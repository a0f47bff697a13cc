/**
 * Alt text on a Taro <Image>: `aria-label` for screen readers, and on H5 the inner <img>'s own `alt` (Taro hands
 * `nativeProps` to it; without it the <img> has none, whatever the component says). Note: Taro 4.2's weapp template
 * does not pass aria attributes on <image>, so on weapp the words beside an image (its caption or title) carry it.
 */
export function altProps(text: string): { ariaLabel: string; nativeProps?: { alt: string } } {
  return process.env.TARO_ENV === 'h5' ? { ariaLabel: text, nativeProps: { alt: text } } : { ariaLabel: text }
}
