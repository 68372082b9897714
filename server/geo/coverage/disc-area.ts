const A_M = 6_378_137
const F = 1 / 298.257223563
const E2 = F * (2 - F)
const RAD = Math.PI / 180

/**
 * Area (km²) of the geodesic disc of radius radiusM about a point at latitude `lat` on WGS-84:
 * the cap of the sphere with the ellipsoid's Gaussian curvature K = 1/(M·N) there,
 * 2π/K·(1 − cos(r·√K)). The disc's area is πr² − πK·r⁴/12 + O(r⁶) on any surface, and the r⁶
 * term from K varying across a 10 km disc is below 1e-15 of it; so this is exact in double
 * precision, and a hair (~2e-8 at 3 km) less than πr². One site can never add more land.
 */
export function geodesicDiscAreaKm2(lat: number, radiusM: number): number {
  const s = Math.sin(lat * RAD)
  const w2 = 1 - E2 * s * s
  // M·N = a²(1 − e²)/w⁴
  const curvature = (w2 * w2) / (A_M * A_M * (1 - E2))
  const half = (radiusM * Math.sqrt(curvature)) / 2
  // 1 − cos x = 2 sin²(x/2), without cancellation.
  return (((4 * Math.PI) / curvature) * Math.sin(half) ** 2) / 1e6
}
