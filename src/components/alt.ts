/**
 * Alt text on a Taro <Image>. H5: the real <img> inside Taro's image element gets `alt` (Taro hands `nativeProps` to
 * it; an `ariaLabel` would land on the wrapper element, where axe flags it and readers ignore it). weapp: Taro 4.2's
 * template does not pass aria attributes on <image> today, so the words beside an image (its caption or title) carry
 * it there; `ariaLabel` is set for when it does.
 */
export function altProps(text: string): { ariaLabel?: string; nativeProps?: { alt: string } } {
  return process.env.TARO_ENV === 'h5' ? { nativeProps: { alt: text } } : { ariaLabel: text }
}
