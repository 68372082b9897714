import { useState } from 'react'
import { X } from 'lucide-react'
import { HoursChangeSchema } from '../../server/domain/coverage-scenario.ts'
import type { ScenarioStation } from '../api/planner-client.ts'
import { usePlannerT } from '../i18n/i18n.ts'

/** Hours a planner most often tries: round the clock, a long day, office hours. */
export const HOURS_PRESETS = ['24/7', 'Mo-Su 06:00-22:00', 'Mo-Fr 08:00-18:00'] as const

const hoursValid = (value: string) =>
  HoursChangeSchema.shape.openingHours.safeParse(value.trim()).success

export interface StationEditorProps {
  station: ScenarioStation
  removed: boolean
  /** The hours the scenario gives it; null: as registered. */
  hours: string | null
  timed: boolean
  onRemoved: (removed: boolean) => void
  onHours: (openingHours: string | null) => void
  onClose: () => void
}

/** A station tapped on the map: take it out of the scenario, or give it other hours. */
export function StationEditor(props: StationEditorProps) {
  const { station, removed, hours } = props
  const s = usePlannerT().planner.scenario
  const custom = hours !== null && !(HOURS_PRESETS as readonly string[]).includes(hours)
  const [text, setText] = useState(custom ? hours : '')
  const [bad, setBad] = useState(false)
  const apply = () => {
    const ok = hoursValid(text)
    setBad(!ok)
    if (ok) props.onHours(text.trim())
  }
  return (
    <div className="scenario-station" data-station={station.id} data-removed={removed}>
      <div className="scenario-station-head">
        <strong>{station.name}</strong>
        <button
          type="button"
          className="btn btn-small"
          aria-label={s.close}
          onClick={props.onClose}
        >
          <X aria-hidden size={14} />
        </button>
      </div>
      <p className="muted small">{s.registered(station.openingHours)}</p>
      <button type="button" className="btn btn-small" onClick={() => props.onRemoved(!removed)}>
        {removed ? s.restoreStation : s.removeStation}
      </button>
      {!removed && (
        <fieldset className="scenario-hours">
          <legend className="small">{s.hoursTitle}</legend>
          <div className="scenario-actions">
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={hours === null}
              onClick={() => props.onHours(null)}
            >
              {s.asRegistered}
            </button>
            {HOURS_PRESETS.map((h) => (
              <button
                key={h}
                type="button"
                className="btn btn-small"
                aria-pressed={hours === h}
                data-hours={h}
                onClick={() => props.onHours(h)}
              >
                {s.presets[h]}
              </button>
            ))}
          </div>
          <form
            className="scenario-hours-text"
            onSubmit={(e) => {
              e.preventDefault()
              apply()
            }}
          >
            <label className="small">
              {s.customHours}
              <input
                type="text"
                value={text}
                placeholder="Mo-Sa 07:00-21:00"
                aria-invalid={bad}
                onChange={(e) => {
                  setText(e.target.value)
                  setBad(false)
                }}
              />
            </label>
            <button type="submit" className="btn btn-small">
              {s.apply}
            </button>
          </form>
          {bad && (
            <p className="error small" role="alert">
              {s.badHours}
            </p>
          )}
          {!props.timed && <p className="muted small">{s.hoursUntimed}</p>}
        </fieldset>
      )}
    </div>
  )
}
