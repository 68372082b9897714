import { useState } from 'react'
import type { EditLayer } from '../../server/domain/edits.ts'
import {
  createRecord,
  deleteRecord,
  fetchRecord,
  patchRecord,
  ProblemError,
} from '../api/admin-client.ts'
import type { EditRecords, Tagged } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { checkCreate, checkPatch } from './edit-layer.ts'
import type { DraftBase, EditLayerSpec } from './edit-layer.ts'
import { EditMap } from './edit-map.tsx'
import { RecordHistory } from './record-history.tsx'
import { problemErrors } from './field-errors.ts'
import type { FieldErrors } from './field-errors.ts'

type Notice = { kind: 'ok' | 'stale' | 'error'; text: string } | null

export interface RecordEditorProps<L extends EditLayer, D extends DraftBase> {
  spec: EditLayerSpec<L, D>
  /** The record as read (with its ETag), or null for a new one at `at`. */
  record: Tagged<EditRecords[L]> | null
  at: readonly [number, number]
  onSignedOut: () => void
}

/**
 * One record's form, for either layer: validated with the shared schemas before it is sent,
 * the API's refusal shown by field; its marker on a map to drag; close and reopen (a station)
 * or remove (a class); its history with undo.
 */
export function RecordEditor<L extends EditLayer, D extends DraftBase>({
  spec,
  record: start,
  at,
  onSignedOut,
}: RecordEditorProps<L, D>) {
  const a = useAdminT().admin.editor
  const [record, setRecord] = useState(start)
  /** The record's id once it exists, kept after a class is removed (its history stays). */
  const [id, setId] = useState(start?.value.id ?? null)
  const [draft, setDraft] = useState<D>(() =>
    start === null ? spec.newDraft(at) : spec.draftOf(start.value),
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const [notice, setNotice] = useState<Notice>(null)
  const [busy, setBusy] = useState(false)
  const [historyKey, setHistoryKey] = useState(0)

  const set = <K extends keyof D>(key: K, value: D[K]) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setErrors(({ [key as string]: _, ...rest }) => rest)
  }

  /** The record as now stored (null: removed), and what to say about it. */
  const settle = (next: Tagged<EditRecords[L]> | null, text: string | null) => {
    setRecord(next)
    if (next !== null) {
      setId(next.value.id)
      setDraft(spec.draftOf(next.value))
    }
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
    if (record === null) {
      const checked = checkCreate(spec, draft)
      if (!checked.ok) return setErrors(checked.errors)
      return act(async () => settle(await createRecord(spec.layer, checked.value), a.saved))
    }
    const checked = checkPatch(spec, record.value, draft)
    if (!checked.ok) return setErrors(checked.errors)
    return act(async () =>
      settle(await patchRecord(spec.layer, record.value.id, checked.value, record.etag), a.saved),
    )
  }

  /** Reads the record again; a class whose removal is not undone stays removed. */
  const reload = (recordId: string) =>
    act(async () => {
      try {
        settle(await fetchRecord(spec.layer, recordId), null)
      } catch (err) {
        if (err instanceof ProblemError && err.status === 404) settle(null, a.removed)
        else throw err
      }
    })

  const removed = record === null && id !== null
  const closeButton = () => {
    if (record === null) return null
    const { reopen } = spec
    if (reopen?.closed(record.value)) {
      return (
        <button
          type="button"
          disabled={busy}
          onClick={() =>
            void act(async () =>
              settle(
                await patchRecord(spec.layer, record.value.id, reopen.patch, record.etag),
                a.saved,
              ),
            )
          }
        >
          {a.reopen}
        </button>
      )
    }
    return (
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void act(async () => {
            const next = await deleteRecord(spec.layer, record.value.id, record.etag)
            settle(next, next === null ? a.removed : a.saved)
          })
        }
      >
        {reopen === null ? a.remove : a.close}
      </button>
    )
  }

  const { Fields } = spec
  return (
    <section className="admin-editor" aria-labelledby="admin-editor-heading">
      <h2 id="admin-editor-heading">
        {id === null
          ? a.newHeading[spec.layer]
          : `${a.heading[spec.layer]} · ${record?.value.name ?? draft.name}`}
      </h2>
      {id !== null && (
        <p className="admin-county">
          {record !== null && <>{a.county(record.value.adcode)} · </>}
          <code>{id}</code>
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
          <fieldset className="admin-form-fields" disabled={removed}>
            <Fields draft={draft} set={set} errors={errors} />
          </fieldset>
          {errors.body !== undefined && (
            <p className="admin-field-error" role="alert">
              {errors.body}
            </p>
          )}
          {notice !== null && (
            <div className={`admin-notice admin-notice-${notice.kind}`} role="status">
              {notice.text}
              {notice.kind === 'stale' && id !== null && (
                <button type="button" onClick={() => void reload(id)}>
                  {a.reload}
                </button>
              )}
            </div>
          )}
          {!removed && (
            <div className="admin-actions">
              <button type="submit" className="admin-primary" disabled={busy}>
                {record === null ? a.create : a.save}
              </button>
              {closeButton()}
            </div>
          )}
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
          {id !== null && (
            <RecordHistory
              key={`${id}:${historyKey}`}
              layer={spec.layer}
              id={id}
              etag={record?.etag ?? null}
              onUndone={() => reload(id)}
              onRefused={refused}
            />
          )}
        </div>
      </div>
    </section>
  )
}
