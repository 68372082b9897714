import { objectsTable, TableError, type Table } from './table.ts'

/** JSON lines with our own field names, one record per line; row n is line n. */
export function jsonlTable(text: string): Table {
  const records: { row: number; fields: object }[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch (e) {
      throw new TableError(`line ${i + 1} is not JSON (${(e as Error).message})`)
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new TableError(`line ${i + 1} is not a JSON object`)
    }
    records.push({ row: i + 1, fields: value })
  })
  return objectsTable(records)
}
