/**
 * Inline styles for the stored (already sanitised) article HTML. weapp's <rich-text> applies neither tag selectors
 * nor the page's stylesheet to its nodes, so the phone-reading look (16px body, 1.8 line height, quiet headings,
 * a ruled quote) travels inside the HTML; the H5 page renders the same string, so both platforms look alike.
 * Sizes are written in design px here and sent as rem (px / 20, the build's conversion: config/index.ts), so the body
 * scales with the rest of the page, 1.3× in 长辈模式 (src/components/elder-mode.ts); 1px hairlines stay px.
 */
const rem = (css: string) => css.replace(/\b(\d+(?:\.\d+)?)px/g, (px, n: string) => (n === '1' ? px : `${+n / 20}rem`))

const TAG_STYLES: Record<string, string> = {
  h1: 'font-size:21px;font-weight:700;line-height:1.5;margin:22px 0 12px;color:#262626;',
  h2: 'font-size:19px;font-weight:700;line-height:1.5;margin:22px 0 10px;color:#262626;',
  h3: 'font-size:17px;font-weight:700;line-height:1.5;margin:18px 0 8px;color:#262626;',
  h4: 'font-size:16px;font-weight:700;line-height:1.5;margin:16px 0 8px;color:#262626;',
  p: 'margin:0 0 14px;text-align:justify;',
  ul: 'margin:0 0 14px;padding-left:22px;',
  ol: 'margin:0 0 14px;padding-left:22px;',
  li: 'margin:0 0 6px;',
  blockquote:
    'margin:0 0 14px;padding:10px 14px;border-left:4px solid #c8102e;background:#fdf6f0;color:#595959;border-radius:0 6px 6px 0;',
  a: 'color:#1d39c4;text-decoration:underline;word-break:break-all;',
  hr: 'border:none;border-top:1px solid #e8e8e8;margin:20px 0;',
  table: 'width:100%;border-collapse:collapse;margin:0 0 14px;font-size:14px;',
  th: 'border:1px solid #e8e8e8;padding:6px 8px;background:#fafafa;text-align:left;',
  td: 'border:1px solid #e8e8e8;padding:6px 8px;',
  strong: 'font-weight:700;color:#262626;',
}

for (const tag of Object.keys(TAG_STYLES)) TAG_STYLES[tag] = rem(TAG_STYLES[tag])
const BODY = rem('font-size:16px;line-height:1.8;color:#333;word-wrap:break-word;')

const TAGS = new RegExp(`<(${Object.keys(TAG_STYLES).join('|')})(\\s[^>]*)?>`, 'gi')

/** The article body with reading styles on each element (an element's own style, e.g. an image's, is kept). */
export function styleArticleHtml(html: string): string {
  const styled = html.replace(TAGS, (_whole, tag: string, attrs: string | undefined) => {
    const style = TAG_STYLES[tag.toLowerCase()]
    if (!attrs) return `<${tag} style="${style}">`
    if (/\sstyle="/i.test(attrs)) return `<${tag}${attrs.replace(/\sstyle="/i, ` style="${style}`)}>`
    return `<${tag} style="${style}"${attrs}>`
  })
  return `<div style="${BODY}">${styled}</div>`
}

/** `3 分 05 秒`, or `45 秒`. */
export function spentText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const m = Math.floor(s / 60)
  return m ? `${m} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`
}
