import { useState } from 'react'
import type { Station } from '../../server/domain/station.ts'
import { searchStations } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'

export interface RecordSearchProps {
  /** The editor's counties; empty for an admin (every county). */
  counties: readonly string[]
  onOpen: (station: Station) => void
  onNew: (near: readonly [number, number] | null) => void
}

/** Stations by name or address within one of the editor's counties (the list endpoint). */
export function RecordSearch({ counties, onOpen, onNew }: RecordSearchProps) {
  const t = useAdminT()
  const s = t.admin.search
  const [q, setQ] = useState('')
  const [county, setCounty] = useState<string | null>(counties[0] ?? null)
  const [results, setResults] = useState<Station[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const search = async () => {
    setError(null)
    try {
      setResults(await searchStations(q, county))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <section className="admin-search" aria-labelledby="admin-search-heading">
      <h2 id="admin-search-heading">{s.heading}</h2>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          void search()
        }}
      >
        <label>
          {s.query}
          <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        {counties.length > 1 && (
          <label>
            {s.county}
            <select value={county ?? ''} onChange={(e) => setCounty(e.target.value)}>
              {counties.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="admin-primary">
          {s.submit}
        </button>
        <button
          type="button"
          onClick={() => onNew(results?.[0] ? [results[0].lon, results[0].lat] : null)}
        >
          {s.newStation}
        </button>
      </form>
      {error !== null && (
        <p className="admin-field-error" role="alert">
          {error}
        </p>
      )}
      {results !== null && results.length === 0 && <p>{s.none}</p>}
      <ul className="admin-results">
        {results?.map((r) => (
          <li key={r.id}>
            <button type="button" onClick={() => onOpen(r)}>
              <strong>{r.name}</strong>
              <span>{r.address}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
