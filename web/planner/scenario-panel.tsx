import { MapPinPlus, X } from 'lucide-react'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { ErrorNote } from '../ui/status.tsx'
import type { Computation } from './county-detail.tsx'
import { formatKm2, formatNumber, formatPct } from './metric-format.ts'
import { Pending } from './pending.tsx'

/** "+3.2", "−0.4", "±0.0": a difference reads as one at a glance. */
function signed(v: number, decimals: number, locale: string): string {
  const s = formatNumber(Math.abs(v), decimals, locale)
  if (Number(Math.abs(v).toFixed(decimals)) === 0) return `±${s}`
  return `${v > 0 ? '+' : '−'}${s}`
}

export interface ScenarioPanelProps {
  sites: LonLat[]
  max: number
  /** The answer for the sites as they were a moment ago (edits are debounced). */
  answer: Computation<ScenarioAnswer>
  /** The sites changed since the answer was asked for. */
  stale: boolean
  adding: boolean
  onAdding: (adding: boolean) => void
  onRemove: (index: number) => void
  onClear: () => void
}

/** A county's what-if: the proposed sites, and its figures now → with them (± the change). */
export function ScenarioPanel(props: ScenarioPanelProps) {
  const { sites, max, answer, stale, adding } = props
  const t = usePlannerT()
  const s = t.planner.scenario
  const l = t.lang
  const full = sites.length >= max
  const fresh = !stale && answer.status === 'ok' ? answer.data : null
  return (
    <section className="scenario" aria-labelledby="scenario-title">
      <h3 id="scenario-title">{s.title}</h3>
      <p className="muted small">{s.hint}</p>
      <div className="scenario-actions">
        <button
          type="button"
          className="btn btn-small"
          aria-pressed={adding && !full}
          disabled={full}
          onClick={() => props.onAdding(!adding)}
        >
          <MapPinPlus aria-hidden size={16} /> {s.add}
        </button>
        {sites.length > 0 && (
          <button type="button" className="btn btn-small" onClick={props.onClear}>
            {s.clear}
          </button>
        )}
      </div>
      {full && <p className="muted small">{s.full(max)}</p>}
      {sites.length > 0 && (
        <ol className="scenario-sites">
          {sites.map((site, i) => (
            <li key={`${site.join(',')}:${i}`} data-site={i + 1}>
              <span className="proposed-dot">{i + 1}</span>
              <span className="muted small">
                {site[0].toFixed(4)}, {site[1].toFixed(4)}
              </span>
              {fresh?.sites[i] && (
                <span className="small" data-col="addedCoverageKm2">
                  {t.planner.county.added} {formatNumber(fresh.sites[i].addedCoverageKm2, 2, l)}
                </span>
              )}
              <button
                type="button"
                className="btn btn-small"
                aria-label={s.remove(i + 1)}
                onClick={() => props.onRemove(i)}
              >
                <X aria-hidden size={14} />
              </button>
            </li>
          ))}
        </ol>
      )}
      {sites.length > 0 && (stale || answer.status === 'loading') && (
        <Pending req={answer}>{s.loading}</Pending>
      )}
      {!stale && answer.status === 'error' && (
        <ErrorNote retry={answer.retry} retryLabel={t.planner.retry}>
          {s.error} {answer.error.message}
        </ErrorNote>
      )}
      {fresh && (
        <table className="scenario-figures">
          <thead>
            <tr>
              <td />
              <th scope="col" className="num">
                {s.now}
              </th>
              <th scope="col" className="num">
                {s.scenario}
              </th>
              <th scope="col" className="num">
                {s.change}
              </th>
            </tr>
          </thead>
          <tbody>
            <FigureRow
              figure="coveredPct"
              label={t.planner.metrics.coveredPct}
              now={formatPct(fresh.live.coveredPct, l)}
              scenario={formatPct(fresh.scenario.coveredPct, l)}
              change={s.pp(signed(fresh.difference.coveredPp, 1, l))}
            />
            <FigureRow
              figure="coveredKm2"
              label={`${t.planner.county.covered} km²`}
              now={formatKm2(fresh.live.coveredKm2, l)}
              scenario={formatKm2(fresh.scenario.coveredKm2, l)}
              change={signed(fresh.difference.coveredKm2, 1, l)}
            />
          </tbody>
        </table>
      )}
    </section>
  )
}

/** One figure now, in the scenario, and the change between them. */
function FigureRow(props: {
  figure: string
  label: string
  now: string
  scenario: string
  change: string
}) {
  return (
    <tr data-figure={props.figure}>
      <th scope="row">{props.label}</th>
      <td className="num" data-col="now">
        {props.now}
      </td>
      <td className="num" data-col="scenario">
        {props.scenario}
      </td>
      <td className="num" data-col="change">
        {props.change}
      </td>
    </tr>
  )
}
