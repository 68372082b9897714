import { describe, expect, test } from 'vitest'
import geographiclib from 'geographiclib-geodesic'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import {
  degreesAround,
  LOCAL_DISTANCE_MAX_M,
  LOCAL_DISTANCE_MAX_REL_ERROR,
  localDistanceM,
  metresPerDegree,
} from '../../../../server/geo/coverage/local-distance.ts'
import { distanceM } from '../../../../server/geo/geodesic.ts'
import { seededRandom } from '../seeded-random.ts'

const { Geodesic } = geographiclib

function destination(from: LonLat, bearingDeg: number, metres: number): LonLat {
  const r = Geodesic.WGS84.Direct(from[1], from[0], bearingDeg, metres)
  return [r.lon2 as number, r.lat2 as number]
}

describe('localDistanceM', () => {
  test('is within a tenth of its advertised relative error of distanceM, ±60° latitude, ≤ 25 km', () => {
    const random = seededRandom(9)
    let worst = 0
    for (let i = 0; i < 5000; i++) {
      const a: LonLat = [-180 + 360 * random(), -60 + 120 * random()]
      const b = destination(a, 360 * random(), 1 + LOCAL_DISTANCE_MAX_M * random())
      const exact = distanceM(a, b)
      worst = Math.max(worst, Math.abs(localDistanceM(a, b) - exact) / exact)
    }
    expect(worst).toBeLessThan(LOCAL_DISTANCE_MAX_REL_ERROR / 10)
  })

  test('metresPerDegree matches short geodesic steps north and east', () => {
    for (const lat of [0, 27.5, 31, 60]) {
      const m = metresPerDegree(lat)
      expect(distanceM([120, lat - 0.0005], [120, lat + 0.0005]) / 0.001).toBeCloseTo(m.lat, 1)
      expect(distanceM([120 - 0.0005, lat], [120 + 0.0005, lat]) / 0.001).toBeCloseTo(m.lon, 1)
    }
  })

  test('degreesAround boxes every point at that distance, in every direction', () => {
    for (const lat of [0, 30, 60, -45]) {
      for (const metres of [200, 3000, 11_000]) {
        const { dLat, dLon } = degreesAround(lat, metres)
        for (let bearing = 0; bearing < 360; bearing += 5) {
          const [lon2, lat2] = destination([120, lat], bearing, metres)
          expect(Math.abs(lat2 - lat)).toBeLessThanOrEqual(dLat)
          expect(Math.abs(lon2 - 120)).toBeLessThanOrEqual(dLon)
        }
      }
    }
  })
})
