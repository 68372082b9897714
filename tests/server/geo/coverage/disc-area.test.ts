import geographiclib from 'geographiclib-geodesic'
import { describe, expect, test } from 'vitest'
import { geodesicDiscAreaKm2 } from '../../../../server/geo/coverage/disc-area.ts'

const { Geodesic } = geographiclib

/** Area (km²) of the n-gon inscribed in the geodesic circle, by geographiclib. */
function inscribedAreaKm2(lat: number, radiusM: number, n: number): number {
  const polygon = Geodesic.WGS84.Polygon(false)
  for (let k = 0; k < n; k++) {
    const p = Geodesic.WGS84.Direct(lat, 120, (360 * k) / n, radiusM)
    polygon.AddPoint(p.lat2 as number, p.lon2 as number)
  }
  return Math.abs(polygon.Compute(false, true).area ?? 0) / 1e6
}

describe('geodesicDiscAreaKm2', () => {
  for (const lat of [0, 27, 31, 60]) {
    for (const radiusM of [200, 1000, 3000, 10_000]) {
      test(`matches geographiclib at ${lat}°, R = ${radiusM} m`, () => {
        // An inscribed n-gon misses ∝ 1/n² of the disc: extrapolate from n and 2n.
        const coarse = inscribedAreaKm2(lat, radiusM, 2048)
        const fine = inscribedAreaKm2(lat, radiusM, 4096)
        const exact = fine + (fine - coarse) / 3
        const got = geodesicDiscAreaKm2(lat, radiusM)
        expect(Math.abs(got - exact) / exact).toBeLessThan(1e-8)
      })
    }
  }

  test('is a hair less than πr² (positive curvature), more so for larger discs', () => {
    const deficit = (r: number) => 1 - geodesicDiscAreaKm2(30, r) / ((Math.PI * r * r) / 1e6)
    expect(deficit(3000)).toBeGreaterThan(1e-8)
    expect(deficit(3000)).toBeLessThan(3e-8)
    expect(deficit(10_000)).toBeGreaterThan(deficit(3000))
  })
})
