import type { CoverageLayer } from '../../server/domain/coverage.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import type { ColorScale, LegendClass } from './color-scale.ts'
import { NO_DATA_COLOR } from './color-scale.ts'
import { formatMetric } from './metric-format.ts'
import type { Metric } from './planner-state.ts'
import {
  CIRCLE_COLOR,
  GAINED_COLOR,
  GAP_COLOR,
  POINT_COLOR,
  PROPOSED_COLOR,
  SUGGESTION_COLOR,
} from './planner-layers.ts'
import { HOURS_COLOR, LOST_COLOR, REMOVED_COLOR } from './scenario-layers.ts'

/** A class's range as the legend prints it: "< 12.5", "12.5 – 40.0", "≥ 40.0". */
export function classRange(c: LegendClass, i: number, fmt: (v: number) => string): string {
  if (i === 0 && c.to !== null) return `< ${fmt(c.to)}`
  return c.to === null ? `≥ ${fmt(c.from)}` : `${fmt(c.from)} – ${fmt(c.to)}`
}

export interface LegendProps {
  metric: Metric
  scale: ColorScale | null
  /** Drilled into a county: explain the overlays too. */
  drilled: boolean
  radiusText: string
  layer: CoverageLayer
  /** A time of day is chosen: the drawn points include those closed then. */
  timed: boolean
  /** A scenario is drawn: its sites, the land it gains and loses, the stations it changes. */
  scenario: boolean
  /** The class the table is narrowed to, or null. */
  picked: number | null
  /** Clicking a class narrows the table to it; clicking it again lists all counties. */
  onPick: (cls: number | null) => void
}

export function Legend({
  metric,
  scale,
  drilled,
  radiusText,
  layer,
  timed,
  scenario,
  picked,
  onPick,
}: LegendProps) {
  const t = usePlannerT()
  const p = t.planner
  const fmt = (v: number) => formatMetric(metric, v, t.lang)
  return (
    <div className="legend" aria-label={p.legend.title}>
      {!drilled && <p className="legend-title">{p.metrics[metric]}</p>}
      {scale && !drilled && (
        <ul className="legend-classes" title={p.filter.hint}>
          {scale.classes.map((c, i) => (
            <li key={c.color}>
              <button
                type="button"
                className="legend-class"
                aria-pressed={picked === i}
                data-class={i}
                onClick={() => onPick(picked === i ? null : i)}
              >
                <span className="swatch" style={{ background: c.color }} aria-hidden />
                <span>{classRange(c, i, fmt)}</span>
                <span className="muted legend-count">{p.legend.counties(c.count)}</span>
              </button>
            </li>
          ))}
          {scale.noData > 0 && (
            <li>
              <span className="swatch" style={{ background: NO_DATA_COLOR }} aria-hidden />
              <span>{p.legend.noData}</span>
              <span className="muted legend-count">{p.legend.counties(scale.noData)}</span>
            </li>
          )}
        </ul>
      )}
      {scale && !drilled && (
        <p className="legend-method muted">{p.legend.quantile(scale.classes.length)}</p>
      )}
      {drilled && (
        <ul>
          <OverlayLegendItems
            radiusText={radiusText}
            layer={layer}
            timed={timed}
            scenario={scenario}
          />
        </ul>
      )}
    </div>
  )
}

/** What a county's map draws: on screen over (or under) the map, and beside it in print. */
export function OverlayLegendItems(
  props: Pick<LegendProps, 'radiusText' | 'layer' | 'timed' | 'scenario'>,
) {
  const { radiusText, layer, timed, scenario } = props
  const p = usePlannerT().planner
  return (
    <>
      <li>
        <span className="swatch" style={{ background: GAP_COLOR, opacity: 0.7 }} aria-hidden />{' '}
        {p.map.uncovered}
      </li>
      <li>
        <span className="swatch swatch-ring" style={{ borderColor: CIRCLE_COLOR }} aria-hidden />{' '}
        {p.map.circles(radiusText)}
      </li>
      <li>
        <span className="swatch swatch-dot" style={{ background: POINT_COLOR }} aria-hidden />{' '}
        {timed ? p.time.mapPoints(layer) : p.map.points(layer)}
      </li>
      <li>
        <span
          className="swatch swatch-dot swatch-big"
          style={{ background: SUGGESTION_COLOR }}
          aria-hidden
        />{' '}
        {p.map.suggested}
      </li>
      {scenario && (
        <>
          <li>
            <span
              className="swatch swatch-dot swatch-big"
              style={{ background: PROPOSED_COLOR }}
              aria-hidden
            />{' '}
            {p.scenario.proposed}
          </li>
          <li data-legend="gained">
            <span className="swatch" style={{ background: GAINED_COLOR }} aria-hidden />{' '}
            {p.scenario.gained}
          </li>
          <li data-legend="lost">
            <span className="swatch" style={{ background: LOST_COLOR }} aria-hidden />{' '}
            {p.scenario.lost}
          </li>
          <li data-legend="removed">
            <span
              className="swatch swatch-dot swatch-big swatch-cross"
              style={{ background: REMOVED_COLOR }}
              aria-hidden
            />{' '}
            {p.scenario.removedList}
          </li>
          <li data-legend="hours">
            <span
              className="swatch swatch-ring swatch-hours"
              style={{ borderColor: HOURS_COLOR }}
              aria-hidden
            />{' '}
            {p.scenario.hoursList}
          </li>
        </>
      )}
    </>
  )
}
