import maplibregl from 'maplibre-gl'
import type { Map as MapLibreMap, MapOptions } from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import { LABEL_FONT_CSS } from '../../server/domain/map-fonts.ts'
import type { MapView } from './url-state.ts'
import { addAttribution, mapLocale } from './map-controls.ts'
import type { MapControlStrings } from './map-controls.ts'

// PMTiles support is fetched only if a style asks for a pmtiles:// source.
let pmtilesProtocol: Promise<
  (
    params: maplibregl.RequestParameters,
    abort: AbortController,
  ) => Promise<maplibregl.GetResourceResponse<unknown>>
> | null = null
maplibregl.addProtocol('pmtiles', async (params, abort) => {
  pmtilesProtocol ??= import('pmtiles').then(({ Protocol }) => new Protocol().tile)
  return (await pmtilesProtocol)(params, abort)
})

/**
 * A MapLibre map on our offline basemap (/basemap/style.json) with the controls every page
 * shares, labelled in the page's language: zoom buttons top right, attribution spelled out
 * bottom left, no rotation. The map is also put on window for the browser tests.
 */
export function createBaseMap(
  container: HTMLElement,
  view: MapView,
  strings: MapControlStrings,
  options: Partial<MapOptions> = {},
): MapLibreMap {
  const map = new maplibregl.Map({
    container,
    style: '/basemap/style.json',
    center: [view.lon, view.lat],
    zoom: view.zoom,
    localIdeographFontFamily: LABEL_FONT_CSS,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    minZoom: 4,
    maxZoom: 19,
    locale: mapLocale(strings),
    ...options,
  })
  map.touchZoomRotate.disableRotation()
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  addAttribution(map, strings)
  ;(window as unknown as { __waystationMap?: MapLibreMap }).__waystationMap = map
  return map
}
