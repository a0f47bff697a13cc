import type ExcelJS from 'exceljs'
import { Readable } from 'stream'
import { AppError } from './errors'
import { newWorkbook } from './workbook'

/**
 * Reads the first sheet of an uploaded .xlsx or .csv into rows of plain cell values, as a person sees them in Excel.
 * CSV files saved by Excel on a Chinese Windows are GBK, not UTF-8: decode by what the bytes are, not by the name.
 */
export async function readSheet(fileName: string, content: Buffer): Promise<unknown[][]> {
  const lower = fileName.toLowerCase()
  const wb = await newWorkbook()
  try {
    if (lower.endsWith('.csv')) {
      const text = decodeText(content)
      await wb.csv.read(Readable.from([text]), {
        parserOptions: { ignoreEmpty: false },
        map: (v: string) => v,
      } as never)
    } else if (lower.endsWith('.xlsx')) {
      await wb.xlsx.load(content as unknown as ArrayBuffer)
    } else {
      throw new AppError('IMPORT_FILE_UNREADABLE')
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('IMPORT_FILE_UNREADABLE')
  }
  const ws = wb.worksheets[0]
  if (!ws) throw new AppError('IMPORT_FILE_UNREADABLE', '文件中没有工作表')
  const rows: unknown[][] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const cells: unknown[] = []
    for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) cells.push(cellText(row.getCell(c).value))
    rows.push(cells)
  }
  return rows
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10)
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('text' in v) return String(v.text)
    if ('result' in v) return String(v.result ?? '')
    return ''
  }
  return String(v)
}

function decodeText(content: Buffer): string {
  const bytes = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? content.subarray(3) : content
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gbk').decode(bytes)
  }
}
