import { useCallback, useEffect, useState } from 'react'
import { fetchAllStations } from '../api/client.ts'
import type { MapStation } from '../api/client.ts'

export interface MapStations {
  /** The stations loaded so far, page by page. */
  stations: MapStation[]
  status: 'idle' | 'loading' | 'ok' | 'error'
  retry: () => void
}

/**
 * Every station for the map layer, handed over page by page as they arrive (from `start` on), so
 * markers appear while the rest still loads rather than after the last page.
 */
export function useMapStations(start: boolean): MapStations {
  const [stations, setStations] = useState<MapStation[]>([])
  const [status, setStatus] = useState<MapStations['status']>('idle')
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!start) return
    const ctrl = new AbortController()
    setStations([])
    setStatus('loading')
    fetchAllStations((page) => {
      if (!ctrl.signal.aborted) setStations((s) => [...s, ...page])
    }, ctrl.signal).then(
      () => !ctrl.signal.aborted && setStatus('ok'),
      () => !ctrl.signal.aborted && setStatus('error'),
    )
    return () => ctrl.abort()
  }, [start, attempt])
  const retry = useCallback(() => setAttempt((a) => a + 1), [])
  return { stations, status, retry }
}
