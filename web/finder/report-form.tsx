import { useState } from 'react'
import { CircleCheck, Send } from 'lucide-react'
import type { FormEvent } from 'react'
import type { Report } from '../../server/domain/report.ts'
import { AMENITIES, REPORT_TYPES } from '../../server/domain/vocabularies.ts'
import type { Amenity, ReportType } from '../../server/domain/vocabularies.ts'
import { ApiError } from '../api/client.ts'
import { postReport } from '../api/report-client.ts'
import type { StationWithHours } from '../api/client.ts'
import { useT } from '../i18n/i18n.ts'
import { enReport } from '../i18n/en-report.ts'
import { zhCNReport } from '../i18n/zh-CN-report.ts'

/** The API's limit on a note (server/domain/report.ts), repeated to keep zod out of this chunk. */
const NOTE_MAX = 200

type Sending =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'sent'; report: Report }
  | { status: 'error'; message: string }

export interface ReportFormProps {
  station: StationWithHours
  /** After the server stored a report: the card fetches the station's new trust signal. */
  onReported: () => void
  onCancel: () => void
}

/** A worker's check-in or report on a station; loaded only when asked for. */
export function ReportForm({ station, onReported, onCancel }: ReportFormProps) {
  const t = useT()
  const r = t.lang === 'en' ? enReport : zhCNReport
  const [type, setType] = useState<ReportType | null>(null)
  const [amenity, setAmenity] = useState<Amenity | ''>('')
  const [note, setNote] = useState('')
  const [sending, setSending] = useState<Sending>({ status: 'idle' })
  // A missing amenity is most likely one the station lists; any, when it lists none.
  const amenities = station.amenities.length > 0 ? station.amenities : AMENITIES

  if (sending.status === 'sent') {
    const { report } = sending
    return (
      <div className="report-receipt" role="status">
        <p>
          <CircleCheck aria-hidden size={18} /> <strong>{r.thanks}</strong>
        </p>
        <p>
          {r.yours(r.types[report.type])}
          {report.amenity && ` · ${t.amenities[report.amenity]}`}
        </p>
        {/* The note as the server stored it, as text: React escapes it. */}
        {report.note && <p className="report-note">{report.note}</p>}
      </div>
    )
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (type === null) return
    setSending({ status: 'sending' })
    const text = note.trim()
    postReport(station.id, {
      type,
      ...(type === 'amenity_missing' && amenity !== '' ? { amenity } : {}),
      ...(text !== '' ? { note: text } : {}),
    }).then(
      (report) => {
        setSending({ status: 'sent', report })
        onReported()
      },
      (err: unknown) =>
        setSending({
          status: 'error',
          message:
            err instanceof ApiError && err.status === 429 && err.retryAfterS !== null
              ? r.tooMany(err.retryAfterS)
              : r.failed,
        }),
    )
  }

  return (
    <form className="report-form" onSubmit={submit}>
      <fieldset>
        <legend>{r.title}</legend>
        <div className="report-types">
          {REPORT_TYPES.map((k) => (
            <label key={k} className={`report-type report-type-${k}`}>
              <input
                type="radio"
                name="report-type"
                value={k}
                checked={type === k}
                onChange={() => setType(k)}
              />
              {r.types[k]}
            </label>
          ))}
        </div>
      </fieldset>
      {type === 'amenity_missing' && (
        <label className="report-field">
          {r.amenity}
          <select required value={amenity} onChange={(e) => setAmenity(e.target.value as Amenity)}>
            <option value="" disabled>
              —
            </option>
            {amenities.map((a) => (
              <option key={a} value={a}>
                {t.amenities[a]}
              </option>
            ))}
          </select>
        </label>
      )}
      {type !== null && (
        <label className="report-field">
          {type === 'other' ? r.noteRequired : r.note}
          <textarea
            rows={2}
            maxLength={NOTE_MAX}
            required={type === 'other'}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <span className="muted small">{r.chars(note.length, NOTE_MAX)}</span>
        </label>
      )}
      {sending.status === 'error' && (
        <p className="report-error" role="alert">
          {sending.message}
        </p>
      )}
      <div className="report-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={type === null || sending.status === 'sending'}
        >
          <Send aria-hidden size={16} /> {sending.status === 'sending' ? r.sending : r.send}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {r.cancel}
        </button>
      </div>
    </form>
  )
}
