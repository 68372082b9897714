import { useEffect, useRef, useState } from 'react'
import type {
  GeoJSONSource,
  Map as MapLibreMap,
  MapMouseEvent,
  PaddingOptions,
  VectorTileSource,
} from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'
import { TILE_MAX_ZOOM } from '../../server/domain/tile-format.ts'
import {
  appLayers,
  CLASS_POINTS,
  CLUSTERS,
  selectedFilter,
  setStationLayerFilter,
  SOURCES,
  STATION_POINTS,
  tilesUrl,
} from './layers.ts'
import type { StationLayerFilter } from './layers.ts'
import type { Amenity } from '../../server/domain/vocabularies.ts'
import { createBaseMap } from './base-map.ts'
import { addMarkerImages } from './marker-images.ts'
import { circlePolygon } from './circle.ts'
import type { MapView as View } from './url-state.ts'
import { useMapControlStrings } from './map-controls.ts'
import { onFatalMapError } from './fatal-map-error.ts'

export interface UserPosition {
  lonLat: LonLat
  accuracyM: number
}

/** A request to move the camera; `seq` makes a repeat of the same place count. */
export type FocusRequest =
  | { seq: number; center: LonLat; zoom?: number }
  | {
      seq: number
      bbox: [number, number, number, number]
      padding?: PaddingOptions
      /** Leave the camera alone when the bbox already shows inside the padding (a shared view). */
      keepIfVisible?: boolean
    }

export interface MapViewProps {
  initialView: View
  /** Which stations the map shows; it draws them from the API's vector tiles. */
  stationFilter: StationLayerFilter
  /** Draw only the stations open at this instant (ISO, a whole minute); null: all of them. */
  stationsOpenAt: string | null
  classes: FeatureCollection<Point> | null
  selectedId: string | null
  origin: LonLat | null
  user: UserPosition | null
  focus: FocusRequest | null
  label: string
  onSelectStation: (id: string) => void
  onSelectClass: (id: string) => void
  onPick: (lonLat: LonLat) => void
  onView: (view: View) => void
  onError: (message: string) => void
  /** The basemap has drawn: a good moment to fetch what competes with it for the network. */
  onLoad: () => void
}

const ON_TOP = new Set(['origin', 'user-dot'])
const empty: FeatureCollection = { type: 'FeatureCollection', features: [] }
const point = (p: LonLat | null): FeatureCollection =>
  p
    ? {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } },
        ],
      }
    : empty

/** The one place that drives MapLibre imperatively; everything else passes props. */
export function MapView(props: MapViewProps) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const [ready, setReady] = useState(false)
  const latest = useRef(props)
  latest.current = props
  const strings = useMapControlStrings(mapRef)
  /** The stations' tile URL in use (the source knows it only once loaded). */
  const stationTiles = useRef('')

  useEffect(() => {
    const { initialView } = latest.current
    // Attribution bottom left: the locate button owns the bottom-right corner.
    const map = createBaseMap(container.current!, initialView, strings.current)
    mapRef.current = map

    map.on('load', () => {
      performance.mark('waystation:map-load')
      addMarkerImages(map)
      const p = latest.current
      // Clustered on the server up to zoom 12; deeper than its last zoom MapLibre overzooms.
      map.addSource(SOURCES.stations, {
        type: 'vector',
        tiles: [(stationTiles.current = tilesUrl('stations', { openAt: p.stationsOpenAt }))],
        maxzoom: TILE_MAX_ZOOM,
      })
      map.addSource(SOURCES.classes, { type: 'geojson', data: p.classes ?? empty })
      map.addSource(SOURCES.userAccuracy, { type: 'geojson', data: empty })
      map.addSource(SOURCES.user, { type: 'geojson', data: empty })
      map.addSource(SOURCES.origin, { type: 'geojson', data: empty })
      // Under the basemap's place names, so clusters never hide a city; the position dots on top.
      const firstLabel = map.getStyle().layers.find((l) => l.type === 'symbol')?.id
      for (const layer of appLayers(p.selectedId, p.stationFilter)) {
        map.addLayer(layer, ON_TOP.has(layer.id) ? undefined : firstLabel)
      }
      setReady(true)
      latest.current.onLoad()
    })
    onFatalMapError(map, (message) => latest.current.onError(message))

    map.on('click', (e: MapMouseEvent) => {
      const hits = map.queryRenderedFeatures(e.point, {
        layers: [CLUSTERS, STATION_POINTS, CLASS_POINTS].filter((l) => map.getLayer(l)),
      })
      const hit = hits[0]
      if (!hit) return latest.current.onPick([e.lngLat.lng, e.lngLat.lat])
      if (hit.layer.id === CLUSTERS) {
        // The tile says at which zoom the cluster splits.
        const center = (hit.geometry as Point).coordinates as [number, number]
        const zoom = Number(hit.properties.expansion_zoom)
        map.easeTo({ center, zoom: Math.min(zoom + 0.5, 16) })
      } else if (hit.layer.id === STATION_POINTS) {
        latest.current.onSelectStation(String(hit.properties.id))
      } else {
        latest.current.onSelectClass(String(hit.properties.id))
      }
    })
    for (const layer of [CLUSTERS, STATION_POINTS, CLASS_POINTS]) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'))
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''))
    }
    map.on('moveend', () => {
      const c = map.getCenter()
      latest.current.onView({ lon: c.lng, lat: c.lat, zoom: map.getZoom() })
    })
    return () => {
      mapRef.current = null
      map.remove()
    }
  }, [])

  const map = ready ? mapRef.current : null
  const { kind, amenities, visible } = props.stationFilter
  // By value: a filter change re-evaluates every tile's features, so not on every render.
  const amenityKey = amenities.join(',')
  useEffect(() => {
    if (!map) return
    const wanted = amenityKey === '' ? [] : (amenityKey.split(',') as Amenity[])
    setStationLayerFilter(map, { kind, amenities: wanted, visible })
  }, [map, kind, amenityKey, visible])
  useEffect(() => {
    // Open now is the server's to decide (the phone has no hours parser): other tiles.
    const source = map?.getSource<VectorTileSource>(SOURCES.stations)
    const url = tilesUrl('stations', { openAt: props.stationsOpenAt })
    if (source && stationTiles.current !== url) source.setTiles([(stationTiles.current = url)])
  }, [map, props.stationsOpenAt])
  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCES.classes)?.setData(props.classes ?? empty)
  }, [map, props.classes])
  useEffect(() => {
    if (map?.getLayer('station-selected'))
      map.setFilter('station-selected', selectedFilter(props.selectedId))
  }, [map, props.selectedId])
  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCES.origin)?.setData(point(props.origin))
  }, [map, props.origin])
  useEffect(() => {
    const u = props.user
    map?.getSource<GeoJSONSource>(SOURCES.user)?.setData(point(u?.lonLat ?? null))
    map
      ?.getSource<GeoJSONSource>(SOURCES.userAccuracy)
      ?.setData(
        u
          ? { type: 'Feature', properties: {}, geometry: circlePolygon(u.lonLat, u.accuracyM) }
          : empty,
      )
  }, [map, props.user])
  useEffect(() => {
    const f = props.focus
    const m = mapRef.current
    if (!f || !m) return
    if ('bbox' in f) {
      if (f.keepIfVisible && showsInside(m, f.bbox, f.padding)) return
      m.fitBounds(f.bbox, { padding: f.padding ?? 48, maxZoom: 15, duration: 600 })
    } else {
      m.easeTo({ center: f.center, zoom: f.zoom ?? Math.max(m.getZoom(), 14), duration: 600 })
    }
  }, [props.focus])

  return <div ref={container} className="map" role="region" aria-label={props.label} />
}

/** True when both corners of `bbox` are on screen inside `padding` (pixels from each edge). */
function showsInside(
  m: maplibregl.Map,
  bbox: [number, number, number, number],
  p?: PaddingOptions,
) {
  const { clientWidth: w, clientHeight: h } = m.getContainer()
  const pad = { top: p?.top ?? 0, bottom: p?.bottom ?? 0, left: p?.left ?? 0, right: p?.right ?? 0 }
  return [
    [bbox[0], bbox[1]],
    [bbox[2], bbox[3]],
  ].every(([lon, lat]) => {
    const { x, y } = m.project([lon!, lat!])
    return x >= pad.left && x <= w - pad.right && y >= pad.top && y <= h - pad.bottom
  })
}
