import type { LonLat } from '../domain/geojson.ts'
import { distanceM } from './geodesic.ts'
import { geometryBBox, pointInGeometry, polygonsOf, type AreaGeometry } from './polygon.ts'

/**
 * A point on a Polygon or MultiPolygon, for a label: the centre of its bounding box when that
 * lies inside, else the vertex nearest to that centre (turf's pointOnFeature, which the server
 * no longer loads: @turf/turf took ~0.5 s of every start-up for this one function).
 */
export function pointOnSurface(geometry: AreaGeometry): LonLat {
  const [w, s, e, n] = geometryBBox(geometry)
  const centre: LonLat = [(w + e) / 2, (s + n) / 2]
  if (pointInGeometry(centre, geometry)) return centre
  let nearest = centre
  let nearestM = Infinity
  for (const ring of polygonsOf(geometry).flat()) {
    for (const [lon, lat] of ring) {
      const d = distanceM(centre, [lon!, lat!])
      if (d < nearestM) [nearest, nearestM] = [[lon!, lat!], d]
    }
  }
  return nearest
}
