import { TableError, type TableRow } from './table.ts'

/**
 * CSV as RFC 4180 reads it (quoted cells may hold delimiters, quotes as "" and line breaks),
 * with CRLF, LF or CR line ends. The delimiter is a comma, or a tab when the first line has tabs
 * and no comma (Excel's "Unicode text"). A quote left open at the end means the file was cut
 * short. Row n is the n-th record, as a spreadsheet opening the file would number it.
 */
export function csvRows(text: string): TableRow[] {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/))
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? 9 : 44
  const rows: TableRow[] = []
  let cells: string[] = []
  let cell = ''
  let start = 0 // start of the unquoted run being read
  let i = 0
  const n = text.length
  const endRecord = () => {
    rows.push({ row: rows.length + 1, cells })
    cells = []
  }
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34 && i === start && cell === '') {
      // A quoted cell: read to its closing quote.
      const opened = rows.length + 1
      i++
      let from = i
      for (;;) {
        const q = text.indexOf('"', i)
        if (q < 0) {
          throw new TableError(
            `a quoted cell opened in row ${opened} is never closed: the file looks cut short`,
          )
        }
        if (text.charCodeAt(q + 1) === 34) {
          cell += text.slice(from, q + 1)
          i = q + 2
          from = i
          continue
        }
        cell += text.slice(from, q)
        i = q + 1
        break
      }
      start = i
      continue
    }
    if (c === delimiter || c === 10 || c === 13) {
      cells.push(cell + text.slice(start, i))
      cell = ''
      if (c !== delimiter) {
        endRecord()
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++
      }
      i++
      start = i
      continue
    }
    i++
  }
  if (start < n || cell !== '' || cells.length > 0) {
    cells.push(cell + text.slice(start, n))
    endRecord()
  }
  return rows
}
