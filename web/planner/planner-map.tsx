import { useEffect, useRef, useState } from 'react'
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import { BASEMAP_COUNTIES_URL } from '../api/client.ts'
import { createBaseMap } from '../map/base-map.ts'
import { useMapControlStrings } from '../map/map-controls.ts'
import type { MapView } from '../map/url-state.ts'
import {
  CHOROPLETH,
  choroplethFilter,
  COUNTY_SOURCE,
  countyFilter,
  HOVER_LINE,
  overLayers,
  metresRadius,
  PLANNER_SOURCES,
  SELECTED_LINE,
  siteCircleLayer,
  siteCircles,
  sitePointLayer,
  sitePoints,
  siteSource,
  sitesFilter,
  SITES_MIN_ZOOM,
  underLayers,
} from './planner-layers.ts'
import { COVERAGE_LAYERS } from '../../server/domain/coverage.ts'
import type { CoverageLayer } from '../../server/domain/coverage.ts'
import { TILE_MAX_ZOOM } from '../../server/domain/tile-format.ts'
import { tilesUrl } from '../map/layers.ts'
import { addScenarioLayers, markerAt, setScenarioData, STATION_HIT } from './scenario-layers.ts'
import type { ScenarioMapHandlers } from './scenario-layers.ts'
import { onFatalMapError } from '../map/fatal-map-error.ts'

export type Overlays = Record<keyof typeof PLANNER_SOURCES, FeatureCollection>

export const EMPTY_FC: FeatureCollection = { type: 'FeatureCollection', features: [] }
export const NO_OVERLAYS: Overlays = {
  gaps: EMPTY_FC,
  suggestions: EMPTY_FC,
  suggestionCircles: EMPTY_FC,
  gained: EMPTY_FC,
  proposed: EMPTY_FC,
  proposedCircles: EMPTY_FC,
}

/** Zhejiang as a whole. */
export const PROVINCE_BBOX: [number, number, number, number] = [118.02, 27.04, 123.16, 31.18]
const PROVINCE_VIEW: MapView = { lon: 120.5, lat: 29.15, zoom: 6.2 }

export interface MapFocus {
  seq: number
  bbox: [number, number, number, number]
}

/** What the page may ask of the map imperatively: a picture of it for the printed report. */
export interface PlannerMapHandle {
  snapshot: () => string | null
}

/** The existing sites drawn from the vector tiles, with their service circles. */
export interface PlannerSites {
  layer: CoverageLayer
  radiusM: number
  /** Where the circles are sized for (the county's latitude). */
  lat: number
  /** Ids not drawn: stations a scenario removes. */
  hidden: readonly string[]
}

export interface PlannerMapProps {
  fillColor: ExpressionSpecification | string
  /** null: no sites drawn (the province view). */
  sites: PlannerSites | null
  hovered: string | null
  selected: string | null
  overlays: Overlays
  scenario: ScenarioMapHandlers
  focus: MapFocus | null
  label: string
  handle: React.RefObject<PlannerMapHandle | null>
  onHover: (adcode: string | null) => void
  onSelect: (adcode: string) => void
  /** While set, a tap on the map picks that place (and selects no county). */
  onPick: ((at: LonLat) => void) | null
  onError: (message: string) => void
  /** The map has finished drawing what it was asked to (debounced). */
  onIdle: () => void
}

export function PlannerMap(props: PlannerMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const [ready, setReady] = useState(false)
  const controls = useMapControlStrings(mapRef)
  const latest = useRef(props)
  latest.current = props

  useEffect(() => {
    // The drawing buffer is kept so the printed report can copy the canvas at any moment.
    const map = createBaseMap(container.current!, PROVINCE_VIEW, controls.current, {
      canvasContextAttributes: { preserveDrawingBuffer: true },
    })
    mapRef.current = map
    latest.current.handle.current = {
      snapshot: () => {
        try {
          return map.getCanvas().toDataURL('image/jpeg', 0.9)
        } catch {
          return null
        }
      },
    }
    map.on('load', () => {
      performance.mark('waystation:map-load')
      const p = latest.current
      if (!map.getSource(COUNTY_SOURCE))
        map.addSource(COUNTY_SOURCE, { type: 'geojson', data: BASEMAP_COUNTIES_URL })
      for (const [key, id] of Object.entries(PLANNER_SOURCES)) {
        map.addSource(id, { type: 'geojson', data: p.overlays[key as keyof Overlays] })
      }
      // Our fills under the basemap's borders and names; outlines and sites over everything.
      const layers = map.getStyle().layers
      const firstBorder = layers.find((l) => l.type === 'line' || l.type === 'symbol')?.id
      for (const layer of COVERAGE_LAYERS) {
        map.addSource(siteSource(layer), {
          type: 'vector',
          tiles: [tilesUrl(layer, { cluster: false })],
          minzoom: SITES_MIN_ZOOM,
          maxzoom: TILE_MAX_ZOOM,
        })
      }
      for (const layer of underLayers(p.selected)) map.addLayer(layer, firstBorder)
      for (const layer of COVERAGE_LAYERS) map.addLayer(siteCircleLayer(layer), firstBorder)
      for (const layer of COVERAGE_LAYERS) map.addLayer(sitePointLayer(layer))
      for (const layer of overLayers(p.hovered, p.selected)) map.addLayer(layer)
      addScenarioLayers(map, firstBorder, () => latest.current.scenario)
      map.setPaintProperty(CHOROPLETH, 'fill-color', p.fillColor)
      if (!latest.current.focus) map.fitBounds(PROVINCE_BBOX, { padding: 16, duration: 0 })
      setReady(true)
    })
    onFatalMapError(map, (message) => latest.current.onError(message))
    let idleTimer: ReturnType<typeof setTimeout> | undefined
    map.on('idle', () => {
      clearTimeout(idleTimer)
      // Only while the map is on screen: a hidden (printing) map has no picture worth keeping.
      idleTimer = setTimeout(
        () => map.getContainer().offsetWidth > 0 && latest.current.onIdle(),
        300,
      )
    })
    let hovered: string | null = null
    map.on('mousemove', CHOROPLETH, (e) => {
      const adcode = (e.features?.[0]?.properties.adcode as string | undefined) ?? null
      map.getCanvas().style.cursor = adcode ? 'pointer' : ''
      if (adcode !== hovered) latest.current.onHover((hovered = adcode))
    })
    map.on('mouseleave', CHOROPLETH, () => {
      map.getCanvas().style.cursor = ''
      latest.current.onHover((hovered = null))
    })
    // A tap on a station or a proposed site is about that marker: it adds no site on top of it.
    map.on('click', (e) => {
      const pick = latest.current.onPick
      if (pick && !markerAt(map, e.point)) pick([e.lngLat.lng, e.lngLat.lat])
    })
    map.on('click', CHOROPLETH, (e) => {
      if (latest.current.onPick) return
      const adcode = e.features?.[0]?.properties.adcode as string | undefined
      if (adcode) latest.current.onSelect(adcode)
    })
    return () => {
      clearTimeout(idleTimer)
      mapRef.current = null
      map.remove()
    }
  }, [])

  const map = ready ? mapRef.current : null
  useEffect(() => {
    map?.setPaintProperty(CHOROPLETH, 'fill-color', props.fillColor)
  }, [map, props.fillColor])
  useEffect(() => {
    map?.setFilter(HOVER_LINE, countyFilter(props.hovered))
  }, [map, props.hovered])
  useEffect(() => {
    map?.setFilter(SELECTED_LINE, countyFilter(props.selected))
    map?.setFilter(CHOROPLETH, choroplethFilter(props.selected))
    // Drilled in, the neighbours fade so the circles and sites over them stay legible.
    map?.setPaintProperty(CHOROPLETH, 'fill-opacity', props.selected ? 0.3 : 0.88)
  }, [map, props.selected])
  // Only the sources whose data changed: a dragged site redraws itself, not every station.
  const drawn = useRef<Overlays | null>(null)
  useEffect(() => {
    if (!map) return
    for (const [key, id] of Object.entries(PLANNER_SOURCES)) {
      const data = props.overlays[key as keyof Overlays]
      if (drawn.current?.[key as keyof Overlays] !== data)
        map.getSource<GeoJSONSource>(id)?.setData(data)
    }
    drawn.current = props.overlays
  }, [map, props.overlays])
  const { sites } = props
  const hiddenKey = sites?.hidden.join(',') ?? ''
  useEffect(() => {
    if (!map) return
    const hidden = hiddenKey === '' ? [] : hiddenKey.split(',')
    // Only the chosen layer's sources are visible, so only they fetch tiles.
    for (const layer of COVERAGE_LAYERS) {
      const on = sites?.layer === layer ? 'visible' : 'none'
      for (const id of [siteCircles(layer), sitePoints(layer)]) {
        map.setLayoutProperty(id, 'visibility', on)
        map.setFilter(id, sitesFilter(hidden))
      }
      if (layer === 'stations') map.setLayoutProperty(STATION_HIT, 'visibility', on)
      if (sites)
        map.setPaintProperty(
          siteCircles(layer),
          'circle-radius',
          metresRadius(sites.radiusM, sites.lat),
        )
    }
  }, [map, sites?.layer, sites?.radiusM, sites?.lat, hiddenKey])
  useEffect(() => {
    if (map) setScenarioData(map, props.scenario.overlays)
  }, [map, props.scenario.overlays])
  useEffect(() => {
    const f = props.focus
    if (f && mapRef.current)
      mapRef.current.fitBounds(f.bbox, { padding: 32, maxZoom: 13, duration: 500 })
  }, [props.focus])

  // Toggled rather than rendered: React would drop the classes MapLibre puts on the container.
  const picking = props.onPick !== null
  useEffect(() => {
    container.current?.classList.toggle('map-picking', picking)
  }, [picking])

  return <div ref={container} className="map" role="region" aria-label={props.label} />
}
