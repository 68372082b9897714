import type { LonLat } from '../../domain/geojson.ts'

const A_M = 6_378_137
const F = 1 / 298.257223563
const E2 = F * (2 - F)
const RAD = Math.PI / 180

/**
 * Largest relative error of localDistanceM against distanceM that callers may assume, for
 * distances up to LOCAL_DISTANCE_MAX_M at latitudes within ±60°. The measured worst case is
 * ~1e-5 (the flat-earth error grows like (d / 6371 km)² plus the change of the radii of
 * curvature across the span); tests/…/local-distance.test.ts checks a 10× tighter bound.
 */
export const LOCAL_DISTANCE_MAX_REL_ERROR = 1e-3
export const LOCAL_DISTANCE_MAX_M = 25_000

/**
 * Fast approximate ellipsoidal distance for short spans: the plane tangent at the mid-latitude,
 * scaled by the meridional (M) and prime-vertical (N) radii of curvature. About 50× cheaper than
 * the geodesic; coverage uses it only to classify cells that are clearly inside or outside a
 * station's radius and hands the doubtful band to distanceM.
 */
export function localDistanceM(a: LonLat, b: LonLat): number {
  const latM = ((a[1] + b[1]) / 2) * RAD
  const s = Math.sin(latM)
  const w2 = 1 - E2 * s * s
  const w = Math.sqrt(w2)
  const n = A_M / w
  const m = (A_M * (1 - E2)) / (w2 * w)
  const dy = m * (b[1] - a[1]) * RAD
  const dx = n * Math.cos(latM) * (b[0] - a[0]) * RAD
  return Math.sqrt(dx * dx + dy * dy)
}

/** Metres per degree of latitude (M·π/180) and of longitude (N·cos φ·π/180) at latitude `lat`. */
export function metresPerDegree(lat: number): { lat: number; lon: number } {
  const phi = lat * RAD
  const s = Math.sin(phi)
  const w2 = 1 - E2 * s * s
  const w = Math.sqrt(w2)
  return { lat: ((A_M * (1 - E2)) / (w2 * w)) * RAD, lon: (A_M / w) * Math.cos(phi) * RAD }
}

/**
 * Degrees of latitude and longitude that certainly contain every point within `distanceM` of a
 * point at `lat` (for a bounding-box prefilter): metres per degree shrink towards the equator
 * (latitude) and towards the pole (longitude), so both use their smallest value over the box.
 */
export function degreesAround(lat: number, distanceM: number): { dLat: number; dLon: number } {
  // Meridional radius is smallest at the equator: a(1 − e²).
  const dLat = (distanceM / (A_M * (1 - E2) * RAD)) * 1.001
  const poleward = Math.min(89.9, Math.abs(lat) + dLat)
  // Parallel radius N·cos φ ≥ a·cos φ, taken at the poleward edge of the box.
  const dLon = (distanceM / (A_M * Math.cos(poleward * RAD) * RAD)) * 1.001
  return { dLat, dLon: Math.min(180, dLon) }
}
