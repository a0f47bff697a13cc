import type ExcelJS from 'exceljs'
import type { Ctx, MemberCaller } from './context'

/**
 * Saves a finished workbook to cloud storage under the caller's folder and returns a temporary download link
 * (opened with openDocument on weapp). Every .xlsx export ends here.
 */
export async function saveWorkbook(
  ctx: Ctx<MemberCaller>,
  workbook: ExcelJS.Workbook,
  fileName: string,
): Promise<{ fileID: string; url: string; fileName: string }> {
  return saveExport(ctx, Buffer.from(await workbook.xlsx.writeBuffer()), fileName)
}

/** Saves any export file (.xlsx, .docx) under the caller's folder and returns a temporary download link. */
export async function saveExport(
  ctx: Ctx<MemberCaller>,
  buffer: Buffer,
  fileName: string,
): Promise<{ fileID: string; url: string; fileName: string }> {
  const safeName = fileName.replace(/[\\/:*?"<>|]/g, '_')
  const cloudPath = `exports/${ctx.caller.member._id}/${ctx.clock.now().getTime()}/${safeName}`
  const { fileID } = (await ctx.cloud.uploadFile({ cloudPath, fileContent: buffer })) as { fileID: string }
  const urls = (await ctx.cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL: string }> }
  return { fileID, url: urls.fileList[0].tempFileURL, fileName: safeName }
}
