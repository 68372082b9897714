import type { ImportReport, RecordRef } from '../domain/import-report.ts'

/** Entries of each list shown in the terminal; the JSON report (--report) holds more. */
const SHOWN = 20

const n = (x: number) => x.toLocaleString('en-US')

function where(r: RecordRef): string {
  const place = r.file === null ? `stored ${r.id}` : `${r.file} row ${r.row}`
  return `${place} "${r.name}"`
}

/** A list's first entries, and how many more there are (counting those cut from the report). */
function section<T>(title: string, items: readonly T[], total: number, line: (x: T) => string) {
  if (total === 0) return []
  const shown = items.slice(0, SHOWN).map((x) => `  ${line(x)}`)
  const more = total - shown.length
  return [`${title} (${n(total)}):`, ...shown, ...(more > 0 ? [`  … and ${n(more)} more`] : [])]
}

/** The report as plain text for a terminal. */
export function renderReport(r: ImportReport): string {
  const c = r.counts
  const would = r.dryRun ? 'would ' : ''
  const head = r.dryRun
    ? 'Dry run: nothing was written.'
    : r.batchId !== null
      ? `Committed as import batch ${r.batchId} (undo: npm run import -- --rollback ${r.batchId}).`
      : r.refused === null
        ? 'Nothing to write: the store holds every row as read.'
        : 'Nothing was written.'
  const lines = [
    `Import of ${r.layer}, mode ${r.mode}, source "${r.source}"`,
    ...r.files.map(
      (f) =>
        `  ${f.name}: ${f.format}${f.encoding ? ` ${f.encoding}` : ''}` +
        `${f.sheet ? ` sheet "${f.sheet}"` : ''}, ${n(f.rows)} rows, sha256 ${f.sha256.slice(0, 12)}`,
    ),
    `Rows read ${n(c.read)}: ${would}add ${n(c.add)}, ${would}update ${n(c.update)}, ` +
      `unchanged ${n(c.unchanged)}, rejected ${n(c.rejected)}; ${would}remove ${n(c.remove)} ` +
      `stored records; ${n(c.duplicates)} likely duplicates, ${n(c.warnings)} warnings.`,
    ...(r.unknownColumns.length > 0
      ? [
          `Unknown columns, not imported: ${r.unknownColumns
            .map((u) => `${u.file}: ${u.header}`)
            .join(', ')}`,
        ]
      : []),
    ...section('Rejected rows', r.rejected, c.rejected, (p) =>
      [`${p.file} row ${p.row}`, p.column === null ? null : `column ${p.column}`, p.reason]
        .filter(Boolean)
        .join(', '),
    ),
    ...section('Likely duplicates', r.duplicates, c.duplicates, (d) =>
      d.reason === 'near_similar_name'
        ? `${where(d.first)} and ${where(d.second)}: ${Math.round(d.distanceM ?? 0)} m apart, similar names`
        : `${where(d.first)} and ${where(d.second)}: the same ${d.reason === 'same_id' ? 'id' : 'source reference'}`,
    ),
    ...section('Warnings', r.warnings, c.warnings, (w) =>
      [
        `${w.file} row ${w.row}`,
        w.column === null ? null : `column ${w.column}`,
        `${w.kind}: ${w.reason}`,
      ]
        .filter(Boolean)
        .join(', '),
    ),
    ...section(`${r.dryRun ? 'Would remove' : 'Removed'}`, r.remove, c.remove, where),
    ...(r.refused !== null ? [`Refused: ${r.refused}`] : []),
    head,
  ]
  return lines.join('\n')
}
