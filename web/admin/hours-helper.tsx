import { useId, useState } from 'react'
import { useAdminT } from '../i18n/i18n.ts'
import { parseWeeklyHours, weeklyHoursString } from './hours-string.ts'
import type { WeeklyHours } from './hours-string.ts'

const DEFAULT: WeeklyHours = {
  days: [true, true, true, true, true, false, false],
  from: '08:00',
  to: '18:00',
}

/**
 * 24-hour times as typed (a time input would follow the browser's locale, AM/PM included);
 * the string they make is checked by the shared validator before it is saved.
 */
const TIME_INPUT = {
  type: 'text',
  inputMode: 'numeric',
  pattern: '([01][0-9]|2[0-4]):[0-5][0-9]',
  placeholder: '08:00',
  size: 5,
} as const

export interface HoursHelperProps {
  /** The field it writes (a station's openingHours, a class's schedule) and its heading. */
  name: string
  legend: string
  value: string
  onChange: (value: string) => void
  /** The shared validator's message for `value`, if it refuses it. */
  error: string | undefined
}

/**
 * Weekday boxes and a daily from/to (24 h) that write `opening_hours`, and the string itself
 * for anything the boxes cannot say (an expert edits it directly).
 */
export function HoursHelper({ name, legend, value, onChange, error }: HoursHelperProps) {
  const t = useAdminT().admin
  const id = useId()
  const [model, setModel] = useState<WeeklyHours>(() => parseWeeklyHours(value) ?? DEFAULT)
  const result = weeklyHoursString(model)
  return (
    <fieldset className="admin-hours">
      <legend>{legend}</legend>
      <div className="admin-days">
        {t.hours.days.map((day, i) => (
          <label key={day}>
            <input
              type="checkbox"
              checked={model.days[i]}
              onChange={(e) =>
                setModel({
                  ...model,
                  days: model.days.map((d, k) => (k === i ? e.target.checked : d)),
                })
              }
            />
            {day}
          </label>
        ))}
      </div>
      <div className="admin-times">
        <label>
          {t.hours.from}
          <input
            {...TIME_INPUT}
            value={model.from}
            onChange={(e) => setModel({ ...model, from: e.target.value })}
          />
        </label>
        <label>
          {t.hours.to}
          <input
            {...TIME_INPUT}
            value={model.to}
            onChange={(e) => setModel({ ...model, to: e.target.value })}
          />
        </label>
        <output>
          {t.hours.result}: <code>{result ?? '—'}</code>
        </output>
        <button type="button" disabled={result === null} onClick={() => onChange(result!)}>
          {t.hours.apply}
        </button>
      </div>
      <label htmlFor={id}>{t.hours.expert}</label>
      <input
        id={id}
        name={name}
        className="admin-hours-text"
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onChange={(e) => {
          onChange(e.target.value)
          const parsed = parseWeeklyHours(e.target.value)
          if (parsed !== null) setModel(parsed)
        }}
      />
      {error !== undefined && (
        <p id={`${id}-error`} className="admin-field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
