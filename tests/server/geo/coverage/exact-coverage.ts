import { featureCollection, intersect, polygon, union } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import geographiclib from 'geographiclib-geodesic'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import type { AreaGeometry } from '../../../../server/geo/polygon.ts'
import { geodesicAreaKm2 } from '../../../../server/geo/polygon.ts'

const { Geodesic } = geographiclib

/**
 * Vertices on the oracle's circles. An inscribed n-gon misses 1 − sin(2π/n)/(2π/n) ≈ (2π/n)²/6
 * of the disc: 1.6e-5 at n = 512, so the oracle's own error is ≤ 0.002 pp of any share.
 */
export const ORACLE_CIRCLE_STEPS = 512

/** The geodesic circle of radius radiusM about centre (Direct problem on WGS-84), closed ring. */
export function geodesicCircle(
  centre: LonLat,
  radiusM: number,
  steps = ORACLE_CIRCLE_STEPS,
): Feature<Polygon> {
  const ring: number[][] = []
  for (let k = 0; k < steps; k++) {
    const r = Geodesic.WGS84.Direct(centre[1], centre[0], (360 * k) / steps, radiusM)
    ring.push([r.lon2 as number, r.lat2 as number])
  }
  ring.push(ring[0] as number[])
  return polygon([ring])
}

/**
 * Exact covered share (0–1): ellipsoidal area of (union of geodesic circles ∩ county) over the
 * county's. Clipping happens in the lon/lat plane (polyclip-ts, inside turf), where edges a few
 * metres (circles) or at most a few km (boundaries) long differ from geodesics by far less than a
 * millimetre; areas come from geographiclib, so nothing here is spherical.
 */
export function exactCoveredFraction(
  county: AreaGeometry,
  stations: readonly LonLat[],
  radiusM: number,
  steps = ORACLE_CIRCLE_STEPS,
): number {
  const circles = stations.map((s) => geodesicCircle(s, radiusM, steps))
  if (circles.length === 0) return 0
  const countyFeature: Feature<AreaGeometry> = { type: 'Feature', properties: {}, geometry: county }
  const merged = circles.length === 1 ? circles[0] : union(featureCollection(circles))
  if (!merged) return 0
  const clipped = intersect(featureCollection<Polygon | MultiPolygon>([merged, countyFeature]))
  if (!clipped) return 0
  return geodesicAreaKm2(clipped.geometry) / geodesicAreaKm2(county)
}
