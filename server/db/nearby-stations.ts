import type { LonLat } from '../domain/geojson.ts'
import type { Station } from '../domain/station.ts'
import type { NearbyOptions, NearbyResult, StationFilter, Store } from './store.ts'

/**
 * Store.nearbyStations from the store's nearbyStationPoints and getStations. Records are
 * matched by id: getStations skips a station gone since the points were read, and a hit must
 * never carry its neighbour's record.
 */
export async function nearbyStations(
  store: Pick<Store, 'nearbyStationPoints' | 'getStations'>,
  origin: LonLat,
  options: NearbyOptions<StationFilter>,
): Promise<NearbyResult<Station>> {
  const { hits, total } = await store.nearbyStationPoints(origin, options)
  const byId = new Map((await store.getStations(hits.map((h) => h.item.id))).map((s) => [s.id, s]))
  return {
    hits: hits.flatMap(({ item, distanceM, bearingDeg }) => {
      const station = byId.get(item.id)
      return station ? [{ item: station, distanceM, bearingDeg }] : []
    }),
    total,
  }
}
