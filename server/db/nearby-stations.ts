import type { LonLat } from '../domain/geojson.ts'
import type { Station } from '../domain/station.ts'
import type { NearbyOptions, NearbyResult, StationFilter, Store } from './store.ts'

/** Store.nearbyStations from the store's nearbyStationPoints and getStations. */
export async function nearbyStations(
  store: Pick<Store, 'nearbyStationPoints' | 'getStations'>,
  origin: LonLat,
  options: NearbyOptions<StationFilter>,
): Promise<NearbyResult<Station>> {
  const { hits, total } = await store.nearbyStationPoints(origin, options)
  const stations = await store.getStations(hits.map((h) => h.item.id))
  return { hits: hits.map((h, i) => ({ item: stations[i]!, distanceM: h.distanceM })), total }
}
