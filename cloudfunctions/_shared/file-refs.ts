import type { Ctx } from './context'
import { fail } from './errors'

type FileAnswer = { fileID: string; status: number; tempFileURL: string }

const cloudIds = (refs: Array<string | null | undefined>): string[] => [
  ...new Set(refs.filter((r): r is string => !!r && r.startsWith('cloud://'))),
]

/** One getTempFileURL round per 50 ids (the platform's cap), each file answering for itself. */
async function askFiles(ctx: Ctx, ids: string[]): Promise<Map<string, FileAnswer>> {
  const out = new Map<string, FileAnswer>()
  for (let i = 0; i < ids.length; i += 50) {
    const res = (await ctx.cloud.getTempFileURL({ fileList: ids.slice(i, i + 50) })) as { fileList: FileAnswer[] }
    for (const f of res.fileList) out.set(f.fileID, f)
  }
  return out
}

function refuseMissing(ids: string[], answers: Map<string, FileAnswer>, what: string): void {
  if (ids.some((id) => answers.get(id)?.status !== 0)) fail('INVALID_INPUT', `${what}的文件不存在或已删除，请重新上传`)
}

/**
 * Refuses cloud file ids that name no stored file (a broken or hostile client; a file deleted meanwhile), so a record
 * never points at nothing. One getTempFileURL call of up to 50 ids, which answers each file with its own status
 * (emulator/db/README.md, "Temp file URLs"); links that are not cloud ids are the schema's business.
 */
export async function assertStoredFiles(ctx: Ctx, refs: Array<string | null | undefined>, what: string): Promise<void> {
  const ids = cloudIds(refs)
  if (ids.length) refuseMissing(ids, await askFiles(ctx, ids), what)
}

/**
 * What an editor's save needs to know of files, asked in one round: forms show stored files through temporary links
 * (they expire), so a link that is the current temporary link of a stored id is turned back into that id (`ref`);
 * and every cloud id the saved record will hold must exist (`assertExist`). Asking for the stored ids and the form's
 * new ids together costs one getTempFileURL call where mapping and checking apart cost two.
 */
export async function formFiles(
  ctx: Ctx,
  stored: Array<string | null | undefined>,
  incoming: Array<string | null | undefined>,
): Promise<{
  ref: (value: string) => string
  assertExist: (refs: Array<string | null | undefined>, what: string) => void
  /** Temporary links of the files that exist, so the saved record's view need not ask again. */
  urls: Map<string, string>
}> {
  const answers = await askFiles(ctx, cloudIds([...stored, ...incoming]))
  const found = [...answers.values()].filter((f) => f.tempFileURL)
  const back = new Map(found.map((f) => [f.tempFileURL, f.fileID]))
  return {
    urls: new Map(found.map((f) => [f.fileID, f.tempFileURL])),
    ref: (v) => back.get(v) ?? v,
    assertExist: (refs, what) => refuseMissing(cloudIds(refs), answers, what),
  }
}
