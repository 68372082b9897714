import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Baby, LoaderCircle, LocateFixed, MapPin } from 'lucide-react'
import type { FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import {
  fetchNearbyClasses,
  fetchNearbyStations,
  fetchPlaces,
  fetchStation,
} from '../api/client.ts'
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
import { locationGranted, useLocate } from './use-locate.ts'
import { visiblePadding } from './card-camera.ts'
import { useNow } from './use-now.ts'

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
      update({ origin: p.lonLat, originSource: 'user', station: null, area: null })
      focusOn({ center: p.lonLat, zoom: 14.5 })
      requestFrame()
    },
    [update, focusOn, requestFrame],
  )
  const [locateState, locate, dismissLocateError] = useLocate(onFound)
  // A link saying "from my position" (me=1) must show one: locate again when the browser
  // allows it without a prompt, else the point is just a picked place.
  const [linkSaysMe] = useState(state.originSource === 'user')
  useEffect(() => {
    if (!linkSaysMe) return
    void locationGranted().then((granted) =>
      granted ? locate() : update({ originSource: 'picked' }),
    )
  }, [linkSaysMe, locate, update])

  // A searched county or city: its name for the list, its stations all listed.
  const places = useRequest('places', (signal) => fetchPlaces(signal))
  const area = (places.status === 'ok' && places.data.find((p) => p.adcode === state.area)) || null
  const areaName =
    state.area === null ? null : area ? (t.lang === 'en' ? area.nameEn : area.name) : state.area

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
    adcode: state.area,
    amenities: state.amenities,
    kind: state.kind,
    openNow: state.openNow,
  }
  const nearbyKey = `nearby:${JSON.stringify(nearbyParams)}`
  const nearby = useRequest(state.tab === 'stations' ? nearbyKey : null, (signal) =>
    fetchNearbyStations(nearbyParams, signal),
  )

  // The map draws stations from the API's vector tiles, filtered by kind and amenities there.
  const stationFilter = useMemo(
    () => ({ amenities: state.amenities, kind: state.kind, visible: state.tab === 'stations' }),
    [state.amenities, state.kind, state.tab],
  )
  // Open now narrows the markers too: tiles of the stations open this minute.
  const minute = Math.floor(now.getTime() / 60_000) * 60_000
  const stationsOpenAt = state.openNow ? new Date(minute).toISOString() : null

  const classParams = {
    origin,
    radiusM: state.radiusM,
    adcode: state.area,
    age: state.age,
    date: state.date,
    hasSeats: state.seats,
  }
  const classesKey = `classes:${JSON.stringify(classParams)}`
  const classes = useRequest(state.tab === 'childcare' ? classesKey : null, (signal) =>
    fetchNearbyClasses(classParams, signal),
  )
  const classesFc = useMemo((): FeatureCollection<Point> | null => {
    if (state.tab !== 'childcare' || classes.status !== 'ok') return null
    return {
      type: 'FeatureCollection',
      features: classes.data.features.map((f) => ({
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
    const nearest = listed.data.features.slice(0, 3).map((f) => f.geometry.coordinates)
    if (nearest.length > 0) focusOn({ bbox: bboxOf([state.origin, ...nearest]) })
  }, [frameNext, listed, listedKey, state.origin, focusOn])
  const change = useCallback(
    (patch: Partial<FinderState>) => {
      // A radius means "around a point": it ends a county's listing.
      update(patch.radiusM === undefined ? patch : { ...patch, area: null })
      requestFrame()
    },
    [update, requestFrame],
  )

  const card = useRequest(state.station ? `station:${state.station}` : null, (signal) =>
    fetchStation(state.station!, signal),
  )
  // Opening a card is a step Back undoes (a phone's Back closes the card, not the app).
  const cardPushed = useRef(false)
  useEffect(() => {
    if (state.station === null) cardPushed.current = false
  }, [state.station])
  const openStation = (id: string, patch: Partial<FinderState> = {}) => {
    if (state.station === null) {
      window.history.pushState(window.history.state, '', window.location.href)
      cardPushed.current = true
    }
    update({ ...patch, station: id })
  }
  const closeCard = useCallback(() => {
    if (cardPushed.current) window.history.back()
    else update({ station: null })
  }, [update])

  // Keep the station, and the user's dot, in the part of the map the card leaves visible.
  const mapAreaRef = useRef<HTMLElement>(null)
  const cardRef = useRef<HTMLDivElement>(null)
  const shownCard = card.status === 'ok' ? card.data : null
  // A shared link's card opens on the view the link names: the camera stays where it was sent.
  const linkedStation = useRef(state.station)
  useEffect(() => {
    const mapEl = mapAreaRef.current
    const cardEl = cardRef.current
    if (!shownCard || !mapEl || !cardEl) return
    if (shownCard.id === linkedStation.current) {
      linkedStation.current = null
      return
    }
    // On a phone the list may have scrolled the map away: bring it back first.
    const top = mapEl.getBoundingClientRect().top
    if (top < 0) window.scrollBy(0, top)
    const padding = visiblePadding(mapEl.getBoundingClientRect(), cardEl.getBoundingClientRect())
    const points: LonLat[] = [[shownCard.lon, shownCard.lat]]
    if (user) points.push(user.lonLat)
    focusOn({ bbox: bboxOf(points), padding, keepIfVisible: true })
  }, [shownCard, user, focusOn])

  const onPick = (pick: SearchPick) => {
    dismissLocateError()
    if (pick.type === 'place') {
      update({ area: pick.place.adcode, origin: null, originSource: null, station: null })
      focusOn({ bbox: pick.place.bbox })
    } else {
      openStation(pick.station.id, { tab: 'stations' })
    }
  }
  const locating = locateState.status === 'locating'
  const cardFrom =
    state.origin === null || state.originSource === null
      ? null
      : {
          point: state.origin,
          label: state.originSource === 'user' ? t.finder.fromUser : t.finder.fromPicked,
        }

  return (
    <main className="layout">
      <div className="search-area">
        <SearchBox places={places} from={origin} onPick={onPick} />
      </div>
      <section className="map-area" ref={mapAreaRef}>
        <MapView
          initialView={initialView}
          stationFilter={stationFilter}
          stationsOpenAt={stationsOpenAt}
          classes={classesFc}
          selectedId={state.tab === 'stations' ? state.station : null}
          origin={state.originSource === 'picked' ? state.origin : null}
          user={user}
          focus={focus}
          label={t.map.label}
          onSelectStation={(id) => openStation(id)}
          onSelectClass={(id) => setSelectedClass(id)}
          onPick={(p) => {
            dismissLocateError()
            update({ origin: p, originSource: 'picked', station: null, area: null })
          }}
          onView={(v) => update({ view: v })}
          onError={setMapError}
          onLoad={preloadPanels}
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
              areaName={areaName}
              amenities={state.amenities}
              openNow={state.openNow}
              hasKind={state.kind !== null}
              originText={originText}
              onSelect={(f) => openStation(f.id)}
              onLeaveArea={() => change({ area: null })}
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
              seats={state.seats}
              radiusM={state.radiusM}
              areaName={areaName}
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
          ref={cardRef}
          request={card}
          from={cardFrom}
          now={now}
          onClose={closeCard}
        />
      )}
    </main>
  )
}
