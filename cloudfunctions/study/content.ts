import type MarkdownItClass from 'markdown-it'
import type cjkFriendlyPlugin from 'markdown-it-cjk-friendly'
import type sanitizeHtml from 'sanitize-html'

/**
 * What stored article HTML may contain: headings, paragraphs, emphasis, lists, quotes, images, links, simple
 * tables. No scripts, styles, frames, forms or event handlers; links and images only over http(s), cloud storage or
 * the app's own paths. Everything else is dropped on save, so what is stored is safe to render anywhere.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'p',
    'br',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'img',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'span',
    'sup',
    'sub',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'style'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'cloud'],
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    // Images fit the phone's width (rich-text on weapp and the H5 page both honour the inline style).
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, style: 'max-width:100%;height:auto;display:block;margin:8px auto;' },
    }),
  },
  allowedStyles: {
    img: { 'max-width': [/^100%$/], height: [/^auto$/], display: [/^block$/], margin: [/^[\d\spx]+auto[\s\w]*;?$/] },
  },
}

export interface ContentTools {
  /** Sanitises pasted or rendered HTML to the stored subset. */
  sanitize(html: string): string
  /** Markdown (headings, bold, lists, quotes, images, links) to sanitised HTML. Raw HTML inside it is sanitised too. */
  renderMarkdown(markdown: string): string
  /** Plain text of stored HTML: for the summary and the length. */
  plainText(html: string): string
}

let tools: Promise<ContentTools> | undefined

/** A package's main export whether require() gave its CommonJS build (the export itself) or an ES module's namespace. */
const interop = <T>(mod: T | { default: T }): T =>
  mod && typeof mod === 'object' && 'default' in mod ? (mod as { default: T }).default : (mod as T)

/**
 * markdown-it and sanitize-html, loaded on the first save or re-render of an article rather than at cold start
 * (issue 11): the reading paths (feed, open, finish) never render, so they do not pay for parsing either library.
 * esbuild still bundles both; `import()` becomes a wrapper that runs their code on first call.
 */
export function contentTools(): Promise<ContentTools> {
  tools ??= Promise.resolve().then(() => {
    // require() inside the call rather than import(): esbuild makes both lazy, and jest (which runs this file from
    // source) cannot run import() without experimental VM modules.
    const MarkdownIt: typeof MarkdownItClass = interop(require('markdown-it'))
    const cjkFriendly: typeof cjkFriendlyPlugin = interop(require('markdown-it-cjk-friendly'))
    const clean: typeof sanitizeHtml = require('sanitize-html')
    // markdown-it with the CJK-friendly emphasis rule: CommonMark does not close `**` next to Chinese punctuation and
    // quotes (`**"两个确立"**。` stayed literal in 9 of the 13 demo articles under marked). Tables, strikethrough and
    // linkify as GFM had them; raw HTML is still cleaned by sanitize().
    const md = new MarkdownIt({ html: true, linkify: true, breaks: false }).use(cjkFriendly)
    const sanitize = (html: string) => clean(html, POLICY)
    return {
      sanitize,
      renderMarkdown: (markdown: string) => sanitize(md.render(markdown)),
      plainText: (html: string) =>
        clean(html, { allowedTags: [], allowedAttributes: {} })
          .replace(/&nbsp;/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
    }
  })
  return tools
}

/**
 * Which renderer made an article's stored HTML. Articles stored before it carry none: marked rendered them, and it
 * left `**` literal next to Chinese punctuation. Bump it when the rendering changes, and stored bodies follow.
 */
export const RENDERER = 'markdown-it-cjk@1'
