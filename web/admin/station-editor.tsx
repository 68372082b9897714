import { useState } from 'react'
import type { ReactNode } from 'react'
import { StationCreateSchema, StationPatchSchema } from '../../server/domain/edits.ts'
import type { StationCreate } from '../../server/domain/edits.ts'
import type { Station } from '../../server/domain/station.ts'
import {
  ACCESS_METHODS,
  AMENITIES,
  STATION_HOSTS,
  STATION_KINDS,
  STATION_STATUSES,
  STATION_TIERS,
} from '../../server/domain/vocabularies.ts'
import type { AccessMethod } from '../../server/domain/vocabularies.ts'
import { trustMessages } from '../ui/trust-text.ts'
import {
  closeStation,
  createStation,
  fetchStation,
  patchStation,
  ProblemError,
} from '../api/admin-client.ts'
import type { Tagged } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { EditMap } from './edit-map.tsx'
import { HoursHelper } from './hours-helper.tsx'
import { RecordHistory } from './record-history.tsx'
import { problemErrors, schemaErrors } from './field-errors.ts'
import type { FieldErrors } from './field-errors.ts'

/** The form's fields: the editable part of a station, text fields as typed ('' for none). */
type Draft = Omit<
  StationCreate,
  'openingHours' | 'phone' | 'verifiedOn' | 'hostName' | 'hoursText' | 'access' | 'accessNote'
> & {
  openingHours: string
  phone: string
  verifiedOn: string
  hostName: string
  hoursText: string | null
  /** '' when unknown. */
  access: AccessMethod | ''
  accessNote: string
}

const draftOf = (s: Station): Draft => ({
  name: s.name,
  kind: s.kind,
  tier: s.tier,
  host: s.host,
  address: s.address,
  lon: s.lon,
  lat: s.lat,
  amenities: s.amenities,
  openingHours: s.openingHours ?? '',
  phone: s.phone ?? '',
  status: s.status,
  verifiedOn: s.verifiedOn ?? '',
  hostName: s.hostName ?? '',
  hoursText: s.hoursText,
  access: s.access ?? '',
  accessNote: s.accessNote ?? '',
})

/** What a new station starts as, at `at`. */
export const newDraft = (at: readonly [number, number]): Draft => ({
  name: '',
  kind: 'outdoor_worker_station',
  tier: 'point',
  host: 'community_centre',
  address: '',
  lon: at[0],
  lat: at[1],
  amenities: [],
  openingHours: '',
  phone: '',
  status: 'active',
  verifiedOn: '',
  hostName: '',
  hoursText: null,
  access: '',
  accessNote: '',
})

const orNull = (s: string) => (s.trim() === '' ? null : s)

/** The body the API takes: empty text fields as null. */
const bodyOf = (d: Draft): StationCreate => ({
  ...d,
  openingHours: orNull(d.openingHours),
  phone: orNull(d.phone),
  verifiedOn: orNull(d.verifiedOn),
  hostName: orNull(d.hostName),
  access: d.access === '' ? null : d.access,
  accessNote: orNull(d.accessNote),
})

/** The fields of `next` that differ from `current`. */
function changes(current: StationCreate, next: StationCreate): Partial<StationCreate> {
  return Object.fromEntries(
    Object.entries(next).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(current[k as keyof StationCreate]),
    ),
  )
}

type Notice = { kind: 'ok' | 'stale' | 'error'; text: string } | null

export interface StationEditorProps {
  /** The record as read (with its ETag), or a new station's first draft. */
  start: Tagged<Station> | Draft
  onSignedOut: () => void
}

/**
 * One station's form: validated with the shared schemas before it is sent, the API's refusal
 * shown by field; its marker on a map to drag; close and reopen; its history with undo.
 */
export function StationEditor({ start, onSignedOut }: StationEditorProps) {
  const t = useAdminT()
  const a = t.admin.editor
  const [record, setRecord] = useState<Tagged<Station> | null>('etag' in start ? start : null)
  const [draft, setDraft] = useState<Draft>('etag' in start ? draftOf(start.value) : start)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<Notice>(null)
  const [busy, setBusy] = useState(false)
  const [historyKey, setHistoryKey] = useState(0)

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors(({ [key]: _, ...rest }) => rest)
  }

  const settle = (next: Tagged<Station>, text: string | null) => {
    setRecord(next)
    setDraft(draftOf(next.value))
    setErrors({})
    setNotice(text === null ? null : { kind: 'ok', text })
    setHistoryKey((k) => k + 1)
  }

  const refused = (err: unknown) => {
    if (!(err instanceof ProblemError)) {
      setNotice({ kind: 'error', text: String(err) })
      return
    }
    switch (err.status) {
      case 400:
        setErrors(problemErrors(err))
        setNotice({ kind: 'error', text: a.refused(400, err.message) })
        return
      case 401:
        onSignedOut()
        return
      case 403:
        setNotice({ kind: 'error', text: a.forbidden(err.message) })
        return
      case 412:
        setNotice({ kind: 'stale', text: a.stale })
        return
      default:
        setNotice({ kind: 'error', text: a.refused(err.status, err.message) })
    }
  }

  const act = async (run: () => Promise<void>) => {
    setBusy(true)
    setNotice(null)
    try {
      await run()
    } catch (err) {
      refused(err)
    } finally {
      setBusy(false)
    }
  }

  const save = () => {
    const body = bodyOf(draft)
    if (record === null) {
      const checked = StationCreateSchema.safeParse(body)
      if (!checked.success) return setErrors(schemaErrors(checked.error))
      return act(async () => settle(await createStation(checked.data), a.saved))
    }
    const patch = changes(bodyOf(draftOf(record.value)), body)
    const checked = StationPatchSchema.safeParse(patch)
    if (!checked.success) return setErrors(schemaErrors(checked.error))
    return act(async () =>
      settle(await patchStation(record.value.id, checked.data, record.etag), a.saved),
    )
  }

  const reload = (id: string) => act(async () => settle(await fetchStation(id), null))

  const field = (key: keyof Draft & keyof typeof a.fields, input: ReactNode) => (
    <div className="admin-field">
      <label htmlFor={`f-${key}`}>{a.fields[key]}</label>
      {input}
      {errors[key] !== undefined && (
        <p className="admin-field-error" role="alert" id={`f-${key}-error`}>
          {errors[key]}
        </p>
      )}
    </div>
  )
  const text = (key: 'name' | 'address' | 'phone' | 'hostName' | 'accessNote', type = 'text') =>
    field(
      key,
      <input
        id={`f-${key}`}
        name={key}
        type={type}
        value={draft[key]}
        aria-invalid={errors[key] !== undefined}
        onChange={(e) => set(key, e.target.value)}
      />,
    )
  const choice = <K extends 'kind' | 'tier' | 'host' | 'status' | 'access'>(
    key: K,
    options: readonly Draft[K][],
    label: (o: Draft[K]) => string,
  ) =>
    field(
      key,
      <select
        id={`f-${key}`}
        name={key}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value as Draft[K])}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>,
    )

  return (
    <section className="admin-editor" aria-labelledby="admin-editor-heading">
      <h2 id="admin-editor-heading">
        {record === null ? a.newHeading : `${a.heading} · ${record.value.name}`}
      </h2>
      {record !== null && (
        <p className="admin-county">
          {a.county(record.value.adcode)} · <code>{record.value.id}</code>
        </p>
      )}
      <div className="admin-editor-grid">
        <form
          className="admin-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          {text('name')}
          {text('address')}
          {choice('kind', STATION_KINDS, (o) => t.kinds[o])}
          {choice('tier', STATION_TIERS, (o) => t.tiers[o])}
          {choice('host', STATION_HOSTS, (o) => t.hosts[o])}
          {text('hostName')}
          {text('phone', 'tel')}
          {choice('access', ['', ...ACCESS_METHODS], (o) =>
            o === '' ? a.unknownAccess : trustMessages(t).access[o],
          )}
          {text('accessNote')}
          {choice('status', STATION_STATUSES, (o) => t.status[o === 'active' ? 'open' : o])}
          {field(
            'verifiedOn',
            <input
              id="f-verifiedOn"
              name="verifiedOn"
              type="date"
              value={draft.verifiedOn}
              onChange={(e) => set('verifiedOn', e.target.value)}
            />,
          )}
          <fieldset className="admin-amenities">
            <legend>{a.fields.amenities}</legend>
            {AMENITIES.map((am) => (
              <label key={am}>
                <input
                  type="checkbox"
                  checked={draft.amenities.includes(am)}
                  onChange={(e) =>
                    set(
                      'amenities',
                      e.target.checked
                        ? AMENITIES.filter((x) => x === am || draft.amenities.includes(x))
                        : draft.amenities.filter((x) => x !== am),
                    )
                  }
                />
                {t.amenities[am]}
              </label>
            ))}
          </fieldset>
          <HoursHelper
            value={draft.openingHours}
            onChange={(v) => set('openingHours', v)}
            error={errors.openingHours}
          />
          {errors.body !== undefined && (
            <p className="admin-field-error" role="alert">
              {errors.body}
            </p>
          )}
          {notice !== null && (
            <div className={`admin-notice admin-notice-${notice.kind}`} role="status">
              {notice.text}
              {notice.kind === 'stale' && record !== null && (
                <button type="button" onClick={() => void reload(record.value.id)}>
                  {a.reload}
                </button>
              )}
            </div>
          )}
          <div className="admin-actions">
            <button type="submit" className="admin-primary" disabled={busy}>
              {record === null ? a.create : a.save}
            </button>
            {record !== null &&
              (record.value.status === 'closed' ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void act(async () =>
                      settle(
                        await patchStation(record.value.id, { status: 'active' }, record.etag),
                        a.saved,
                      ),
                    )
                  }
                >
                  {a.reopen}
                </button>
              ) : (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void act(async () =>
                      settle(await closeStation(record.value.id, record.etag), a.saved),
                    )
                  }
                >
                  {a.close}
                </button>
              ))}
          </div>
        </form>
        <div className="admin-side">
          <div className="admin-field">
            <span>{a.fields.position}</span>
            <EditMap
              lon={draft.lon}
              lat={draft.lat}
              label={draft.name}
              onMove={(lon, lat) => setDraft((d) => ({ ...d, lon, lat }))}
            />
            <p className="admin-hint">
              {a.dragHint} <code>{`${draft.lon.toFixed(6)}, ${draft.lat.toFixed(6)}`}</code>
            </p>
            {(errors.lon ?? errors.lat) !== undefined && (
              <p className="admin-field-error" role="alert">
                {errors.lon ?? errors.lat}
              </p>
            )}
          </div>
          {record !== null && (
            <RecordHistory
              key={`${record.value.id}:${historyKey}`}
              record={record}
              onUndone={() => reload(record.value.id)}
              onRefused={refused}
            />
          )}
        </div>
      </div>
    </section>
  )
}
