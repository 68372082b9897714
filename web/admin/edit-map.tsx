import { useEffect, useRef } from 'react'
import maplibregl from 'maplibre-gl'
import type { Map as MapLibreMap, Marker } from 'maplibre-gl'
import { createBaseMap } from '../map/base-map.ts'
import { useMapControlStrings } from '../map/map-controls.ts'

const ZOOM = 15

export interface EditMapProps {
  lon: number
  lat: number
  label: string
  /** Where the marker was dropped. */
  onMove: (lon: number, lat: number) => void
}

/** The record's marker on the map, draggable; the map follows when the record changes. */
export function EditMap({ lon, lat, label, onMove }: EditMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const markerRef = useRef<Marker | null>(null)
  const onMoveRef = useRef(onMove)
  onMoveRef.current = onMove
  const strings = useMapControlStrings(mapRef)

  useEffect(() => {
    const map = createBaseMap(container.current!, { lon, lat, zoom: ZOOM }, strings.current)
    const marker = new maplibregl.Marker({ draggable: true, color: '#c2410c' })
      .setLngLat([lon, lat])
      .addTo(map)
    marker.on('dragend', () => {
      const p = marker.getLngLat()
      onMoveRef.current(round(p.lng), round(p.lat))
    })
    mapRef.current = map
    markerRef.current = marker
    return () => {
      map.remove()
      mapRef.current = null
    }
    // The map is made once; later positions move the marker and the camera.
  }, [])

  useEffect(() => {
    const marker = markerRef.current
    if (marker === null) return
    marker.setLngLat([lon, lat])
    marker.getElement().setAttribute('aria-label', label)
    const map = mapRef.current!
    if (!map.getBounds().contains([lon, lat])) map.easeTo({ center: [lon, lat] })
  }, [lon, lat, label])

  return <div ref={container} className="admin-map" />
}

/** Seven decimals: about a centimetre, as stored coordinates are written. */
const round = (deg: number) => Math.round(deg * 1e7) / 1e7
