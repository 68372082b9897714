import type ExcelJS from 'exceljs'
import { TableError, type TableRow } from './table.ts'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0] // the old binary .xls

/** An XLSX workbook starts as a zip; portals also hand out HTML or old .xls under that name. */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b)
}

export function notXlsxReason(bytes: Uint8Array): string {
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) {
    return 'an old binary .xls workbook, not .xlsx: save it as .xlsx or CSV'
  }
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  if (head.startsWith('<')) {
    return 'an HTML page, not an XLSX workbook (portals export HTML under that name): open it and save it as .xlsx or CSV'
  }
  return 'not an XLSX workbook (it is not a zip file)'
}

/**
 * The rows of one sheet (the first, or the one named), each cell as text: dates as YYYY-MM-DD,
 * rich text flattened, merged cells repeating their value. A formula is refused rather than
 * taken at its cached value, which may be stale or empty.
 */
export async function xlsxRows(
  bytes: Uint8Array,
  sheetName: string | undefined,
): Promise<{ sheet: string; rows: TableRow[] }> {
  if (!isZip(bytes)) throw new TableError(notXlsxReason(bytes))
  // Loaded when a workbook comes: exceljs takes a second or two of start-up a CSV import
  // should not pay.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
  } catch (e) {
    throw new TableError(`not a readable XLSX workbook (${(e as Error).message})`)
  }
  const sheets = workbook.worksheets
  const sheet = sheetName === undefined ? sheets[0] : workbook.getWorksheet(sheetName)
  if (!sheet) {
    const names = sheets.map((s) => `"${s.name}"`).join(', ')
    throw new TableError(
      sheetName === undefined
        ? 'the workbook has no sheet'
        : `no sheet "${sheetName}" (it has ${names})`,
    )
  }
  const width = sheet.columnCount
  const rows: TableRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      if (cell.type === Excel.ValueType.Formula) {
        throw new TableError(`${sheet.name}!${cell.address} holds a formula: paste it as a value`)
      }
      cells.push(cellText(cell.value))
    }
    rows.push({ row: rowNumber, cells })
  })
  return { sheet: sheet.name, rows }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value !== 'object') return String(value)
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('text' in value && typeof value.text === 'string') return value.text
  if ('error' in value) return String(value.error)
  return ''
}
