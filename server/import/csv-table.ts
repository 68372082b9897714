import { TableError, type TableRow } from './table.ts'

/**
 * CSV as RFC 4180 reads it (quoted cells may hold delimiters, quotes as "" and line breaks),
 * with CRLF, LF or CR line ends. The delimiter is a comma, or a tab when the first line has tabs
 * and no comma (Excel's "Unicode text"). A quote left open at the end means the file was cut
 * short. Row n is the n-th record, as a spreadsheet opening the file would number it.
 *
 * A line with no quote in it (most of them) is split natively; only records with quotes are
 * read character by character.
 */
export function csvRows(text: string): TableRow[] {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/))
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  const eol = text.includes('\n') ? '\n' : '\r'
  const rows: TableRow[] = []
  let pos = 0
  let quote = text.indexOf('"')
  while (pos < text.length) {
    if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos)
    let end = text.indexOf(eol, pos)
    if (end < 0) end = text.length
    if (quote < 0 || quote > end) {
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end)
      rows.push({ row: rows.length + 1, cells: line.split(delimiter) })
      pos = end + 1
    } else {
      pos = quotedRecord(text, pos, delimiter.charCodeAt(0), rows)
    }
  }
  return rows
}

/** Reads the record starting at `pos` character by character; returns where the next begins. */
function quotedRecord(text: string, pos: number, delimiter: number, rows: TableRow[]): number {
  const cells: string[] = []
  let cell = ''
  let start = pos // start of the unquoted run being read
  let i = pos
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 34 && i === start && cell === '') {
      const q = closingQuote(text, i + 1, rows.length + 1)
      cell = text.slice(i + 1, q).replaceAll('""', '"')
      i = q + 1
      start = i
      continue
    }
    if (c === delimiter) {
      cells.push(cell + text.slice(start, i))
      cell = ''
      start = ++i
      continue
    }
    if (c === 10 || c === 13) {
      cells.push(cell + text.slice(start, i))
      rows.push({ row: rows.length + 1, cells })
      return c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1
    }
    i++
  }
  cells.push(cell + text.slice(start, n))
  rows.push({ row: rows.length + 1, cells })
  return n
}

/** The index of the quote closing a cell whose content starts at `from` ("" is a quote inside). */
function closingQuote(text: string, from: number, row: number): number {
  let i = from
  for (;;) {
    const q = text.indexOf('"', i)
    if (q < 0) {
      throw new TableError(
        `a quoted cell opened in row ${row} is never closed: the file looks cut short`,
      )
    }
    if (text.charCodeAt(q + 1) !== 34) return q
    i = q + 2
  }
}
