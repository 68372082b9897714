import geographiclib from 'geographiclib-geodesic'
import type { LonLat } from '../domain/geojson.ts'

/**
 * The one geodesic distance of the project: index refinement, the brute-force oracle and the
 * API all call distanceM, so they can never disagree about who is nearer. Karney's algorithm
 * on the WGS-84 ellipsoid, accurate to ~15 nm; geographiclib takes (lat, lon), we take [lon, lat].
 */

// A CommonJS bundle: Node exposes it only as a default export.
const { Geodesic } = geographiclib
const WGS84 = Geodesic.WGS84
const DISTANCE_MASK = Geodesic.DISTANCE
const AZIMUTH_MASK = Geodesic.AZIMUTH

/** Geodesic distance in metres on the WGS-84 ellipsoid. */
export function distanceM(a: LonLat, b: LonLat): number {
  const s12 = WGS84.Inverse(a[1], a[0], b[1], b[0], DISTANCE_MASK).s12
  // s12 is always present when DISTANCE is requested; the typings mark it optional.
  return s12 ?? Number.NaN
}

/**
 * Initial bearing of the geodesic from `from` to `to`, clockwise from north, in [0, 360);
 * 0 for coincident points (no bearing: geographiclib answers 180, we pick due north).
 */
export function initialBearingDeg(from: LonLat, to: LonLat): number {
  if (from[0] === to[0] && from[1] === to[1]) return 0
  return bearingOf(WGS84.Inverse(from[1], from[0], to[1], to[0], AZIMUTH_MASK).azi1)
}

/**
 * distanceM and initialBearingDeg from one solve (the iteration is most of each): the same
 * numbers, for the nearby search, which needs both of each hit.
 */
export function distanceAndBearing(
  from: LonLat,
  to: LonLat,
): { distanceM: number; bearingDeg: number } {
  const { s12, azi1 } = WGS84.Inverse(from[1], from[0], to[1], to[0], DISTANCE_MASK | AZIMUTH_MASK)
  const coincident = from[0] === to[0] && from[1] === to[1]
  return { distanceM: s12 ?? Number.NaN, bearingDeg: coincident ? 0 : bearingOf(azi1) }
}

/** An azimuth in (-180, 180] as a bearing in [0, 360). */
function bearingOf(azi1: number | undefined): number {
  const a = azi1 ?? Number.NaN
  const bearingDeg = a < 0 ? a + 360 : a
  // -0 and tiny negative azimuths would round to 360 after the shift; keep the range half-open.
  return bearingDeg >= 360 ? 0 : bearingDeg + 0
}

/** Radius (m) of the sphere geokdbush ranks on: `earthRadius = 6371` (km) in its index.js. */
export const GEOKDBUSH_RADIUS_M = 6_371_000

const WGS84_A_M = 6_378_137
const WGS84_F = 1 / 298.257223563
const WGS84_E2 = WGS84_F * (2 - WGS84_F)
/** Smallest radius of curvature anywhere: the meridional one at the equator, a(1 - e²). */
const MIN_CURVATURE_RADIUS_M = WGS84_A_M * (1 - WGS84_E2)
/** Largest: both radii at the poles, a / √(1 - e²). */
const MAX_CURVATURE_RADIUS_M = WGS84_A_M / Math.sqrt(1 - WGS84_E2)

/**
 * Largest relative gap g between geokdbush's great-circle distance dS and the ellipsoidal
 * geodesic distance dE for the same [lon, lat] pair, anywhere on Earth:
 *   dS ≤ (1 + g)·dE  and  dE ≤ (1 + g)·dS.
 *
 * Why: map the ellipsoid to the sphere by keeping (lat, lon). A small step (dφ, dλ) has length
 * √((M dφ)² + (N cosφ dλ)²) on the ellipsoid and R·√(dφ² + cos²φ dλ²) on the sphere, so the map
 * stretches every step by a factor between R/max(M, N) and R/min(M, N). Carrying the ellipsoidal
 * geodesic over to the sphere gives a path no longer than (R/M_min)·dE, and the great circle is
 * shorter still: dS ≤ (R/M_min)·dE. The same argument backwards: dE ≤ (N_max/R)·dS.
 * With R = 6371 km: R/M_min − 1 ≈ 0.005613, N_max/R − 1 ≈ 0.004488; the larger one wins, and a
 * small margin covers rounding in geokdbush's haversine. The bound is nearly tight (a short
 * north–south step at the equator reaches R/M_min), which the geodesic tests check.
 */
export const SPHERE_ELLIPSOID_MAX_REL_GAP =
  Math.max(
    GEOKDBUSH_RADIUS_M / MIN_CURVATURE_RADIUS_M,
    MAX_CURVATURE_RADIUS_M / GEOKDBUSH_RADIUS_M,
  ) -
  1 +
  1e-9
