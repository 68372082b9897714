/**
 * A register file as a table of strings: what every format reader produces and the column and
 * value readers consume. Row numbers are the file's own (a spreadsheet's row, a CSV record's
 * ordinal, a JSON line's number, a GeoJSON feature's ordinal), so problems can be found in it.
 */
export interface TableRow {
  row: number
  cells: string[]
}

export interface Table {
  header: string[]
  /** Data rows, blank ones left out. */
  rows: TableRow[]
}

/** Why a file is not a table; read-table adds the file's name. */
export class TableError extends Error {}

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '')
}

/**
 * A table from JSON objects (JSON lines, GeoJSON properties): the header is every key in the
 * order first met; arrays become comma lists (amenities), other values their JSON text.
 */
export function objectsTable(records: readonly { row: number; fields: object }[]): Table {
  const index = new Map<string, number>()
  for (const { fields } of records) {
    for (const key of Object.keys(fields)) if (!index.has(key)) index.set(key, index.size)
  }
  const rows = records.map(({ row, fields }) => {
    const cells = new Array<string>(index.size).fill('')
    for (const [key, value] of Object.entries(fields)) cells[index.get(key)!] = jsonCell(value)
    return { row, cells }
  })
  return { header: [...index.keys()], rows: rows.filter((r) => !isBlankRow(r.cells)) }
}

function jsonCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(jsonCell).join(',')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}
