import { useState } from 'react'
import { EDIT_LAYERS } from '../../server/domain/edits.ts'
import type { EditLayer } from '../../server/domain/edits.ts'
import { searchRecords } from '../api/admin-client.ts'
import { useAdminT } from '../i18n/i18n.ts'

/** What a search lists of a record. */
export interface Found {
  id: string
  name: string
  address: string
  lon: number
  lat: number
}

export interface RecordSearchProps {
  layer: EditLayer
  onLayer: (layer: EditLayer) => void
  /** The editor's counties; empty for an admin (every county). */
  counties: readonly string[]
  onOpen: (id: string) => void
  onNew: (near: readonly [number, number] | null) => void
}

/** A layer's records by name or address within one of the editor's counties (its list endpoint). */
export function RecordSearch({ layer, onLayer, counties, onOpen, onNew }: RecordSearchProps) {
  const t = useAdminT()
  const s = t.admin.search
  const [q, setQ] = useState('')
  const [county, setCounty] = useState<string | null>(counties[0] ?? null)
  const [results, setResults] = useState<Found[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const search = async () => {
    setError(null)
    try {
      setResults(await searchRecords(layer, q, county))
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }

  return (
    <section className="admin-search" aria-labelledby="admin-search-heading">
      <fieldset className="admin-layer-switch">
        <legend>{s.layer}</legend>
        {EDIT_LAYERS.map((l) => (
          <label key={l}>
            <input
              type="radio"
              name="admin-layer"
              value={l}
              checked={layer === l}
              onChange={() => {
                setResults(null)
                onLayer(l)
              }}
            />
            {t.admin.layerNames[l]}
          </label>
        ))}
      </fieldset>
      <h2 id="admin-search-heading">{s.heading[layer]}</h2>
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
          {s.newRecord[layer]}
        </button>
      </form>
      {error !== null && (
        <p className="admin-field-error" role="alert">
          {error}
        </p>
      )}
      {results !== null && results.length === 0 && <p>{s.none[layer]}</p>}
      <ul className="admin-results">
        {results?.map((r) => (
          <li key={r.id}>
            <button type="button" onClick={() => onOpen(r.id)}>
              <strong>{r.name}</strong>
              <span>{r.address}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
