import { useEffect, useState } from 'react'
import { Download, MapPinPlus, X } from 'lucide-react'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { HoursChange, ScenarioAnswer } from '../../server/domain/coverage-scenario.ts'
import type { ScenarioStation } from '../api/planner-client.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import { ErrorNote } from '../ui/status.tsx'
import type { Computation } from './county-detail.tsx'
import { formatKm2, formatNumber, formatPct } from './metric-format.ts'
import { Pending } from './pending.tsx'
import { StationEditor } from './scenario-station.tsx'

/** "+3.2", "−0.4", "±0.0": a difference reads as one at a glance. */
function signed(v: number, decimals: number, locale: string): string {
  const s = formatNumber(Math.abs(v), decimals, locale)
  if (Number(Math.abs(v).toFixed(decimals)) === 0) return `±${s}`
  return `${v > 0 ? '+' : '−'}${s}`
}

export interface ScenarioPanelProps {
  sites: LonLat[]
  removed: string[]
  hours: HoursChange[]
  max: number
  /** The answer for the scenario as it was a moment ago (edits are debounced). */
  answer: Computation<ScenarioAnswer>
  /** The scenario changed since the answer was asked for. */
  stale: boolean
  /** The county's active stations by id, once loaded. */
  stations: ReadonlyMap<string, ScenarioStation>
  /** The station tapped on the map, or null. */
  picked: ScenarioStation | null
  /** Figures are for a time of day, so hours matter. */
  timed: boolean
  adding: boolean
  onAdding: (adding: boolean) => void
  onRemoveSite: (index: number) => void
  onPick: (id: string | null) => void
  /** Takes a station out of the scenario, or puts it back. */
  onRemoved: (id: string, removed: boolean) => void
  /** Gives a station other hours, or (null) its registered ones. */
  onHours: (id: string, openingHours: string | null) => void
  onClear: () => void
  onExport: (answer: ScenarioAnswer) => void
}

/**
 * A county's what-if: the proposed sites, the stations taken out or given other hours, and the
 * figures now → in the scenario (± the change). While a newer answer computes (a site being
 * dragged) the last one stays, dimmed.
 */
export function ScenarioPanel(props: ScenarioPanelProps) {
  const { sites, removed, hours, max, answer, stale, stations, picked, adding } = props
  const t = usePlannerT()
  const s = t.planner.scenario
  const l = t.lang
  const full = sites.length >= max
  const any = sites.length + removed.length + hours.length > 0
  const [last, setLast] = useState<ScenarioAnswer | null>(null)
  const answered = answer.status === 'ok' ? answer.data : null
  useEffect(() => {
    if (answered) setLast(answered)
  }, [answered])
  const current = !stale && answered !== null
  const shown = any ? (current ? answered : last) : null
  const name = (id: string) => stations.get(id)?.name ?? id
  return (
    <section className="scenario" aria-labelledby="scenario-title">
      <h3 id="scenario-title">{s.title}</h3>
      <p className="muted small">
        {s.hint} {s.stationHint}
      </p>
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
        {any && (
          <button type="button" className="btn btn-small" onClick={props.onClear}>
            {s.clear}
          </button>
        )}
        {any && (
          <button
            type="button"
            className="btn btn-small"
            disabled={!current}
            onClick={() => answered && props.onExport(answered)}
          >
            <Download aria-hidden size={16} /> {s.export}
          </button>
        )}
      </div>
      {full && <p className="muted small">{s.full(max)}</p>}
      {picked && (
        <StationEditor
          key={picked.id}
          station={picked}
          removed={removed.includes(picked.id)}
          hours={hours.find((h) => h.id === picked.id)?.openingHours ?? null}
          timed={props.timed}
          onRemoved={(r) => props.onRemoved(picked.id, r)}
          onHours={(h) => props.onHours(picked.id, h)}
          onClose={() => props.onPick(null)}
        />
      )}
      {sites.length > 0 && (
        <ol className="scenario-sites">
          {sites.map((site, i) => (
            <li key={i} data-site={i + 1}>
              <span className="proposed-dot">{i + 1}</span>
              <span className="muted small">
                {site[0].toFixed(4)}, {site[1].toFixed(4)}
              </span>
              {current && answered?.sites[i] && (
                <span className="small" data-col="addedCoverageKm2">
                  {t.planner.county.added} {formatNumber(answered.sites[i].addedCoverageKm2, 2, l)}
                </span>
              )}
              <button
                type="button"
                className="btn btn-small"
                aria-label={s.remove(i + 1)}
                onClick={() => props.onRemoveSite(i)}
              >
                <X aria-hidden size={14} />
              </button>
            </li>
          ))}
        </ol>
      )}
      {removed.length > 0 && (
        <ChangeList title={s.removedList} kind="removed">
          {removed.map((id) => (
            <ChangeItem
              key={id}
              id={id}
              name={name(id)}
              onPick={props.onPick}
              onRestore={() => props.onRemoved(id, false)}
            />
          ))}
        </ChangeList>
      )}
      {hours.length > 0 && (
        <ChangeList title={s.hoursList} kind="hours">
          {hours.map((h) => (
            <ChangeItem
              key={h.id}
              id={h.id}
              name={name(h.id)}
              detail={h.openingHours}
              onPick={props.onPick}
              onRestore={() => props.onHours(h.id, null)}
            />
          ))}
        </ChangeList>
      )}
      {any && (stale || answer.status === 'loading') && <Pending req={answer}>{s.loading}</Pending>}
      {!stale && answer.status === 'error' && (
        <ErrorNote retry={answer.retry} retryLabel={t.planner.retry}>
          {s.error} {answer.error.message}
        </ErrorNote>
      )}
      {shown && (
        <div className={current ? undefined : 'stale'}>
          <ScenarioFigures answer={shown} />
        </div>
      )}
    </section>
  )
}

function ChangeList(props: { title: string; kind: string; children: React.ReactNode }) {
  return (
    <>
      <h4 className="scenario-list-title">{props.title}</h4>
      <ul className="scenario-changes" data-kind={props.kind}>
        {props.children}
      </ul>
    </>
  )
}

function ChangeItem(props: {
  id: string
  name: string
  detail?: string
  onPick: (id: string) => void
  onRestore: () => void
}) {
  const s = usePlannerT().planner.scenario
  return (
    <li data-station={props.id}>
      <button type="button" className="link-button" onClick={() => props.onPick(props.id)}>
        {props.name}
      </button>
      {props.detail && <code className="small">{props.detail}</code>}
      <button
        type="button"
        className="btn btn-small"
        aria-label={s.restore(props.name)}
        onClick={props.onRestore}
      >
        <X aria-hidden size={14} />
      </button>
    </li>
  )
}

/** The county's figures now, in the scenario, and the change: on screen and in print. */
export function ScenarioFigures({ answer }: { answer: ScenarioAnswer }) {
  const t = usePlannerT()
  const s = t.planner.scenario
  const l = t.lang
  const { live, scenario, difference } = answer
  return (
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
          now={formatPct(live.coveredPct, l)}
          scenario={formatPct(scenario.coveredPct, l)}
          change={s.pp(signed(difference.coveredPp, 1, l))}
        />
        <FigureRow
          figure="coveredKm2"
          label={`${t.planner.county.covered} km²`}
          now={formatKm2(live.coveredKm2, l)}
          scenario={formatKm2(scenario.coveredKm2, l)}
          change={signed(difference.coveredKm2, 1, l)}
        />
        {difference.populationCoveredPp !== null && (
          <FigureRow
            figure="populationCoveredPct"
            label={t.planner.table.populationCoveredPct}
            now={formatPct(live.populationCoveredPct!, l)}
            scenario={formatPct(scenario.populationCoveredPct!, l)}
            change={s.pp(signed(difference.populationCoveredPp, 1, l))}
          />
        )}
        <FigureRow
          figure="count"
          label={s.stations}
          now={formatNumber(live.count, 0, l)}
          scenario={formatNumber(scenario.count, 0, l)}
          change={signed(difference.count, 0, l)}
        />
      </tbody>
    </table>
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
