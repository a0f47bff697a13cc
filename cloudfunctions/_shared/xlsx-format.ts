import type ExcelJS from 'exceljs'

/**
 * How every .xlsx export writes its cells, so that Excel can sum, sort and filter them: headers on one line (no
 * wrapped text a filter cannot read), counts as numbers, rates as fractions with a percent format (never "87.5%"
 * strings), and the header row frozen.
 */
export const PERCENT_FORMAT = '0.0%'

/** Bold, frozen header row at `row` (1-based); widths from the header text so Chinese headers fit on one line. */
export function styleHeader(ws: ExcelJS.Worksheet, row = 1): void {
  const r = ws.getRow(row)
  r.font = { bold: true }
  r.alignment = { wrapText: false, vertical: 'middle' }
  ws.views = [{ state: 'frozen', ySplit: row }]
  r.eachCell((cell, col) => {
    const text = String(cell.value ?? '')
    const width = Math.max(8, [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 255 ? 2 : 1), 0) + 2)
    const column = ws.getColumn(col)
    if (!column.width || column.width < width) column.width = width
  })
}

/** Formats the given 1-based columns of every row below the header as percentages. */
export function percentColumns(ws: ExcelJS.Worksheet, columns: number[]): void {
  for (const c of columns) ws.getColumn(c).numFmt = PERCENT_FORMAT
}

/** A rate for a cell: the fraction itself (shown by PERCENT_FORMAT), or empty when there is none. */
export function rateCell(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 1000
}

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetName(wb: ExcelJS.Workbook, wanted: string): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '工作表'
  let name = base
  for (let i = 2; wb.getWorksheet(name); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`
  return name
}
