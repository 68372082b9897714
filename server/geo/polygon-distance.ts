import type { LonLat } from '../domain/geojson.ts'
import { metresPerDegree } from './coverage/local-distance.ts'
import { pointInGeometry, polygonsOf, type AreaGeometry } from './polygon.ts'

/**
 * Metres from a point to the nearest land of an area: 0 inside, else the distance to the
 * nearest edge, in the point's tangent plane (metres per degree at its latitude). Within
 * 25 km that is within 0.1 % of the geodesic distance (local-distance.ts); farther away it
 * only grows, so "within D of the county" is decided correctly for D up to 25 km.
 */
export function distanceToGeometryM(point: LonLat, geometry: AreaGeometry): number {
  if (pointInGeometry(point, geometry)) return 0
  const perDeg = metresPerDegree(point[1])
  let best = Infinity
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as number[]
        const b = ring[i] as number[]
        const ax = ((a[0] as number) - point[0]) * perDeg.lon
        const ay = ((a[1] as number) - point[1]) * perDeg.lat
        const bx = ((b[0] as number) - point[0]) * perDeg.lon
        const by = ((b[1] as number) - point[1]) * perDeg.lat
        best = Math.min(best, segmentToOriginM(ax, ay, bx, by))
      }
    }
  }
  return best
}

/** Distance from the origin to the segment (ax, ay)–(bx, by). */
function segmentToOriginM(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax
  const dy = by - ay
  const length2 = dx * dx + dy * dy
  const t = length2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / length2)) : 0
  return Math.hypot(ax + t * dx, ay + t * dy)
}
