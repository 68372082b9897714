import { useState } from 'react'
import type { ReactNode } from 'react'
import { CRS_NAMES } from '../../server/domain/crs.ts'
import type { CrsName } from '../../server/domain/crs.ts'
import type { ImportReport } from '../../server/domain/import-report.ts'
import { IMPORT_LAYERS, IMPORT_MODES } from '../../server/import/register.ts'
import type { ImportLayer, ImportMode } from '../../server/import/register.ts'
import { ProblemError, runImport } from '../api/admin-client.ts'
import type { ImportChoice } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'

/** Choose a file and options, see the dry run's report, then commit the same choice. */
export function ImportPanel() {
  const t = useAdminT()
  const m = t.admin.import
  const [file, setFile] = useState<File | null>(null)
  const [layer, setLayer] = useState<ImportLayer>('stations')
  const [mode, setMode] = useState<ImportMode>('merge')
  const [crs, setCrs] = useState<CrsName | null>(null)
  /** The report and the choice it was made for (commit runs exactly that). */
  const [checked, setChecked] = useState<{ report: ImportReport; choice: ImportChoice } | null>(
    null,
  )
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const run = async (choice: ImportChoice) => {
    setBusy(true)
    setError(null)
    try {
      setChecked({ report: await runImport(choice), choice })
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      if (err instanceof ProblemError && err.problem.report)
        setChecked({ report: err.problem.report, choice })
    } finally {
      setBusy(false)
    }
  }
  const report = checked?.report

  return (
    <section className="admin-import" aria-labelledby="admin-import-heading">
      <h2 id="admin-import-heading">{m.heading}</h2>
      <form
        className="admin-import-form"
        onSubmit={(e) => {
          e.preventDefault()
          if (file !== null) void run({ file, layer, mode, crs, dryRun: true })
        }}
        onChange={() => setChecked(null)}
      >
        <label>
          {m.file}
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,.geojson,.json,.jsonl"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label>
          {m.layer}
          <select value={layer} onChange={(e) => setLayer(e.target.value as ImportLayer)}>
            {IMPORT_LAYERS.map((l) => (
              <option key={l} value={l}>
                {t.admin.layerNames[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.crs}
          <select
            value={crs ?? ''}
            onChange={(e) => setCrs(e.target.value === '' ? null : (e.target.value as CrsName))}
          >
            <option value="">{m.crsFromFile}</option>
            {CRS_NAMES.map((c) => (
              <option key={c} value={c}>
                {c.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label>
          {m.mode}
          <select value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
            {IMPORT_MODES.map((o) => (
              <option key={o} value={o}>
                {m.modes[o]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="admin-primary" disabled={busy || file === null}>
          {m.dryRun}
        </button>
      </form>
      {error !== null && (
        <p className="admin-field-error" role="alert">
          {error}
        </p>
      )}
      {report && <ImportReportView report={report} />}
      {report?.dryRun && report.refused === null && checked && (
        <button
          type="button"
          className="admin-primary"
          disabled={busy}
          onClick={() => void run({ ...checked.choice, dryRun: false })}
        >
          {m.commit}
        </button>
      )}
      {report?.batchId && (
        <p className="admin-notice admin-notice-ok" role="status">
          {m.committed(report.batchId)}
        </p>
      )}
    </section>
  )
}

const COUNTS = [
  'read',
  'add',
  'update',
  'unchanged',
  'remove',
  'rejected',
  'duplicates',
  'warnings',
] as const

/** The report as tables: the counts, then the rejected rows, duplicates and warnings. */
function ImportReportView({ report }: { report: ImportReport }) {
  const m = useAdminT().admin.import
  const cut = (list: string) =>
    report.truncated.includes(list) && (
      <caption className="admin-hint">{m.truncated(report.listLimit)}</caption>
    )
  // A refused row and a warning are worded alike: where, then why in the reader's language.
  const reasonRow = (p: ImportReport['rejected'][number]) => [
    p.file,
    p.row,
    p.column ?? '—',
    m.reasons[p.code](p.params),
  ]
  return (
    <div className="admin-report">
      <table className="admin-counts">
        <tbody>
          {COUNTS.map((k) => (
            <tr key={k}>
              <th scope="row">{m.counts[k]}</th>
              <td>{report.counts[k].toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <RowsTable
        title={m.rejected}
        truncated={cut('rejected')}
        headers={[m.file_, m.row, m.column, m.reason]}
        rows={report.rejected.map(reasonRow)}
      />
      <RowsTable
        title={m.duplicates}
        truncated={cut('duplicates')}
        headers={[m.reason, m.first, m.second]}
        rows={report.duplicates.map((d) => [
          m.duplicateReasons[d.reason](d.distanceM),
          refText(d.first),
          refText(d.second),
        ])}
      />
      <RowsTable
        title={m.warnings}
        truncated={cut('warnings')}
        headers={[m.file_, m.row, m.column, m.reason]}
        rows={report.warnings.map(reasonRow)}
      />
    </div>
  )
}

const refText = (r: { file: string | null; row: number | null; name: string }) =>
  r.row === null ? r.name : `${r.name} (${r.file ?? ''}:${r.row})`

/** One list of the report under its heading, when it has rows. */
function RowsTable(props: {
  title: string
  truncated: ReactNode
  headers: readonly string[]
  rows: readonly (readonly (string | number)[])[]
}) {
  if (props.rows.length === 0) return null
  return (
    <>
      <h3>{props.title}</h3>
      <table className="admin-rows" aria-label={props.title}>
        {props.truncated}
        <thead>
          <tr>
            {props.headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((c, j) => (
                <td key={j}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
