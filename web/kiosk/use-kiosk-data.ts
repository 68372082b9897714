import { useEffect, useState } from 'react'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { NearbyStationFeature } from '../../server/domain/station.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import { fetchKioskNearby } from '../api/kiosk-client.ts'

/** How far a kiosk looks: a logistics park may be well outside town. */
export const KIOSK_RADIUS_M = 10_000
/** Enough to fill the tallest list; the page shows as many as fit. */
const KIOSK_LIMIT = 8
/** While the server cannot be reached, try again at least this often. */
const OFFLINE_RETRY_S = 5

export interface KioskData {
  stations: NearbyStationFeature[] | null
  classes: NearbyClassFeature[] | null
  /** When the data shown was received; null before the first answer. */
  updatedAt: Date | null
  /** The last refresh failed: what is shown is older than it should be. */
  offline: boolean
}

/**
 * Stations and classes around `origin`, refreshed every `refreshS` seconds. A failed refresh
 * keeps the last data and says so (`offline`), then retries sooner until the server answers.
 * An answer from the kiosk service worker's cache counts as failed, though with nothing on
 * screen yet (a reload while the server is down) it is shown, dated when the server sent it.
 */
export function useKioskData(origin: LonLat, refreshS: number): KioskData {
  const [data, setData] = useState<KioskData>({
    stations: null,
    classes: null,
    updatedAt: null,
    offline: false,
  })
  const [lon, lat] = origin
  useEffect(() => {
    const ctrl = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const where = { origin: [lon, lat] as LonLat, radiusM: KIOSK_RADIUS_M, adcode: null }
    const refresh = async () => {
      clearTimeout(timer)
      let nextS = refreshS
      try {
        const { cachedAt, ...fresh } = await fetchKioskNearby(where, KIOSK_LIMIT, ctrl.signal)
        // The service worker's copy (the server is still unreachable): better than nothing
        // after a reload, but never in place of newer data already on screen.
        setData((d) =>
          !cachedAt
            ? { ...fresh, updatedAt: new Date(), offline: false }
            : d.stations
              ? { ...d, offline: true }
              : { ...fresh, updatedAt: cachedAt, offline: true },
        )
        if (cachedAt) nextS = Math.min(refreshS, OFFLINE_RETRY_S)
      } catch {
        if (ctrl.signal.aborted) return
        setData((d) => (d.offline ? d : { ...d, offline: true }))
        nextS = Math.min(refreshS, OFFLINE_RETRY_S)
      }
      if (!ctrl.signal.aborted) timer = setTimeout(refresh, nextS * 1000)
    }
    void refresh()
    // The network coming back is worth a refresh at once.
    window.addEventListener('online', refresh)
    return () => {
      ctrl.abort()
      clearTimeout(timer)
      window.removeEventListener('online', refresh)
    }
  }, [lon, lat, refreshS])
  return data
}
