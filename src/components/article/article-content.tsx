import { Image, RichText, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo, type ReactNode } from 'react'
import { imagesOf, parseArticleHtml, type ArticleNode } from './article-nodes'
import './article-content.scss'
import { altProps } from '@/components/alt'

type El = ArticleNode & { type: 'element' }

const isH5 = process.env.TARO_ENV === 'h5'
const BLOCKS = new Set(['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'blockquote', 'hr', 'table', 'div'])
const INLINE_CLASS: Record<string, string> = {
  strong: 'ac-strong',
  b: 'ac-strong',
  em: 'ac-em',
  i: 'ac-em',
  u: 'ac-u',
  s: 'ac-s',
  sup: 'ac-sup',
  sub: 'ac-sub',
}

/**
 * Inline styles for a table, the one element drawn by <rich-text>: its nodes take neither the page's stylesheet nor
 * tag selectors on weapp, so the look travels on each node. Everything else is styled by article-content.scss, whose
 * px the build turns into rem on both platforms.
 */
// Sizes in design px sent as rem (px / 20, the build's conversion: config/index.ts), so tables scale with the rest of
// the page, 1.3× in 长辈模式 (src/components/elder-mode.ts); 1px hairlines stay px.
const rem = (css: string) => css.replace(/\b(\d+(?:\.\d+)?)px/g, (px, n: string) => (n === '1' ? px : `${+n / 20}rem`))
const TABLE_STYLES: Record<string, string> = {
  table: rem('width:100%;border-collapse:collapse;margin:0 0 14px;font-size:14px;line-height:1.6;'),
  th: rem('border:1px solid #e8e8e8;padding:6px 8px;background:#fafafa;text-align:left;font-weight:700;'),
  td: rem('border:1px solid #e8e8e8;padding:6px 8px;'),
}

type RichNode = { name: string; attrs: Record<string, string>; children: RichNode[] } | { type: 'text'; text: string }

function richNodes(n: ArticleNode): RichNode {
  if (n.type === 'text') return { type: 'text', text: n.text }
  const attrs: Record<string, string> = {}
  if (TABLE_STYLES[n.name]) attrs.style = TABLE_STYLES[n.name]
  if (n.attrs.colspan) attrs.colspan = n.attrs.colspan
  if (n.attrs.rowspan) attrs.rowspan = n.attrs.rowspan
  return { name: n.name, attrs, children: n.children.map(richNodes) }
}

/** A tapped link: H5 opens it beside the app; weapp cannot open outside pages, so it copies the address. */
function openLink(href: string) {
  if (!href) return
  if (isH5) {
    window.open(href, '_blank', 'noopener')
    return
  }
  Taro.setClipboardData({ data: href }).then(
    () => Taro.showToast({ title: '链接已复制，请在浏览器中打开', icon: 'none', duration: 2500 }),
    () => undefined,
  )
}

interface Ctx {
  images: string[]
}

/** An inline run (text, emphasis, links) inside one <Text>: weapp's text may hold only text. */
function inline(n: ArticleNode, key: string): ReactNode {
  if (n.type === 'text') return n.text
  if (n.name === 'br') return '\n'
  const children = n.children.map((c, i) => inline(c, `${key}.${i}`))
  if (n.name === 'a')
    return (
      <Text
        key={key}
        className="ac-link"
        onClick={(e) => {
          e.stopPropagation()
          openLink(n.attrs.href ?? '')
        }}
      >
        {children}
      </Text>
    )
  return (
    <Text key={key} className={INLINE_CLASS[n.name] ?? ''}>
      {children}
    </Text>
  )
}

/** An image with its description: read out as its name, shown under it, and opened full screen on a tap. */
function Figure({ node, ctx }: { node: El; ctx: Ctx }) {
  const alt = (node.attrs.alt ?? '').trim()
  const src = node.attrs.src ?? ''
  if (!src) return null
  return (
    <View className="ac-figure">
      <Image
        className="ac-img"
        src={src}
        mode="widthFix"
        lazyLoad
        {...altProps(alt || '文章插图')}
        onClick={() => Taro.previewImage({ urls: ctx.images, current: src })}
      />
      {alt && <Text className="ac-caption">{alt}</Text>}
    </View>
  )
}

/** The children of a block: inline runs grouped into one <Text> each, images and nested blocks in between. */
function flow(nodes: ArticleNode[], key: string, ctx: Ctx): ReactNode[] {
  const out: ReactNode[] = []
  let run: ArticleNode[] = []
  const flush = () => {
    if (run.some((n) => n.type === 'element' || n.text.trim())) {
      const k = `${key}.t${out.length}`
      out.push(
        <Text key={k} className="ac-text" userSelect>
          {run.map((n, i) => inline(n, `${k}.${i}`))}
        </Text>,
      )
    }
    run = []
  }
  nodes.forEach((n, i) => {
    if (n.type === 'element' && n.name === 'img') {
      flush()
      out.push(<Figure key={`${key}.f${i}`} node={n} ctx={ctx} />)
    } else if (n.type === 'element' && BLOCKS.has(n.name)) {
      flush()
      out.push(block(n, `${key}.b${i}`, ctx))
    } else if (n.type === 'element' && n.children.some((c) => c.type === 'element' && c.name === 'img')) {
      // An image inside a link or emphasis: the image stands on its own line.
      flush()
      out.push(...flow(n.children, `${key}.i${i}`, ctx))
    } else run.push(n)
  })
  flush()
  return out
}

function block(n: El, key: string, ctx: Ctx): ReactNode {
  switch (n.name) {
    case 'hr':
      return <View key={key} className="ac-hr" />
    case 'table':
      return (
        <View key={key} className="ac-table">
          <RichText nodes={[richNodes(n)] as never} />
        </View>
      )
    case 'ul':
    case 'ol': {
      const items = n.children.filter((c): c is El => c.type === 'element' && c.name === 'li')
      const start = Number(n.attrs.start) || 1
      return (
        <View key={key} className="ac-list" role="list">
          {items.map((li, i) => (
            <View key={`${key}.${i}`} className="ac-li" role="listitem">
              <Text className="ac-marker">{n.name === 'ol' ? `${start + i}.` : '•'}</Text>
              <View className="ac-li-body">{flow(li.children, `${key}.${i}`, ctx)}</View>
            </View>
          ))}
        </View>
      )
    }
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
      return (
        <View key={key} className={`ac-h ac-${n.name}`} role="heading" aria-level={Number(n.name[1])}>
          {flow(n.children, key, ctx)}
        </View>
      )
    default:
      return (
        <View key={key} className={`ac-${n.name === 'blockquote' ? 'quote' : 'p'}`}>
          {flow(n.children, key, ctx)}
        </View>
      )
  }
}

/**
 * A stored article body drawn with Taro's own components, the same on weapp and H5: headings, paragraphs with bold,
 * italics and tappable links, bullet and numbered lists, quotes, images with their descriptions (tap to enlarge), and
 * tables through <rich-text>. Lighter than a general rich-text library (the body is already a known, cleaned subset).
 */
export function ArticleContent({ html, id }: { html: string; id?: string }) {
  const tree = useMemo(() => {
    const nodes = parseArticleHtml(html)
    return { nodes, ctx: { images: imagesOf(nodes) } }
  }, [html])
  return (
    <View className="ac" id={id}>
      {flow(tree.nodes, 'n', tree.ctx)}
    </View>
  )
}
