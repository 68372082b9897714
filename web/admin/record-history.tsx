import { useEffect, useRef, useState } from 'react'
import type { AuditEntry } from '../../server/domain/audit.ts'
import type { EditLayer } from '../../server/domain/edits.ts'
import type { InboxReport } from '../../server/domain/report-inbox.ts'
import { fetchHistory, undoEntry } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { shanghaiTimeFormat } from './shanghai-time.ts'

export interface RecordHistoryProps {
  layer: EditLayer
  id: string
  /** The record's current version; null when it does not exist now (a removed class). */
  etag: string | null
  onUndone: () => Promise<void>
  onRefused: (err: unknown) => void
}

/** The fields an entry changed (every field for a creation). */
function changedFields(e: AuditEntry): string[] {
  const before = (e.before ?? {}) as Record<string, unknown>
  const after = (e.after ?? {}) as Record<string, unknown>
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}

/**
 * A record's audit entries, newest first: its edits, each with an undo button, and (a
 * station's) the moderation of its reports, which is not undone.
 */
export function RecordHistory({ layer, id, etag, onUndone, onRefused }: RecordHistoryProps) {
  const t = useAdminT()
  const h = t.admin.history
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [busy, setBusy] = useState(false)
  const refusedRef = useRef(onRefused)
  refusedRef.current = onRefused

  // The editor remounts this (its key) after every write, so one read per mount.
  useEffect(() => {
    let live = true
    fetchHistory(layer, id).then(
      (e) => live && setEntries(e),
      (err: unknown) => live && refusedRef.current(err),
    )
    return () => {
      live = false
    }
  }, [layer, id])

  const undo = async (entry: AuditEntry) => {
    setBusy(true)
    try {
      await undoEntry(entry.id, etag)
      await onUndone()
    } catch (err) {
      onRefused(err)
    } finally {
      setBusy(false)
    }
  }

  const time = shanghaiTimeFormat(t.lang)
  return (
    <section className="admin-history" aria-labelledby="admin-history-heading">
      <h3 id="admin-history-heading">{h.heading}</h3>
      {entries !== null && entries.length === 0 && <p>{h.none}</p>}
      <ol>
        {entries?.map((e) => {
          const report = e.layer === 'reports' ? (e.before as InboxReport) : null
          return (
            <li key={e.id} className="admin-history-entry">
              <div>
                <strong>
                  {e.action === 'delete' && e.layer === 'classes' ? h.removed : h.actions[e.action]}
                </strong>{' '}
                · {e.actor} · <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
                {e.action === 'update' && (
                  <p className="admin-hint">{h.changed(changedFields(e).join(', '))}</p>
                )}
                {report !== null && (
                  <p className="admin-hint admin-history-report">
                    {[
                      t.admin.inbox.types[report.type],
                      report.amenity === null ? null : t.amenities[report.amenity],
                      report.note,
                    ]
                      .filter((x) => x !== null)
                      .join(' · ')}
                  </p>
                )}
              </div>
              {report === null && (
                <button type="button" disabled={busy} onClick={() => void undo(e)}>
                  {h.undo}
                </button>
              )}
            </li>
          )
        })}
      </ol>
    </section>
  )
}
