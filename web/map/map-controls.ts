import { useEffect, useRef } from 'react'
import type { RefObject } from 'react'
import maplibregl from 'maplibre-gl'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { useT } from '../i18n/i18n.ts'
import type { BaseMessages } from '../i18n/messages.ts'

export type MapControlStrings = BaseMessages['mapControls']

/** MapLibre's `locale` option: its UI strings in the page's language. */
export const mapLocale = (s: MapControlStrings) => ({
  'NavigationControl.ZoomIn': s.zoomIn,
  'NavigationControl.ZoomOut': s.zoomOut,
  'Map.Title': s.canvas,
})

const attributions = new WeakMap<MapLibreMap, maplibregl.AttributionControl>()

/** The attribution spelled out bottom left, naming the county outlines in the page's language. */
export function addAttribution(map: MapLibreMap, s: MapControlStrings) {
  const old = attributions.get(map)
  if (old) map.removeControl(old)
  const control = new maplibregl.AttributionControl({
    compact: false,
    customAttribution: s.boundaries,
  })
  map.addControl(control, 'bottom-left')
  attributions.set(map, control)
}

/**
 * Follows a language toggle on a map made earlier: MapLibre reads `locale` only when it builds
 * a control, so the labels it wrote (zoom buttons, canvas) are rewritten in place, by the class
 * names its stylesheet documents, and the attribution is rebuilt.
 */
export function setMapControlStrings(map: MapLibreMap, s: MapControlStrings) {
  const label = (selector: string, text: string) => {
    const el = map.getContainer().querySelector(selector)
    el?.setAttribute('aria-label', text)
    if (el?.hasAttribute('title')) el.setAttribute('title', text)
  }
  label('.maplibregl-ctrl-zoom-in', s.zoomIn)
  label('.maplibregl-ctrl-zoom-out', s.zoomOut)
  label('.maplibregl-canvas', s.canvas)
  addAttribution(map, s)
}

/**
 * The page's strings for a map's controls: `.current` is what to create the map with, and each
 * language toggle after that is applied to the map in `mapRef`.
 */
export function useMapControlStrings(
  mapRef: RefObject<MapLibreMap | null>,
): RefObject<MapControlStrings> {
  const t = useT()
  const applied = useRef(t.mapControls)
  useEffect(() => {
    if (applied.current === t.mapControls || !mapRef.current) return
    applied.current = t.mapControls
    setMapControlStrings(mapRef.current, t.mapControls)
  }, [t, mapRef])
  return applied
}
