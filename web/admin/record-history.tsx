import { useEffect, useRef, useState } from 'react'
import type { AuditEntry } from '../../server/domain/audit.ts'
import type { Station } from '../../server/domain/station.ts'
import { fetchHistory, undoEntry } from '../api/admin-client.ts'
import type { Tagged } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { shanghaiTimeFormat } from './shanghai-time.ts'

export interface RecordHistoryProps {
  record: Tagged<Station>
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

/** A record's audit entries, newest first, each with an undo button. */
export function RecordHistory({ record, onUndone, onRefused }: RecordHistoryProps) {
  const t = useAdminT()
  const h = t.admin.history
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [busy, setBusy] = useState(false)
  const id = record.value.id
  const refusedRef = useRef(onRefused)
  refusedRef.current = onRefused

  // The editor remounts this (its key) after every write, so one read per mount.
  useEffect(() => {
    let live = true
    fetchHistory(id).then(
      (e) => live && setEntries(e),
      (err: unknown) => live && refusedRef.current(err),
    )
    return () => {
      live = false
    }
  }, [id])

  const undo = async (entry: AuditEntry) => {
    setBusy(true)
    try {
      await undoEntry(entry.id, record.etag)
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
        {entries?.map((e) => (
          <li key={e.id} className="admin-history-entry">
            <div>
              <strong>{h.actions[e.action]}</strong> · {e.actor} ·{' '}
              <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
              {e.action === 'update' && (
                <p className="admin-hint">{h.changed(changedFields(e).join(', '))}</p>
              )}
            </div>
            <button type="button" disabled={busy} onClick={() => void undo(e)}>
              {h.undo}
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
