/**
 * The stored article body (HTML the study function has already cleaned with sanitize-html, so it is well formed: lower
 * case tags, double-quoted attributes, `&amp; &lt; &gt; &quot;` escaped, void tags self-closed) as a tree the article
 * page renders with Taro components on both platforms. Anything outside that subset (an unknown tag, a stray `<`) is
 * kept as text or dropped, never executed: the page never hands this markup to an HTML parser of its own.
 */
export type ArticleNode =
  | { type: 'text'; text: string }
  | { type: 'element'; name: string; attrs: Record<string, string>; children: ArticleNode[] }

const VOID = new Set(['img', 'br', 'hr'])
const TOKEN =
  /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>|[^<]+|</g
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole
    }
    return NAMED[e.toLowerCase()] ?? whole
  })
}

export function parseArticleHtml(html: string): ArticleNode[] {
  const root: ArticleNode & { type: 'element' } = { type: 'element', name: '#root', attrs: {}, children: [] }
  const stack: Array<ArticleNode & { type: 'element' }> = [root]
  const top = () => stack[stack.length - 1]
  for (const m of html.matchAll(TOKEN)) {
    const [whole, closing, opening, attrText, selfClose] = m
    if (whole.startsWith('<!--')) continue
    if (closing) {
      const name = closing.toLowerCase()
      const at = stack.map((n) => n.name).lastIndexOf(name)
      if (at > 0) stack.length = at
      continue
    }
    if (opening) {
      const name = opening.toLowerCase()
      const attrs: Record<string, string> = {}
      for (const a of (attrText ?? '').matchAll(ATTR))
        attrs[a[1].toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '')
      const el: ArticleNode & { type: 'element' } = { type: 'element', name, attrs, children: [] }
      top().children.push(el)
      if (!VOID.has(name) && !selfClose) stack.push(el)
      continue
    }
    const text = decodeEntities(whole)
    const last = top().children[top().children.length - 1]
    if (last?.type === 'text') last.text += text
    else top().children.push({ type: 'text', text })
  }
  return root.children
}

/** Every image of the body, in reading order: the preview swipes through them all. */
export function imagesOf(nodes: ArticleNode[]): string[] {
  return nodes.flatMap((n) =>
    n.type !== 'element' ? [] : n.name === 'img' && n.attrs.src ? [n.attrs.src] : imagesOf(n.children),
  )
}
