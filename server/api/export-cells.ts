import { StationSchema, type Station } from '../domain/station.ts'
import { ChildcareClassSchema, type ChildcareClass } from '../domain/childcare-class.ts'

/**
 * What a record becomes in a spreadsheet row, shared by the CSV and XLSX exports. Headers are
 * our own field names, so an export reads back through the importer as it is.
 */

/** Columns in schema order: a field added to a record is exported without a change here. */
export const STATION_COLUMNS = Object.keys(StationSchema.shape) as (keyof Station)[]
export const CLASS_COLUMNS = Object.keys(ChildcareClassSchema.shape) as (keyof ChildcareClass)[]

/** Joins a list cell (amenities); no amenity code contains it. */
export const LIST_SEPARATOR = ';'

/**
 * Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"):
 * such text gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
 */
const FORMULA_START = /^[=+\-@\t\r]/

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/**
 * One field's cell: numbers stay numbers (a negative longitude is not a formula), null is an
 * empty cell, a list is joined, booleans are spelled `true`/`false`, and text is neutralised.
 */
export function cellValue(value: unknown): string | number {
  if (typeof value === 'number') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return neutralise(value.join(LIST_SEPARATOR))
  return neutralise(String(value))
}

export function rowValues<T extends object>(record: T, columns: readonly (keyof T)[]) {
  return columns.map((c) => cellValue(record[c]))
}

/** RFC 4180: a field holding a quote, comma or line break is quoted, its quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** One CSV record, CRLF-terminated. */
export function csvLine(values: readonly (string | number)[]): string {
  return `${values.map(csvField).join(',')}\r\n`
}

/** Spreadsheet programs read a UTF-8 CSV's Chinese correctly only after this byte order mark. */
export const UTF8_BOM = '\uFEFF'
