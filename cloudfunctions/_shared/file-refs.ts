import type { Ctx } from './context'
import { fail } from './errors'

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

/**
 * Refuses cloud file ids that name no stored file (a broken or hostile client; a file deleted meanwhile), so a record
 * never points at nothing. One getTempFileURL call of up to 50 ids, which answers each file with its own status
 * (emulator/db/README.md, "Temp file URLs"); links that are not cloud ids are the schema's business.
 */
export async function assertStoredFiles(ctx: Ctx, refs: Array<string | null | undefined>, what: string): Promise<void> {
  const ids = [...new Set(refs.filter((r): r is string => !!r && r.startsWith('cloud://')))]
  for (let i = 0; i < ids.length; i += 50) {
    const res = (await ctx.cloud.getTempFileURL({ fileList: ids.slice(i, i + 50) })) as {
      fileList: Array<{ fileID: string; status: number }>
    }
    if (res.fileList.some((f) => f.status !== 0)) fail('INVALID_INPUT', `${what}的文件不存在或已删除，请重新上传`)
  }
}
