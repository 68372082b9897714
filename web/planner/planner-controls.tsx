import { useEffect, useState } from 'react'
import { Download, Printer } from 'lucide-react'
import {
  COVERAGE_LAYERS,
  COVERAGE_MAX_RADIUS_M,
  COVERAGE_MIN_RADIUS_M,
  EBIKE_RADIUS_M,
  WALK_RADIUS_M,
} from '../../server/domain/coverage.ts'
import type { CoverageLayer } from '../../server/domain/coverage.ts'
import { coverageExportUrl } from '../api/planner-client.ts'
import type { CoverageParams } from '../api/planner-client.ts'
import { usePlannerT } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'
import { DAY_TYPES, DEFAULT_HOUR, HOURS } from './coverage-time.ts'
import type { CoverageTime } from './coverage-time.ts'
import { METRICS, validRadius } from './planner-state.ts'
import type { Metric, PlannerState } from './planner-state.ts'

export interface PlannerControlsProps {
  radiusM: number
  layer: CoverageLayer
  time: CoverageTime | null
  metric: Metric
  /** The figures the exports carry (radius, layer and time). */
  params: CoverageParams
  lang: Lang
  onChange: (patch: Partial<PlannerState>) => void
  onPrint: () => void
}

/** Radius (two named circles or a custom value), facility layer, time of day, metric, exports, print. */
export function PlannerControls({
  radiusM,
  layer,
  time,
  metric,
  params,
  lang,
  onChange,
  onPrint,
}: PlannerControlsProps) {
  const t = usePlannerT()
  const p = t.planner
  const named = radiusM === WALK_RADIUS_M || radiusM === EBIKE_RADIUS_M
  const [custom, setCustom] = useState(!named)
  const [draft, setDraft] = useState(String(radiusM))
  useEffect(() => setDraft(String(radiusM)), [radiusM])
  const draftValue = Number(draft)
  const draftOk = /^\d+$/.test(draft.trim()) && validRadius(draftValue)
  const apply = () => {
    if (draftOk && draftValue !== radiusM) onChange({ radiusM: draftValue })
  }

  return (
    <div className="planner-controls" role="group" aria-label={p.controls}>
      <fieldset className="control">
        <legend>{p.radius}</legend>
        <div className="segmented">
          <button
            type="button"
            aria-pressed={!custom && radiusM === WALK_RADIUS_M}
            onClick={() => (setCustom(false), onChange({ radiusM: WALK_RADIUS_M }))}
          >
            {p.walk} <span className="muted">{p.metres(WALK_RADIUS_M)}</span>
          </button>
          <button
            type="button"
            aria-pressed={!custom && radiusM === EBIKE_RADIUS_M}
            onClick={() => (setCustom(false), onChange({ radiusM: EBIKE_RADIUS_M }))}
          >
            {p.ebike} <span className="muted">{p.metres(EBIKE_RADIUS_M)}</span>
          </button>
          <button type="button" aria-pressed={custom} onClick={() => setCustom(true)}>
            {p.custom}
          </button>
        </div>
        {custom && (
          <form
            className="custom-radius"
            onSubmit={(e) => {
              e.preventDefault()
              apply()
            }}
          >
            <label>
              <span className="sr-only">{p.customLabel}</span>
              <input
                type="number"
                inputMode="numeric"
                min={COVERAGE_MIN_RADIUS_M}
                max={COVERAGE_MAX_RADIUS_M}
                step={50}
                value={draft}
                aria-invalid={!draftOk}
                aria-label={p.customLabel}
                onChange={(e) => setDraft(e.target.value)}
                onBlur={apply}
              />
              <span aria-hidden>m</span>
            </label>
            <button type="submit" className="btn btn-small" disabled={!draftOk}>
              {p.apply}
            </button>
            {!draftOk && (
              <span className="field-error" role="alert">
                {p.customInvalid(COVERAGE_MIN_RADIUS_M, COVERAGE_MAX_RADIUS_M)}
              </span>
            )}
          </form>
        )}
      </fieldset>
      <fieldset className="control">
        <legend>{p.layer}</legend>
        <div className="segmented">
          {COVERAGE_LAYERS.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={layer === l}
              onClick={() => onChange({ layer: l })}
            >
              {p.layers[l]}
            </button>
          ))}
        </div>
      </fieldset>
      <fieldset className="control">
        <legend>{p.time.label}</legend>
        <div className="time-choice">
          <div className="segmented">
            <button
              type="button"
              aria-pressed={time === null}
              onClick={() => onChange({ time: null })}
            >
              {p.time.any}
            </button>
            {DAY_TYPES.map((day) => (
              <button
                key={day}
                type="button"
                aria-pressed={time?.day === day}
                onClick={() => onChange({ time: { day, time: time?.time ?? DEFAULT_HOUR } })}
              >
                {p.time[day]}
              </button>
            ))}
          </div>
          {time && (
            <label className="time-hour">
              <span className="sr-only">{p.time.hour}</span>
              <select
                aria-label={p.time.hour}
                value={time.time}
                onChange={(e) => onChange({ time: { day: time.day, time: e.target.value } })}
              >
                {/* A link may carry a time between the hours: keep it selectable. */}
                {(HOURS.includes(time.time) ? HOURS : [...HOURS, time.time].sort()).map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      </fieldset>
      <label className="control control-select">
        <span className="control-label">{p.metric}</span>
        <select value={metric} onChange={(e) => onChange({ metric: e.target.value as Metric })}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {p.metrics[m]}
            </option>
          ))}
        </select>
      </label>
      <div className="control control-actions">
        <span className="control-label">{p.export}</span>
        <div className="actions">
          <a
            className="btn btn-small"
            href={coverageExportUrl('csv', params, lang)}
            download
            data-export="csv"
          >
            <Download aria-hidden size={16} /> {p.exportCsv}
          </a>
          <a
            className="btn btn-small"
            href={coverageExportUrl('geojson', params, lang)}
            download
            data-export="geojson"
          >
            <Download aria-hidden size={16} /> {p.exportGeojson}
          </a>
          <button type="button" className="btn btn-small" onClick={onPrint}>
            <Printer aria-hidden size={16} /> {p.printReport}
          </button>
        </div>
      </div>
    </div>
  )
}
