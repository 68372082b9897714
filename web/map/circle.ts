import type { Polygon } from 'geojson'
import type { LonLat } from '../../server/domain/geojson.ts'

const EARTH_RADIUS_M = 6_371_008.8
const toRad = (d: number) => (d * Math.PI) / 180
const toDeg = (r: number) => (r * 180) / Math.PI

/**
 * A circle of radiusM around center as a closed ring of `steps` vertices, by the spherical
 * destination formula: for an accuracy ring (tens to thousands of metres) the ellipsoid's
 * difference is a fraction of a percent, far below the accuracy it draws.
 */
export function circlePolygon(center: LonLat, radiusM: number, steps = 64): Polygon {
  const [lon0, lat0] = [toRad(center[0]), toRad(center[1])]
  const d = radiusM / EARTH_RADIUS_M
  const ring: [number, number][] = []
  for (let i = 0; i < steps; i++) {
    const brg = (2 * Math.PI * i) / steps
    const lat = Math.asin(
      Math.sin(lat0) * Math.cos(d) + Math.cos(lat0) * Math.sin(d) * Math.cos(brg),
    )
    const lon =
      lon0 +
      Math.atan2(
        Math.sin(brg) * Math.sin(d) * Math.cos(lat0),
        Math.cos(d) - Math.sin(lat0) * Math.sin(lat),
      )
    ring.push([toDeg(lon), toDeg(lat)])
  }
  ring.push(ring[0]!)
  return { type: 'Polygon', coordinates: [ring] }
}
