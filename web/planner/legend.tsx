import { useT } from '../i18n/i18n.ts'
import type { ColorScale } from './color-scale.ts'
import { NO_DATA_COLOR } from './color-scale.ts'
import { formatMetric } from './metric-format.ts'
import type { Metric } from './planner-state.ts'
import { CIRCLE_COLOR, GAP_COLOR, POINT_COLOR, SUGGESTION_COLOR } from './planner-layers.ts'

export interface LegendProps {
  metric: Metric
  scale: ColorScale | null
  /** Drilled into a county: explain the overlays too. */
  drilled: boolean
  radiusText: string
}

export function Legend({ metric, scale, drilled, radiusText }: LegendProps) {
  const t = useT()
  const p = t.planner
  const fmt = (v: number) => formatMetric(metric, v, t.lang)
  return (
    <div className="legend" aria-label={p.legend.title}>
      {!drilled && <p className="legend-title">{p.metrics[metric]}</p>}
      {scale && !drilled && (
        <ul className="legend-classes">
          {scale.classes.map((c, i) => (
            <li key={c.color}>
              <span className="swatch" style={{ background: c.color }} aria-hidden />
              <span>
                {i === 0 && c.to !== null
                  ? `< ${fmt(c.to)}`
                  : c.to === null
                    ? `≥ ${fmt(c.from)}`
                    : `${fmt(c.from)} – ${fmt(c.to)}`}
              </span>
              <span className="muted legend-count">{p.legend.counties(c.count)}</span>
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
          <li>
            <span className="swatch" style={{ background: GAP_COLOR, opacity: 0.7 }} aria-hidden />{' '}
            {p.map.uncovered}
          </li>
          <li>
            <span
              className="swatch swatch-ring"
              style={{ borderColor: CIRCLE_COLOR }}
              aria-hidden
            />{' '}
            {p.map.circles(radiusText)}
          </li>
          <li>
            <span className="swatch swatch-dot" style={{ background: POINT_COLOR }} aria-hidden />{' '}
            {p.map.points}
          </li>
          <li>
            <span
              className="swatch swatch-dot swatch-big"
              style={{ background: SUGGESTION_COLOR }}
              aria-hidden
            />{' '}
            {p.map.suggested}
          </li>
        </ul>
      )}
    </div>
  )
}
