import type { Ctx } from '../_shared/context'
import { contentTools, RENDERER } from './content'
import type { ArticleDoc } from './docs'
import { articlesOf } from './study.repo'

/**
 * The article with its body as the current renderer makes it. An article stored by an older renderer (marked, before
 * markdown-it) is rendered again from its Markdown when it is next opened, served that way at once, and stored, so old
 * and new articles read the same without a migration to run; the one extra write happens once per old article. An
 * article pasted as HTML has no Markdown to render and is left as it was cleaned.
 */
export async function withCurrentBody(ctx: Ctx, a: ArticleDoc): Promise<ArticleDoc> {
  if (a.renderer === RENDERER || a.markdown == null) return a
  const { plainText, renderMarkdown } = await contentTools()
  const html = renderMarkdown(a.markdown)
  // A summary taken from the old body's opening is taken again (it may have held the stray `**`); a written one stays.
  const summary = a.summary === plainText(a.html).slice(0, 60) ? plainText(html).slice(0, 60) : a.summary
  // Only over the version read: an editor's save in between stores its own fresh rendering and is not overwritten.
  await articlesOf(ctx.db).updateWhere({ _id: a._id, updatedAt: a.updatedAt }, { html, summary, renderer: RENDERER })
  return { ...a, html, summary, renderer: RENDERER }
}
