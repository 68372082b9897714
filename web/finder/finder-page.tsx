import { useCallback, useEffect, useMemo, useState } from 'react'
import { Baby, LoaderCircle, LocateFixed, MapPin } from 'lucide-react'
import type { FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import { fetchNearbyClasses, fetchNearbyStations, fetchStation } from '../api/client.ts'
import type { MapStation } from '../api/client.ts'
import { useRequest } from '../api/use-request.ts'
import { useT } from '../i18n/i18n.ts'
import { MapView } from '../map/map-view.tsx'
import type { FocusRequest, UserPosition } from '../map/map-view.tsx'
import type { FinderState, MapView as View } from '../map/url-state.ts'
import { ErrorNote } from '../ui/status.tsx'
import { ChildcarePanel, preloadPanels, StationCard } from './lazy-panels.tsx'
import { FilterBar } from './filter-bar.tsx'
import { ResultList } from './result-list.tsx'
import { SearchBox } from './search-box.tsx'
import type { SearchPick } from './search-box.tsx'
import { stationMatches } from './station-filter.ts'
import { useLocate } from './use-locate.ts'
import { useNow } from './use-now.ts'
import { openAt } from './hours-text.ts'
import { useMapStations } from './use-map-stations.ts'

/** West Lake, Hangzhou: where the map opens when the link names no view. */
const DEFAULT_VIEW: View = { lon: 120.16, lat: 30.27, zoom: 11.5 }

// Panning re-queries from the map centre; rounding to ~100 m avoids a request per pixel.
const roundOrigin = (p: LonLat): LonLat => [
  Math.round(p[0] * 1e3) / 1e3,
  Math.round(p[1] * 1e3) / 1e3,
]

function bboxOf(points: LonLat[]): [number, number, number, number] {
  const lons = points.map((p) => p[0])
  const lats = points.map((p) => p[1])
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]
}

export interface FinderPageProps {
  state: FinderState
  update: (patch: Partial<FinderState>) => void
}

export function FinderPage({ state, update }: FinderPageProps) {
  const t = useT()
  const now = useNow()
  const [initialView] = useState(() => state.view ?? DEFAULT_VIEW)
  const [focus, setFocus] = useState<FocusRequest | null>(null)
  const [user, setUser] = useState<UserPosition | null>(null)
  const [mapError, setMapError] = useState<string | null>(null)
  const [selectedClass, setSelectedClass] = useState<string | null>(null)
  const focusOn = useCallback(
    (f: Omit<FocusRequest, 'seq'>) => setFocus({ ...f, seq: Date.now() } as FocusRequest),
    [],
  )

  // After a search (locate, filters, a tap), frame the origin with the nearest results once the
  // results *of that search* are listed: the list shown when it starts is the previous one's.
  const [frameNext, setFrameNext] = useState(false)
  const requestFrame = useCallback(() => setFrameNext(true), [])
  const onFound = useCallback(
    (p: UserPosition) => {
      setUser(p)
      update({ origin: p.lonLat, originSource: 'user', station: null })
      focusOn({ center: p.lonLat, zoom: 14.5 })
      requestFrame()
    },
    [update, focusOn, requestFrame],
  )
  const [locateState, locate] = useLocate(onFound)

  const view = state.view ?? initialView
  const origin: LonLat = state.origin ?? roundOrigin([view.lon, view.lat])
  const originText = t.origin.from(
    state.originSource === 'user'
      ? t.origin.user
      : state.origin
        ? t.origin.picked
        : t.origin.centre,
  )

  const nearbyParams = {
    origin,
    radiusM: state.radiusM,
    amenities: state.amenities,
    kind: state.kind,
    openNow: state.openNow,
  }
  const nearbyKey = `nearby:${JSON.stringify(nearbyParams)}`
  const nearby = useRequest(state.tab === 'stations' ? nearbyKey : null, (signal) =>
    fetchNearbyStations(nearbyParams, signal),
  )

  // Map layer: the nearby results at once, then every station as its page arrives, filtered here
  // with the same rules as the nearby endpoint.
  const [mapLoaded, setMapLoaded] = useState(false)
  const all = useMapStations(mapLoaded)
  const stationsFc = useMemo((): FeatureCollection<Point> => {
    const byId = new Map<string, MapStation>()
    if (state.tab === 'stations' && nearby.status === 'ok') {
      for (const f of nearby.data) {
        const [lon, lat] = f.geometry.coordinates
        byId.set(f.id, { ...f.properties, lon, lat })
      }
    }
    if (state.tab === 'stations') for (const s of all.stations) byId.set(s.id, s)
    const filters = { amenities: state.amenities, kind: state.kind, openNow: state.openNow }
    const isOpen = (s: MapStation, at: Date) => openAt(s.hours, at)
    return {
      type: 'FeatureCollection',
      features: [...byId.values()]
        .filter((s) => stationMatches(s, filters, now, isOpen))
        .map((s) => ({
          type: 'Feature',
          properties: { id: s.id, kind: s.kind },
          geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
        })),
    }
  }, [all.stations, nearby, state.amenities, state.kind, state.openNow, state.tab, now])

  const classParams = { origin, radiusM: state.radiusM, age: state.age, date: state.date }
  const classesKey = `classes:${JSON.stringify(classParams)}`
  const classes = useRequest(state.tab === 'childcare' ? classesKey : null, (signal) =>
    fetchNearbyClasses(classParams, signal),
  )
  const classesFc = useMemo((): FeatureCollection<Point> | null => {
    if (state.tab !== 'childcare' || classes.status !== 'ok') return null
    return {
      type: 'FeatureCollection',
      features: classes.data.map((f) => ({
        ...f,
        properties: { id: f.id, seatsLeft: f.properties.seatsLeft },
      })),
    }
  }, [classes, state.tab])
  // Frame the search point with the nearest few results whenever a search (not a pan) changes
  // what is listed, so a result off screen is never a mystery.
  const listed = state.tab === 'stations' ? nearby : classes
  const listedKey = state.tab === 'stations' ? nearbyKey : classesKey
  useEffect(() => {
    if (!frameNext) return
    if (listed.status === 'loading' || listed.status === 'idle') return
    if (listed.status === 'ok' && listed.key !== listedKey) return // still the previous search's
    setFrameNext(false)
    if (listed.status !== 'ok' || state.origin === null) return
    const nearest = listed.data.slice(0, 3).map((f) => f.geometry.coordinates)
    if (nearest.length > 0) focusOn({ bbox: bboxOf([state.origin, ...nearest]) })
  }, [frameNext, listed, listedKey, state.origin, focusOn])
  const change = useCallback(
    (patch: Partial<FinderState>) => {
      update(patch)
      requestFrame()
    },
    [update, requestFrame],
  )

  const card = useRequest(state.station ? `station:${state.station}` : null, (signal) =>
    fetchStation(state.station!, signal),
  )

  const onPick = (pick: SearchPick) => {
    if (pick.type === 'place') {
      update({ origin: pick.place.point, originSource: 'picked', station: null })
      focusOn({ bbox: pick.place.bbox })
    } else {
      const p: LonLat = [pick.station.lon, pick.station.lat]
      update({ origin: p, originSource: 'picked', station: pick.station.id, tab: 'stations' })
      focusOn({ center: p, zoom: 15 })
    }
  }
  const closeCard = useCallback(() => update({ station: null }), [update])
  const locating = locateState.status === 'locating'

  return (
    <main className="layout">
      <div className="search-area">
        <SearchBox onPick={onPick} />
      </div>
      <section className="map-area">
        <MapView
          initialView={initialView}
          stations={stationsFc}
          classes={classesFc}
          selectedId={state.tab === 'stations' ? state.station : null}
          origin={state.originSource === 'picked' ? state.origin : null}
          user={user}
          focus={focus}
          label={t.map.label}
          onSelectStation={(id) => update({ station: id })}
          onSelectClass={(id) => setSelectedClass(id)}
          onPick={(p) => update({ origin: p, originSource: 'picked', station: null })}
          onView={(v) => update({ view: v })}
          onError={setMapError}
          onLoad={() => {
            setMapLoaded(true)
            preloadPanels()
          }}
        />
        <button
          type="button"
          className="locate-btn"
          onClick={locate}
          disabled={locating}
          aria-label={t.locate.button}
        >
          {locating ? (
            <LoaderCircle className="spin" aria-hidden size={22} />
          ) : (
            <LocateFixed aria-hidden size={22} />
          )}
          <span>{locating ? t.locate.locating : t.locate.button}</span>
        </button>
        <div className="map-status" aria-live="polite">
          {mapError && <p className="pill pill-error">{t.map.mapError}</p>}
          {all.status === 'loading' && (
            <p className="pill">
              {t.map.loadingStations} {all.stations.length > 0 ? all.stations.length : ''}
            </p>
          )}
          {all.status === 'error' && (
            <p className="pill pill-error">
              {t.map.stationsError}{' '}
              <button type="button" className="link-btn" onClick={all.retry}>
                {t.list.retry}
              </button>
            </p>
          )}
          {locateState.status === 'error' && (
            <p className="pill pill-warn" role="alert">
              {t.locate[locateState.reason]}
            </p>
          )}
        </div>
      </section>
      <section className="panel">
        <div className="tabs" role="tablist" aria-label={t.appName}>
          <button
            type="button"
            role="tab"
            aria-selected={state.tab === 'stations'}
            onClick={() => change({ tab: 'stations' })}
          >
            <MapPin aria-hidden size={18} /> {t.tabs.stations}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={state.tab === 'childcare'}
            onClick={() => change({ tab: 'childcare', station: null })}
          >
            <Baby aria-hidden size={18} /> {t.tabs.childcare}
          </button>
        </div>
        <p className="hint muted">{t.locate.hint}</p>
        {state.tab === 'stations' ? (
          <div role="tabpanel">
            <FilterBar
              amenities={state.amenities}
              kind={state.kind}
              openNow={state.openNow}
              radiusM={state.radiusM}
              onChange={(patch) => change(patch)}
            />
            <ResultList
              request={nearby}
              selectedId={state.station}
              radiusM={state.radiusM}
              amenities={state.amenities}
              openNow={state.openNow}
              hasKind={state.kind !== null}
              originText={originText}
              onSelect={(f) => {
                update({ station: f.id })
                focusOn({ center: f.geometry.coordinates, zoom: 15 })
              }}
              onWiden={(radiusM) => change({ radiusM })}
              onDropAmenity={(a) => change({ amenities: state.amenities.filter((x) => x !== a) })}
              onDropOpenNow={() => change({ openNow: false })}
              onDropKind={() => change({ kind: null })}
            />
          </div>
        ) : (
          <div role="tabpanel">
            <ChildcarePanel
              request={classes}
              age={state.age}
              date={state.date}
              radiusM={state.radiusM}
              selectedId={selectedClass}
              originText={originText}
              onChange={(patch) => change(patch)}
              onSelect={(f: NearbyClassFeature) => {
                setSelectedClass(f.id)
                focusOn({ center: f.geometry.coordinates, zoom: 15 })
              }}
            />
          </div>
        )}
        {mapError && <ErrorNote>{t.map.mapError}</ErrorNote>}
      </section>
      {state.station && state.tab === 'stations' && (
        <StationCard
          key={state.station}
          request={card}
          from={state.origin ?? origin}
          now={now}
          onClose={closeCard}
        />
      )}
    </main>
  )
}
