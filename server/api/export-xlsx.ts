import { writerStream } from '../http/writer-stream.ts'
import { rowValues } from './export-cells.ts'

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A one-sheet workbook written as the pages arrive (exceljs's streaming writer: rows are
 * committed and zipped as they go), header row first. Cells are plain numbers and strings,
 * never formulas; text is neutralised as in the CSV.
 */
export function xlsxStream<T extends object>(
  sheetName: string,
  columns: readonly (keyof T & string)[],
  pages: AsyncIterable<T[]>,
): ReadableStream<Uint8Array> {
  return writerStream(async (stream) => {
    // Loaded when a workbook is asked for: exceljs alone took ~1 s of every server start.
    const { default: ExcelJS } = await import('exceljs')
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useStyles: false,
      useSharedStrings: false,
    })
    const sheet = workbook.addWorksheet(sheetName)
    sheet.addRow([...columns]).commit()
    for await (const records of pages) {
      for (const record of records) sheet.addRow(rowValues(record, columns)).commit()
    }
    sheet.commit()
    await workbook.commit()
  })
}
