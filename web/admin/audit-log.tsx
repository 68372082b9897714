import { useCallback, useEffect, useState } from 'react'
import type { AuditEntry } from '../../server/domain/audit.ts'
import { fetchAudit } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'
import { shanghaiTimeFormat } from './shanghai-time.ts'

/** The whole audit log, newest first, a page at a time (admins only). */
export function AuditLog({ onRefused }: { onRefused: (err: unknown) => void }) {
  const t = useAdminT()
  const a = t.admin.audit
  const [entries, setEntries] = useState<AuditEntry[] | null>(null)
  const [next, setNext] = useState<number | null>(null)

  const load = useCallback(
    async (before: number | null) => {
      try {
        const page = await fetchAudit(before)
        setEntries((shown) => [...(before === null ? [] : (shown ?? [])), ...page.entries])
        setNext(page.nextBefore)
      } catch (err) {
        onRefused(err)
      }
    },
    [onRefused],
  )
  useEffect(() => {
    void load(null)
  }, [load])

  const time = shanghaiTimeFormat(t.lang)
  return (
    <section className="admin-audit" aria-labelledby="admin-audit-heading">
      <h2 id="admin-audit-heading">{a.heading}</h2>
      {entries !== null && entries.length === 0 && <p>{a.none}</p>}
      {entries !== null && entries.length > 0 && (
        <div className="admin-audit-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{a.when}</th>
                <th scope="col">{a.who}</th>
                <th scope="col">{a.action}</th>
                <th scope="col">{a.layer}</th>
                <th scope="col">{a.record}</th>
                <th scope="col">{a.counties}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-entry={e.id}>
                  <td>
                    <time dateTime={e.at}>{time.format(new Date(e.at))}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td>{t.admin.history.actions[e.action]}</td>
                  <td>{t.admin.layerNames[e.layer]}</td>
                  <td>{e.recordId ?? e.batchId}</td>
                  <td>{e.adcodes.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)}>
          {a.more}
        </button>
      )}
    </section>
  )
}
