import { expect, test } from 'vitest'
import { circlePolygon } from '../../web/map/circle.ts'
import { distanceM } from '../../server/geo/geodesic.ts'

test('accuracy ring vertices lie at the radius (geodesic, within 0.5 %) and the ring closes', () => {
  for (const radiusM of [15, 120, 2500]) {
    const ring = circlePolygon([120.1551, 30.2741], radiusM, 48).coordinates[0]!
    expect(ring).toHaveLength(49)
    expect(ring[0]).toEqual(ring[48])
    for (const p of ring) {
      expect(
        Math.abs(distanceM([120.1551, 30.2741], [p[0]!, p[1]!]) - radiusM) / radiusM,
      ).toBeLessThan(0.005)
    }
  }
})
