/**
 * Alt text on a Taro <Image>; '' marks an image that says nothing its neighbours do not (readers skip it). H5: the
 * real <img> inside Taro's image (a plain <div>, `h5.useHtmlComponents`) gets `alt` through `imgProps`; an
 * `ariaLabel` would land on the wrapper, where axe flags it and readers ignore it. weapp: Taro 4.2's template does
 * not pass aria attributes on <image> today, so the words beside an image (its caption or title) carry it there;
 * `ariaLabel` is set for when it does.
 */
export function altProps(text: string): { ariaLabel?: string; imgProps?: { alt: string } } {
  return process.env.TARO_ENV === 'h5' ? { imgProps: { alt: text } } : { ariaLabel: text }
}
