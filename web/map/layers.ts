import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl'
import { LABEL_FONTS_BOLD } from '../../server/domain/map-fonts.ts'
import { kindCountProperty } from '../../server/domain/tile-format.ts'
import type { TileLayer } from '../../server/domain/tile-format.ts'
import { AMENITIES } from '../../server/domain/vocabularies.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'

export const SOURCES = {
  stations: 'stations',
  classes: 'classes',
  user: 'user',
  userAccuracy: 'user-accuracy',
  origin: 'origin',
} as const

/** Layer ids the app listens on. */
export const CLUSTERS = 'station-clusters'
export const STATION_POINTS = 'station-points'
export const CLASS_POINTS = 'class-points'
const CLUSTER_COUNT = 'station-cluster-count'
/** The stations source is the API's vector tiles; their one layer is named so. */
const STATIONS_LAYER = 'stations'
const STATION_LAYERS = [CLUSTERS, CLUSTER_COUNT, STATION_POINTS, 'station-selected']

/** What a map asks of a tile layer: see the tile route's query. */
export interface TileQuery {
  /** Only the stations open at this instant (ISO; a whole minute, so maps share tiles). */
  openAt?: string | null
  /** False: every point on its own, never clustered. */
  cluster?: boolean
}

/** A tile URL template MapLibre fetches (absolute: its workers resolve no relative URL). */
export function tilesUrl(layer: TileLayer, { openAt = null, cluster = true }: TileQuery = {}) {
  const query = new URLSearchParams()
  if (openAt) query.set('openAt', openAt)
  if (!cluster) query.set('cluster', 'false')
  const q = query.size > 0 ? `?${query}` : ''
  return `${window.location.origin}/api/tiles/${layer}/{z}/{x}/{y}.mvt${q}`
}

export const kindImage = (kind: string) => `kind-${kind}`

/** What the station layers show: stations of this kind (all when null) having every amenity. */
export interface StationLayerFilter {
  amenities: readonly Amenity[]
  kind: StationKind | null
  /** False hides every station layer (the childcare tab shows classes alone). */
  visible: boolean
}

/**
 * Markers: a tile point's `amenities` is a bit set (bit i: AMENITIES[i]); expressions have no
 * bitwise AND, so bit i is floor(mask / 2^i) mod 2.
 */
export function stationPointFilter(f: StationLayerFilter): FilterSpecification {
  const hasBit = (a: Amenity): ExpressionSpecification => [
    '==',
    ['%', ['floor', ['/', ['get', 'amenities'], 2 ** AMENITIES.indexOf(a)]], 2],
    1,
  ]
  return [
    'all',
    ['!', ['has', 'point_count']],
    ...(f.kind ? [['==', ['get', 'kind'], f.kind] as ExpressionSpecification] : []),
    ...f.amenities.map(hasBit),
  ]
}

/**
 * A cluster counts the stations of each kind, so with a kind chosen it shows that kind's count
 * (and hides when it has none). Amenities are not counted per cluster: their combinations are
 * too many for a tile, so clusters count every station of the kind and the markers, from zoom
 * 13 on, show only the stations having every amenity asked for.
 */
const clusterCount = (kind: StationKind | null): ExpressionSpecification =>
  kind ? ['get', kindCountProperty(kind)] : ['get', 'point_count']
const clusterFilter = (kind: StationKind | null): FilterSpecification => [
  'all',
  ['has', 'point_count'],
  ['>', clusterCount(kind), 0],
]
const clusterRadius = (kind: StationKind | null): DataDrivenPropertyValueSpecification<number> => [
  'step',
  clusterCount(kind),
  17,
  50,
  21,
  500,
  26,
]
const clusterColor = (kind: StationKind | null): DataDrivenPropertyValueSpecification<string> => [
  'step',
  clusterCount(kind),
  '#334155',
  50,
  '#1e293b',
  500,
  '#0f172a',
]
const clusterLabel = (kind: StationKind | null): ExpressionSpecification =>
  kind ? ['to-string', clusterCount(kind)] : ['to-string', ['get', 'point_count_abbreviated']]

/** Shows other stations without rebuilding anything: layer filters and expressions only. */
export function setStationLayerFilter(map: MapLibreMap, f: StationLayerFilter): void {
  for (const id of STATION_LAYERS) {
    map.setLayoutProperty(id, 'visibility', f.visible ? 'visible' : 'none')
  }
  map.setFilter(CLUSTERS, clusterFilter(f.kind))
  map.setPaintProperty(CLUSTERS, 'circle-radius', clusterRadius(f.kind))
  map.setPaintProperty(CLUSTERS, 'circle-color', clusterColor(f.kind))
  map.setFilter(CLUSTER_COUNT, clusterFilter(f.kind))
  map.setLayoutProperty(CLUSTER_COUNT, 'text-field', clusterLabel(f.kind))
  map.setFilter(STATION_POINTS, stationPointFilter(f))
}

/** The app's layers, bottom to top, drawn over whichever basemap is in use. */
export function appLayers(selectedId: string | null, f: StationLayerFilter): LayerSpecification[] {
  return [
    {
      id: 'user-accuracy',
      type: 'fill',
      source: SOURCES.userAccuracy,
      paint: { 'fill-color': '#2563eb', 'fill-opacity': 0.12, 'fill-outline-color': '#2563eb' },
    },
    {
      id: CLUSTERS,
      type: 'circle',
      source: SOURCES.stations,
      'source-layer': STATIONS_LAYER,
      filter: clusterFilter(f.kind),
      paint: {
        'circle-color': clusterColor(f.kind),
        'circle-radius': clusterRadius(f.kind),
        'circle-stroke-width': 2.5,
        'circle-stroke-color': '#ffffff',
        'circle-opacity': 0.92,
      },
    },
    {
      id: CLUSTER_COUNT,
      type: 'symbol',
      source: SOURCES.stations,
      'source-layer': STATIONS_LAYER,
      filter: clusterFilter(f.kind),
      layout: {
        'text-field': clusterLabel(f.kind),
        'text-font': LABEL_FONTS_BOLD,
        'text-size': 14,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    selectedHalo(selectedId),
    {
      id: STATION_POINTS,
      type: 'symbol',
      source: SOURCES.stations,
      'source-layer': STATIONS_LAYER,
      filter: stationPointFilter(f),
      layout: {
        'icon-image': ['concat', 'kind-', ['get', 'kind']],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: CLASS_POINTS,
      type: 'symbol',
      source: SOURCES.classes,
      layout: {
        'icon-image': ['case', ['>', ['get', 'seatsLeft'], 0], 'class-open', 'class-full'],
        'icon-allow-overlap': true,
      },
    },
    {
      id: 'origin',
      type: 'circle',
      source: SOURCES.origin,
      paint: {
        'circle-radius': 7,
        'circle-color': '#111827',
        'circle-stroke-width': 3,
        'circle-stroke-color': '#fbbf24',
      },
    },
    {
      id: 'user-dot',
      type: 'circle',
      source: SOURCES.user,
      paint: {
        'circle-radius': 8,
        'circle-color': '#2563eb',
        'circle-stroke-width': 3,
        'circle-stroke-color': '#ffffff',
      },
    },
  ]
}

/** The ring under the selected station: change its filter, never the data. */
export function selectedHalo(selectedId: string | null): LayerSpecification {
  return {
    id: 'station-selected',
    type: 'circle',
    source: SOURCES.stations,
    'source-layer': STATIONS_LAYER,
    filter: selectedFilter(selectedId),
    paint: {
      'circle-radius': 22,
      'circle-color': 'rgba(251, 191, 36, 0.35)',
      'circle-stroke-width': 3,
      'circle-stroke-color': '#111827',
    },
  }
}

export const selectedFilter = (id: string | null) =>
  ['==', ['get', 'id'], id ?? ''] as ['==', ['get', string], string]
