import type { LayerSpecification } from 'maplibre-gl'
import { LABEL_FONTS_BOLD } from '../../server/domain/map-fonts.ts'

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

export const kindImage = (kind: string) => `kind-${kind}`

/** The app's layers, bottom to top, drawn over whichever basemap is in use. */
export function appLayers(selectedId: string | null): LayerSpecification[] {
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
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': ['step', ['get', 'point_count'], '#334155', 50, '#1e293b', 500, '#0f172a'],
        'circle-radius': ['step', ['get', 'point_count'], 17, 50, 21, 500, 26],
        'circle-stroke-width': 2.5,
        'circle-stroke-color': '#ffffff',
        'circle-opacity': 0.92,
      },
    },
    {
      id: 'station-cluster-count',
      type: 'symbol',
      source: SOURCES.stations,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
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
      filter: ['!', ['has', 'point_count']],
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
