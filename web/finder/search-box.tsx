import { useEffect, useId, useMemo, useState } from 'react'
import { Building2, MapPin, Search, X } from 'lucide-react'
import { searchStations } from '../api/client.ts'
import { useRequest } from '../api/use-request.ts'
import type { RequestState } from '../api/use-request.ts'
import { useT } from '../i18n/i18n.ts'
import { searchPlaces } from './place-search.ts'
import { formatDistance } from '../ui/distance-text.ts'
import type { Place } from '../api/client.ts'
import type { LonLat } from '../../server/domain/geojson.ts'

/** A picked station: enough to open its card. */
export interface PickedStation {
  id: string
  name: string
}
export type SearchPick =
  { type: 'place'; place: Place } | { type: 'station'; station: PickedStation }

export interface SearchBoxProps {
  places: RequestState<Place[]> & { retry: () => void }
  /** Stations found are ranked by distance from here (the search point or the map centre). */
  from: LonLat
  onPick: (pick: SearchPick) => void
}

/** One box for stations (server search) and cities/counties (our own label data). */
export function SearchBox({ places, from, onPick }: SearchBoxProps) {
  const t = useT()
  const [text, setText] = useState('')
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const listId = useId()
  useEffect(() => {
    const id = setTimeout(() => setQuery(text.trim()), 250)
    return () => clearTimeout(id)
  }, [text])

  const stations = useRequest(query === '' ? null : `q:${query}@${from.join(',')}`, (signal) =>
    searchStations(query, from, signal),
  )
  const en = t.lang === 'en'
  const placeName = (p: Place) => (en ? p.nameEn : p.name)
  const placeHits = useMemo(
    () => (places.status === 'ok' ? searchPlaces(places.data, query) : []),
    [places, query],
  )
  const picks: (SearchPick & { address?: string; distanceM?: number })[] = [
    ...placeHits.map((place) => ({ type: 'place' as const, place })),
    ...(stations.status === 'ok'
      ? stations.data.map((f) => ({
          type: 'station' as const,
          station: { id: f.id, name: f.properties.name },
          address: f.properties.address,
          distanceM: f.properties.distanceM,
        }))
      : []),
  ]
  const choose = (pick: SearchPick | undefined) => {
    if (!pick) return
    onPick(pick)
    setOpen(false)
    setText(pick.type === 'place' ? placeName(pick.place) : pick.station.name)
  }
  const showList = open && query !== ''

  return (
    <div className="search" role="search">
      <label className="search-field">
        <Search aria-hidden size={20} />
        <span className="sr-only">{t.search.label}</span>
        <input
          type="search"
          value={text}
          placeholder={t.search.placeholder}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && picks[active] ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
            setActive(0)
          }}
          onFocus={() => setOpen(true)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, picks.length - 1))
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0))
            else if (e.key === 'Enter') choose(picks[active])
            else if (e.key === 'Escape') setOpen(false)
            else return
            e.preventDefault()
          }}
        />
      </label>
      {text !== '' && (
        <button
          type="button"
          className="icon-btn"
          aria-label={t.search.clear}
          onClick={() => {
            setText('')
            setQuery('')
          }}
        >
          <X aria-hidden size={20} />
        </button>
      )}
      {showList && (
        <div className="search-results">
          <ul id={listId} role="listbox" aria-label={t.search.label}>
            {picks.map((pick, i) => (
              <li
                key={pick.type === 'place' ? `p${pick.place.adcode}` : `s${pick.station.id}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(pick)}
              >
                {pick.type === 'place' ? (
                  <>
                    <Building2 aria-hidden size={18} />
                    <span className="search-name">{placeName(pick.place)}</span>
                    <span className="search-meta">
                      {pick.place.kind === 'city'
                        ? t.search.city
                        : `${t.search.county} · ${en ? pick.place.cityEn : pick.place.city}`}
                    </span>
                  </>
                ) : (
                  <>
                    <MapPin aria-hidden size={18} />
                    <span className="search-name">{pick.station.name}</span>
                    <span className="search-meta">
                      {pick.distanceM !== undefined && (
                        <strong>{formatDistance(pick.distanceM, t)} · </strong>
                      )}
                      {pick.address}
                    </span>
                  </>
                )}
              </li>
            ))}
          </ul>
          {stations.status === 'loading' && <p className="search-note">{t.search.loading}</p>}
          {(stations.status === 'error' || places.status === 'error') && (
            <p className="search-note error" role="alert">
              {t.search.error}{' '}
              <button
                type="button"
                className="link-btn"
                onClick={() => (places.status === 'error' ? places.retry() : stations.retry())}
              >
                {t.list.retry}
              </button>
            </p>
          )}
          {stations.status === 'ok' && picks.length === 0 && (
            <p className="search-note">{t.search.noMatch(query)}</p>
          )}
        </div>
      )}
    </div>
  )
}
