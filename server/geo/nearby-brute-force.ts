import type { LonLat } from '../domain/geojson.ts'
import { distanceM, initialBearingDeg } from './geodesic.ts'
import type { GetId, NearbyHit, NearbyOptions } from './spatial-index.ts'

/**
 * The oracle for PointIndex.nearby, and the naive baseline in bench/nearby-index.ts: measure
 * every item, keep those within radiusM that pass the filter, sort by distance then id. Each
 * hit's bearing is initialBearingDeg's, solved apart from its distance.
 */
export function nearbyBruteForce<T>(
  items: readonly T[],
  getLonLat: (item: T) => LonLat,
  origin: LonLat,
  opts: NearbyOptions<T>,
  getId?: GetId<T>,
): Array<NearbyHit<T>> {
  const limit = Math.floor(opts.limit)
  if (limit < 1) return []
  const hits: Array<{ item: T; distanceM: number; id: string | number }> = []
  items.forEach((item, i) => {
    if (opts.filter && !opts.filter(item)) return
    const d = distanceM(origin, getLonLat(item))
    if (d <= opts.radiusM) hits.push({ item, distanceM: d, id: getId ? getId(item, i) : i })
  })
  hits.sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return hits.slice(0, limit).map(({ item, distanceM }) => ({
    item,
    distanceM,
    bearingDeg: initialBearingDeg(origin, getLonLat(item)),
  }))
}
