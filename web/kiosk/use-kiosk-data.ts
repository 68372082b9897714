import { useEffect, useState } from 'react'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { NearbyStationFeature } from '../../server/domain/station.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import { fetchNearbyClasses, fetchNearbyStations } from '../api/client.ts'

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
        const [stations, classes] = await Promise.all([
          fetchNearbyStations(
            { ...where, limit: KIOSK_LIMIT, amenities: [], kind: null, openNow: false },
            ctrl.signal,
          ),
          fetchNearbyClasses({ ...where, age: null, date: null, hasSeats: false }, ctrl.signal),
        ])
        setData({
          stations: stations.features,
          classes: classes.features.slice(0, KIOSK_LIMIT),
          updatedAt: new Date(),
          offline: false,
        })
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
