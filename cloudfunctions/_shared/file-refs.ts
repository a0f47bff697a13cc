import type { Ctx } from './context'

/**
 * Maps links an editor's form sends back to the stored file ids they were made from. Forms show cloud files through
 * temporary links (they expire); saving such a link would store something that stops working, so a link that is
 * the current temporary link of a stored file id is turned back into that id. Anything else passes through.
 */
export async function storedRefs(
  ctx: Ctx,
  stored: Array<string | null | undefined>,
): Promise<(value: string) => string> {
  const ids = [...new Set(stored.filter((r): r is string => !!r && r.startsWith('cloud://')))]
  if (!ids.length) return (v) => v
  const res = (await ctx.cloud.getTempFileURL({ fileList: ids })) as {
    fileList: Array<{ fileID: string; tempFileURL: string }>
  }
  const back = new Map(res.fileList.filter((f) => f.tempFileURL).map((f) => [f.tempFileURL, f.fileID]))
  return (v) => back.get(v) ?? v
}
