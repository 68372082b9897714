import { useEffect, useRef } from 'react'
import maplibregl from 'maplibre-gl'
import type { Map as MapLibreMap, Marker } from 'maplibre-gl'
import type { LonLat } from '../../server/domain/geojson.ts'
import { createBaseMap } from '../map/base-map.ts'
import { useMapControlStrings } from '../map/map-controls.ts'

export interface KioskMapProps {
  here: LonLat
  hereLabel: string
  /** Numbered in list order (1 = nearest). */
  stations: readonly { id: string; lonLat: LonLat; name: string }[]
  selectedId: string | null
  onSelect: (id: string) => void
  /** Changes whenever the map should frame `here` and the stations again (idle reset). */
  homeSeq: number
}

const HOME_ZOOM = 14

/**
 * The kiosk's map: "you are here" and the listed stations as numbered markers a finger can
 * hit (DOM markers, 64 px), framed together. Tapping a marker selects its station.
 */
export function KioskMap({
  here,
  hereLabel,
  stations,
  selectedId,
  onSelect,
  homeSeq,
}: KioskMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const mapRef = useRef<MapLibreMap | null>(null)
  const markers = useRef<Marker[]>([])
  const hereMarker = useRef<Marker | null>(null)
  const latest = useRef(onSelect)
  latest.current = onSelect
  const strings = useMapControlStrings(mapRef)

  useEffect(() => {
    const map = createBaseMap(
      container.current!,
      { lon: here[0], lat: here[1], zoom: HOME_ZOOM },
      strings.current,
    )
    map.on('load', () => performance.mark('waystation:map-load'))
    mapRef.current = map
    return () => {
      map.remove()
      mapRef.current = null
    }
    // The map is made once; later changes move markers and the camera.
  }, [])

  useEffect(() => {
    const map = mapRef.current!
    const el = document.createElement('div')
    el.className = 'kiosk-here'
    el.innerHTML = '<span class="kiosk-here-dot"></span><span class="kiosk-here-label"></span>'
    el.querySelector('.kiosk-here-label')!.textContent = hereLabel
    hereMarker.current = new maplibregl.Marker({ element: el }).setLngLat(here).addTo(map)
    return () => {
      hereMarker.current?.remove()
    }
  }, [here, hereLabel])

  useEffect(() => {
    const map = mapRef.current!
    markers.current = stations.map((s, i) => {
      const el = document.createElement('button')
      el.type = 'button'
      el.className = 'kiosk-marker'
      el.textContent = String(i + 1)
      el.setAttribute('aria-label', `${i + 1}. ${s.name}`)
      el.dataset.id = s.id
      el.addEventListener('click', (e) => {
        e.stopPropagation()
        latest.current(s.id)
      })
      return new maplibregl.Marker({ element: el }).setLngLat(s.lonLat).addTo(map)
    })
    return () => {
      for (const m of markers.current) m.remove()
      markers.current = []
    }
  }, [stations])

  useEffect(() => {
    for (const m of markers.current) {
      const el = m.getElement()
      el.classList.toggle('kiosk-marker-selected', el.dataset.id === selectedId)
    }
  }, [selectedId, stations])

  // Frame here and the stations: on the first data, and back home after an idle timeout.
  const framed = stations.length > 0
  useEffect(() => {
    const map = mapRef.current!
    const bounds = new maplibregl.LngLatBounds(here, here)
    for (const s of stations) bounds.extend(s.lonLat)
    map.fitBounds(bounds, { padding: 96, maxZoom: 16, duration: 0 })
    // Stations refreshed in place must not move the map under a finger.
  }, [homeSeq, framed, here])

  return <div className="kiosk-map" ref={container} />
}
