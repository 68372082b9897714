import type { Map as MapLibreMap } from 'maplibre-gl'

/**
 * Calls `onFatal` for an error that keeps the map from drawing at all: one before the style
 * has loaded. Tile and source hiccups afterwards (a tile refused under load, a request aborted)
 * are reported by MapLibre too, while `isStyleLoaded()` and `loaded()` are false because tiles
 * are still loading; those are not fatal, so the check is whether `load` ever fired.
 */
export function onFatalMapError(map: MapLibreMap, onFatal: (message: string) => void): void {
  let loaded = false
  map.once('load', () => {
    loaded = true
  })
  map.on('error', (e) => {
    if (!loaded) onFatal(e.error?.message ?? 'map error')
  })
}
