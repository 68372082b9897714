import { useCallback, useEffect, useState } from 'react'
import { REPORT_STATUSES, type ReportStatus } from '../../server/domain/report.ts'
import type { InboxReport } from '../../server/domain/report-inbox.ts'
import { REPORT_TYPES, type ReportType } from '../../server/domain/vocabularies.ts'
import { closeReport, fetchHistory, fetchReports } from '../api/admin-client.ts'
import type { InboxFilter } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { shanghaiTimeFormat } from './shanghai-time.ts'

export interface ReportInboxProps {
  onOpenStation: (id: string) => void
  onRefused: (err: unknown) => void
}

/**
 * The edit a report led to: the station's newest edit, when it was made after the report.
 * None when there is none (or the station's history cannot be read: it was removed).
 */
async function editAfter(report: InboxReport): Promise<number | null> {
  const history = await fetchHistory('stations', report.stationId).catch(() => [])
  // The history holds the moderation of its reports too: those are not edits.
  const newest = history.find((e) => e.layer === 'stations')
  return newest !== undefined && newest.at >= report.createdAt ? newest.id : null
}

/** Workers' reports on the editor's counties (all, for an admin), newest first. */
export function ReportInbox({ onOpenStation, onRefused }: ReportInboxProps) {
  const t = useAdminT()
  const x = t.admin.inbox
  const [filter, setFilter] = useState<InboxFilter>({ status: 'open', type: null })
  const [reports, setReports] = useState<InboxReport[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(
    async (before: string | null) => {
      try {
        const page = await fetchReports(filter, before)
        setReports((shown) => [...(before === null ? [] : (shown ?? [])), ...page.reports])
        setNext(page.nextBefore)
      } catch (err) {
        onRefused(err)
      }
    },
    [filter, onRefused],
  )
  useEffect(() => {
    setReports(null)
    void load(null)
  }, [load])

  const close = async (r: InboxReport, action: 'resolve' | 'dismiss') => {
    setBusy(true)
    try {
      const closed = await closeReport(
        r.id,
        action,
        action === 'resolve' ? await editAfter(r) : null,
      )
      // Out of a list of open reports; shown as closed in any other.
      setReports((shown) =>
        (shown ?? []).flatMap((s) =>
          s.id !== r.id ? [s] : filter.status === 'open' ? [] : [closed],
        ),
      )
    } catch (err) {
      onRefused(err)
    } finally {
      setBusy(false)
    }
  }

  const time = shanghaiTimeFormat(t.lang)
  const when = (iso: string) => <time dateTime={iso}>{time.format(new Date(iso))}</time>
  return (
    <section className="admin-inbox" aria-labelledby="admin-inbox-heading">
      <h2 id="admin-inbox-heading">{x.heading}</h2>
      <div className="admin-inbox-filters">
        <label>
          {x.status}
          <select
            name="status"
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.target.value as ReportStatus })}
          >
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {x.statuses[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {x.type}
          <select
            name="type"
            value={filter.type ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, type: (e.target.value || null) as ReportType | null })
            }
          >
            <option value="">{x.allTypes}</option>
            {REPORT_TYPES.map((k) => (
              <option key={k} value={k}>
                {x.types[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {reports !== null && reports.length === 0 && <p>{x.none}</p>}
      <ol className="admin-inbox-list" aria-busy={reports === null}>
        {reports?.map((r) => (
          <li key={r.id} className="admin-inbox-report" data-report={r.id}>
            <div className="admin-inbox-head">
              <strong>
                {x.types[r.type]}
                {r.amenity !== null && `：${t.amenities[r.amenity]}`}
              </strong>
              {when(r.createdAt)}
            </div>
            <div>
              {r.stationName ?? x.stationGone(r.stationId)} · {r.adcode}
            </div>
            {/* A worker's words: React writes them as text, never as markup. */}
            {r.note !== null && <p className="admin-inbox-note">{r.note}</p>}
            {r.status !== 'open' && (
              <p className="admin-hint">
                {x.closed(x.statuses[r.status], r.closedBy ?? '')}
                {r.closedAt !== null && <> · {when(r.closedAt)}</>}
                {r.auditEntryId !== null && ` · ${x.ledTo(r.auditEntryId)}`}
              </p>
            )}
            <div className="admin-inbox-actions">
              {r.stationName !== null && (
                <button
                  type="button"
                  className="admin-link"
                  onClick={() => onOpenStation(r.stationId)}
                >
                  {x.openStation}
                </button>
              )}
              {r.status === 'open' && (
                <>
                  <button type="button" disabled={busy} onClick={() => void close(r, 'resolve')}>
                    {x.resolve}
                  </button>
                  <button type="button" disabled={busy} onClick={() => void close(r, 'dismiss')}>
                    {x.dismiss}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ol>
      {next !== null && (
        <button type="button" onClick={() => void load(next)}>
          {x.more}
        </button>
      )}
    </section>
  )
}
