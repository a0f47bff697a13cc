import type ExcelJS from 'exceljs'

/**
 * The one door to exceljs. It is imported here, lazily: esbuild turns `import()` of a bundled package into a wrapper
 * that runs the package's code on first call, so a function that also exports spreadsheets (meeting, activity, quiz,
 * study, member) pays for exceljs only when it exports or imports one — never on the cold start of a check-in, a
 * sign-up or a submit (issue 10: "check-in must not load exceljs at cold start").
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs')
  return new Excel.Workbook()
}
