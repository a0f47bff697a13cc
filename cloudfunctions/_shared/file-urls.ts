import type { Ctx } from './context'

/** Temp download URLs for cloud:// file ids (covers, attachments, images); other URLs pass through. */
export async function resolveUrls(
  ctx: Ctx | Omit<Ctx, 'caller'>,
  refs: Array<string | null | undefined>,
): Promise<Map<string, string>> {
  const ids = [...new Set(refs.filter((r): r is string => !!r && r.startsWith('cloud://')))]
  const out = new Map<string, string>()
  for (let i = 0; i < ids.length; i += 50) {
    const res = (await ctx.cloud.getTempFileURL({ fileList: ids.slice(i, i + 50) })) as {
      fileList: Array<{ fileID: string; tempFileURL: string }>
    }
    for (const f of res.fileList) if (f.tempFileURL) out.set(f.fileID, f.tempFileURL)
  }
  return out
}
