import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl'
import type { CoverageLayer } from '../../server/domain/coverage.ts'
import { LABEL_FONTS_BOLD } from '../../server/domain/map-fonts.ts'
import { NO_DATA_COLOR } from './color-scale.ts'

/**
 * The planner's layers over the offline basemap. The choropleth colours the basemap's own county
 * polygons (source `counties`, one feature per county with its adcode), so recolouring is a paint
 * change and hover/selection are filter changes: the county data are never rebuilt.
 */

export const COUNTY_SOURCE = 'counties'
export const PLANNER_SOURCES = {
  gaps: 'planner-gaps',
  suggestions: 'planner-suggestions',
  suggestionCircles: 'planner-suggestion-circles',
  gained: 'planner-gained',
  proposed: 'planner-proposed',
  proposedCircles: 'planner-proposed-circles',
} as const

export const CHOROPLETH = 'planner-choropleth'
export const HOVER_LINE = 'planner-hover'
export const SELECTED_LINE = 'planner-selected'
export const SUGGESTION_POINTS = 'planner-suggestions'

/** Uncovered land: orange, apart from the blue-green scale for readers with any colour vision. */
export const GAP_COLOR = '#e6550d'
export const CIRCLE_COLOR = '#08519c'
export const POINT_COLOR = '#08306b'
export const SUGGESTION_COLOR = '#6a1b9a'
/** A scenario's sites: green, apart from the gaps and the stations. */
export const PROPOSED_COLOR = '#00602b'
/** Land a scenario gains: blue, against lost land's red (scenario-layers.ts), as Conveyal does. */
export const GAINED_COLOR = '#0571b0'

const isCounty: FilterSpecification = ['==', ['get', 'layer'], 'county']

/** Counties other than the selected one: the drilled-into county shows its gaps instead. */
export const choroplethFilter = (selected: string | null): FilterSpecification => [
  'all',
  isCounty,
  ['!=', ['get', 'adcode'], selected ?? ''],
]

export const countyFilter = (adcode: string | null): FilterSpecification => [
  'all',
  isCounty,
  ['==', ['get', 'adcode'], adcode ?? ''],
]

/** Drawn under the basemap's borders and labels. */
export function underLayers(selected: string | null): LayerSpecification[] {
  return [
    {
      id: CHOROPLETH,
      type: 'fill',
      source: COUNTY_SOURCE,
      filter: choroplethFilter(selected),
      paint: { 'fill-color': NO_DATA_COLOR, 'fill-opacity': 0.88 },
    },
    {
      id: 'planner-gaps-fill',
      type: 'fill',
      source: PLANNER_SOURCES.gaps,
      paint: { 'fill-color': GAP_COLOR, 'fill-opacity': 0.5 },
    },
    {
      id: 'planner-gained-fill',
      type: 'fill',
      source: PLANNER_SOURCES.gained,
      paint: { 'fill-color': GAINED_COLOR, 'fill-opacity': 0.8 },
    },
  ]
}

/** Drawn over everything, labels included. */
export function overLayers(hovered: string | null, selected: string | null): LayerSpecification[] {
  return [
    {
      id: HOVER_LINE,
      type: 'line',
      source: COUNTY_SOURCE,
      filter: countyFilter(hovered),
      paint: { 'line-color': '#111827', 'line-width': 2.5 },
    },
    {
      id: SELECTED_LINE,
      type: 'line',
      source: COUNTY_SOURCE,
      filter: countyFilter(selected),
      paint: { 'line-color': '#111827', 'line-width': 3.5 },
    },
    {
      id: 'planner-suggestion-circles',
      type: 'line',
      source: PLANNER_SOURCES.suggestionCircles,
      paint: { 'line-color': SUGGESTION_COLOR, 'line-width': 2, 'line-dasharray': [2, 1.5] },
    },
    {
      id: SUGGESTION_POINTS,
      type: 'circle',
      source: PLANNER_SOURCES.suggestions,
      paint: {
        'circle-radius': 12,
        'circle-color': SUGGESTION_COLOR,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: 'planner-suggestion-rank',
      type: 'symbol',
      source: PLANNER_SOURCES.suggestions,
      layout: {
        'text-field': ['to-string', ['get', 'rank']],
        'text-font': LABEL_FONTS_BOLD,
        'text-size': 14,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'planner-proposed-circles',
      type: 'line',
      source: PLANNER_SOURCES.proposedCircles,
      paint: { 'line-color': PROPOSED_COLOR, 'line-width': 2 },
    },
    {
      id: 'planner-proposed',
      type: 'circle',
      source: PLANNER_SOURCES.proposed,
      paint: {
        'circle-radius': 10,
        'circle-color': PROPOSED_COLOR,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: 'planner-proposed-number',
      type: 'symbol',
      source: PLANNER_SOURCES.proposed,
      layout: {
        'text-field': ['to-string', ['get', 'n']],
        'text-font': LABEL_FONTS_BOLD,
        'text-size': 12,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
  ]
}

/**
 * The existing stations (or classes) come from the API's vector tiles, unclustered, one source
 * per layer (a tile layer is named after it): never a download of the whole layer. Their service
 * circles are circle layers sized in metres, so nothing is rebuilt when the radius changes.
 */
export const siteSource = (layer: CoverageLayer) => `planner-${layer}`
export const siteCircles = (layer: CoverageLayer) => `planner-circles-${layer}`
export const sitePoints = (layer: CoverageLayer) => `planner-points-${layer}`
/** Below this zoom no site is drawn (a county fills the map from about 8.5). */
export const SITES_MIN_ZOOM = 8

/** The circles go under the basemap's borders and labels, with the other fills. */
export function siteCircleLayer(layer: CoverageLayer): LayerSpecification {
  return {
    id: siteCircles(layer),
    type: 'circle',
    source: siteSource(layer),
    'source-layer': layer,
    minzoom: SITES_MIN_ZOOM,
    layout: { visibility: 'none' },
    paint: {
      'circle-color': CIRCLE_COLOR,
      'circle-opacity': 0.1,
      'circle-stroke-color': CIRCLE_COLOR,
      'circle-stroke-opacity': 0.55,
      'circle-stroke-width': 0.8,
      'circle-pitch-alignment': 'map',
    },
  }
}

/** The sites themselves, over everything. */
export function sitePointLayer(layer: CoverageLayer): LayerSpecification {
  return {
    id: sitePoints(layer),
    type: 'circle',
    source: siteSource(layer),
    'source-layer': layer,
    minzoom: SITES_MIN_ZOOM,
    layout: { visibility: 'none' },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 2, 13, 4.5],
      'circle-color': POINT_COLOR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  }
}

/** Web Mercator's equator in metres, and MapLibre's tile size in pixels. */
const EQUATOR_M = 40_075_016.686
const TILE_PX = 512

/**
 * `circle-radius` for a circle of `radiusM` metres around points near latitude `lat`: pixels per
 * metre double with each zoom, so an exponential-2 interpolation is exact at every zoom. Within a
 * county the latitude changes the scale by < 1 %.
 */
export function metresRadius(radiusM: number, lat: number): ExpressionSpecification {
  const atZoom0 = (radiusM * TILE_PX) / (EQUATOR_M * Math.cos((lat * Math.PI) / 180))
  return ['interpolate', ['exponential', 2], ['zoom'], 0, atZoom0, 24, atZoom0 * 2 ** 24]
}

/** Sites other than these ids (stations a scenario removes). */
export const sitesFilter = (hidden: readonly string[]): FilterSpecification => [
  '!',
  ['in', ['get', 'id'], ['literal', hidden]],
]
