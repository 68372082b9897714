import type { ReadOptions, RegisterFile, RegisterFormat } from './register.ts'
import { csvRows } from './csv-table.ts'
import { geojsonTable } from './geojson-table.ts'
import { jsonlTable } from './jsonl-table.ts'
import { isBlankRow, TableError, type Table, type TableRow } from './table.ts'
import { decodeText } from './text-encoding.ts'
import { isZip, notXlsxReason, xlsxRows } from './xlsx-table.ts'

export interface ReadTable extends Table {
  format: RegisterFormat
  /** The text encoding used; null for XLSX. */
  encoding: string | null
  /** XLSX only: the sheet read. */
  sheet: string | null
}

const XLSX_NAME = /\.(xlsx|xlsm|xls)$/i

/**
 * A file's header and data rows. The format comes from the content (a zip is a workbook; text
 * starting with a JSON object per line is JSON lines, a FeatureCollection GeoJSON, anything else
 * CSV); the name only decides that a non-zip called .xlsx is an error rather than text.
 * Throws TableError for a file that is not a usable table.
 */
export async function readTable(
  file: RegisterFile,
  options: Pick<ReadOptions, 'encoding' | 'sheet'>,
): Promise<ReadTable> {
  const { bytes } = file
  if (bytes.length === 0) throw new TableError('the file is empty')
  if (isZip(bytes)) {
    const { sheet, rows } = await xlsxRows(bytes, options.sheet)
    return { ...headed(rows), format: 'xlsx', encoding: null, sheet }
  }
  if (XLSX_NAME.test(file.name)) throw new TableError(notXlsxReason(bytes))
  const { text, encoding } = decodeText(bytes, options.encoding)
  const start = text.trimStart()
  if (start.startsWith('<')) {
    throw new TableError('an HTML or XML page, not a register: export the table as CSV or XLSX')
  }
  if (start.startsWith('{')) {
    const lines = firstLineIsRecord(start)
    const table = lines ? jsonlTable(text) : geojsonTable(text)
    return { ...checked(table), format: lines ? 'jsonl' : 'geojson', encoding, sheet: null }
  }
  return { ...headed(csvRows(text)), format: 'csv', encoding, sheet: null }
}

/** A JSON object that is not a FeatureCollection on the first line: JSON lines. */
function firstLineIsRecord(text: string): boolean {
  const end = text.search(/\r?\n/)
  try {
    const value = JSON.parse(end < 0 ? text : text.slice(0, end)) as { type?: unknown }
    return value.type !== 'FeatureCollection'
  } catch {
    return false
  }
}

/**
 * The header is the first row with two or more filled cells: registers often open with a
 * title row (浙江省XX区爱心驿站名单) above it. Row numbers stay the file's own.
 */
function headed(rows: readonly TableRow[]): Table {
  const filled = (r: TableRow) => r.cells.filter((c) => c.trim() !== '').length
  const at = rows.findIndex((r) => filled(r) >= 2)
  const headerAt = at >= 0 ? at : rows.findIndex((r) => filled(r) > 0)
  if (headerAt < 0) throw new TableError('the header row is empty: the file has no filled cell')
  const header = rows[headerAt]!.cells.map((h) => h.trim())
  const data = rows.slice(headerAt + 1).filter((r) => !isBlankRow(r.cells))
  return checked({ header, rows: data })
}

function checked(table: Table): Table {
  // Trailing empty header cells with nothing under them are an artefact of the export.
  let width = table.header.length
  while (
    width > 0 &&
    table.header[width - 1] === '' &&
    table.rows.every((r) => !r.cells[width - 1]?.trim())
  )
    width--
  const header = table.header.slice(0, width).map((h, i) => h || `(column ${i + 1})`)
  if (header.length === 0) throw new TableError('the header row is empty')
  const seen = new Map<string, number>()
  header.forEach((h, i) => {
    const first = seen.get(h)
    if (first !== undefined) {
      throw new TableError(`the header "${h}" appears twice (columns ${first + 1} and ${i + 1})`)
    }
    seen.set(h, i)
  })
  if (table.rows.length === 0)
    throw new TableError('0 data rows: the file has a header and nothing under it')
  return { header, rows: table.rows }
}
