import type {
  FilterSpecification,
  PointLike,
  GeoJSONSource,
  LayerSpecification,
  Map as MapLibreMap,
  MapLayerMouseEvent,
  MapLayerTouchEvent,
  MapMouseEvent,
  MapTouchEvent,
} from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import { LABEL_FONTS_BOLD } from '../../server/domain/map-fonts.ts'
import { PLANNER_SOURCES, siteSource, SITES_MIN_ZOOM } from './planner-layers.ts'

/**
 * A scenario's own map parts, beside the planner's layers: the land it loses, the stations the
 * scenario changes (removed: grey and crossed; other hours: a ring), and the handlers that let a
 * planner tap a station (any the vector tiles hold, so a removed one too) or drag a proposed site,
 * by mouse or by finger.
 */

export const SCENARIO_SOURCES = {
  lost: 'scenario-lost',
  stations: 'scenario-stations',
} as const
export type ScenarioOverlays = Record<keyof typeof SCENARIO_SOURCES, FeatureCollection>

/** How a scenario treats a station, a feature property of SCENARIO_SOURCES.stations. */
export type StationChange = 'kept' | 'removed' | 'hours'

/** Lost land red, as gained land is blue (planner-layers GAINED_COLOR): ColorBrewer RdBu's ends. */
export const LOST_COLOR = '#ca0020'
export const REMOVED_COLOR = '#9ca3af'
export const HOURS_COLOR = '#b35806'

export const STATION_HIT = 'scenario-station-hit'
export const SITE_HIT = 'scenario-site-hit'
export const LOST_FILL = 'scenario-lost-fill'

/** Under the basemap's borders and labels, beside the gained land. */
export const underScenarioLayers = (): LayerSpecification[] => [
  {
    id: LOST_FILL,
    type: 'fill',
    source: SCENARIO_SOURCES.lost,
    // Opaque enough that neither the gaps' orange nor the circles' blue muddies the pair.
    paint: { 'fill-color': LOST_COLOR, 'fill-opacity': 0.8 },
  },
]

const changed = (c: StationChange): FilterSpecification => ['==', ['get', 'change'], c]

/** Over everything. The hit layers are invisible and larger than what they cover: fingers. */
export const overScenarioLayers = (): LayerSpecification[] => [
  {
    id: 'scenario-station-removed',
    type: 'circle',
    source: SCENARIO_SOURCES.stations,
    filter: changed('removed'),
    paint: {
      'circle-radius': 7,
      'circle-color': REMOVED_COLOR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  },
  {
    id: 'scenario-station-cross',
    type: 'symbol',
    source: SCENARIO_SOURCES.stations,
    filter: changed('removed'),
    layout: {
      'text-field': '×',
      'text-font': LABEL_FONTS_BOLD,
      'text-size': 16,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#111827' },
  },
  {
    id: 'scenario-station-hours',
    type: 'circle',
    source: SCENARIO_SOURCES.stations,
    filter: changed('hours'),
    paint: {
      'circle-radius': 8,
      'circle-opacity': 0,
      'circle-stroke-color': HOURS_COLOR,
      'circle-stroke-width': 3,
    },
  },
  {
    id: 'scenario-station-picked',
    type: 'circle',
    source: SCENARIO_SOURCES.stations,
    filter: ['==', ['get', 'picked'], true],
    paint: {
      'circle-radius': 13,
      'circle-opacity': 0,
      'circle-stroke-color': '#111827',
      'circle-stroke-width': 2.5,
    },
  },
  {
    // On the tiles, not on the removed filter: a station taken out can be tapped to put back.
    // Shown with the stations layer only (planner-map), so no other layer fetches station tiles.
    id: STATION_HIT,
    type: 'circle',
    source: siteSource('stations'),
    'source-layer': 'stations',
    minzoom: SITES_MIN_ZOOM,
    layout: { visibility: 'none' },
    paint: { 'circle-radius': 12, 'circle-opacity': 0 },
  },
  {
    id: SITE_HIT,
    type: 'circle',
    source: PLANNER_SOURCES.proposed,
    paint: { 'circle-radius': 20, 'circle-opacity': 0 },
  },
]

/**
 * A tap here is about a marker (a station or a proposed site), not about the land under it: in
 * the adding mode it must not put a site on top of one.
 */
export function markerAt(map: MapLibreMap, point: PointLike): boolean {
  const layers = [STATION_HIT, SITE_HIT].filter((id) => map.getLayer(id))
  return layers.length > 0 && map.queryRenderedFeatures(point, { layers }).length > 0
}

export interface ScenarioMapHandlers {
  overlays: ScenarioOverlays
  /** Proposed site `index` (from 0) dragged to `at`; `done` when it is dropped. */
  onDragSite: (index: number, at: LonLat, done: boolean) => void
  /** A station tapped (also while adding sites); null: no scenario. */
  onStation: ((id: string) => void) | null
}

/** Adds the sources, layers and handlers; `get` reads the page's current handlers. */
export function addScenarioLayers(
  map: MapLibreMap,
  beforeId: string | undefined,
  get: () => ScenarioMapHandlers,
): void {
  for (const [key, id] of Object.entries(SCENARIO_SOURCES)) {
    map.addSource(id, { type: 'geojson', data: get().overlays[key as keyof ScenarioOverlays] })
  }
  for (const layer of underScenarioLayers()) map.addLayer(layer, beforeId)
  for (const layer of overScenarioLayers()) map.addLayer(layer)

  const canvas = map.getCanvas()
  map.on('click', STATION_HIT, (e) => {
    const id = e.features?.[0]?.properties.id as string | undefined
    const onStation = get().onStation
    if (id !== undefined && onStation) onStation(id)
  })
  map.on('mouseenter', SITE_HIT, () => (canvas.style.cursor = 'grab'))
  map.on('mouseleave', SITE_HIT, () => (canvas.style.cursor = ''))
  // Pressing on a site drags it instead of the map (preventDefault stops the map's drag-pan).
  const start = (e: MapLayerMouseEvent | MapLayerTouchEvent) => {
    if ('points' in e && e.points.length !== 1) return
    const n = e.features?.[0]?.properties.n as number | undefined
    if (n === undefined) return
    e.preventDefault()
    const touch = e.type === 'touchstart'
    canvas.style.cursor = 'grabbing'
    let last: LonLat | null = null
    const move = (ev: MapMouseEvent | MapTouchEvent) => {
      last = [ev.lngLat.lng, ev.lngLat.lat]
      get().onDragSite(n - 1, last, false)
    }
    const end = () => {
      if (touch) map.off('touchmove', move)
      else map.off('mousemove', move)
      canvas.style.cursor = ''
      if (last) get().onDragSite(n - 1, last, true)
    }
    if (touch) {
      map.on('touchmove', move)
      map.once('touchend', end)
    } else {
      map.on('mousemove', move)
      map.once('mouseup', end)
    }
  }
  map.on('mousedown', SITE_HIT, start)
  map.on('touchstart', SITE_HIT, start)
}

export function setScenarioData(map: MapLibreMap, overlays: ScenarioOverlays): void {
  for (const [key, id] of Object.entries(SCENARIO_SOURCES)) {
    map.getSource<GeoJSONSource>(id)?.setData(overlays[key as keyof ScenarioOverlays])
  }
}
