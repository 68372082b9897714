import { describe, expect, test } from 'vitest'
import geographiclib from 'geographiclib-geodesic'
import { distanceM } from '../../server/geo/geodesic.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { bboxReachM, growBbox } from '../../web/planner/extent.ts'
import type { Bbox } from '../../web/planner/extent.ts'

const WGS84 = geographiclib.Geodesic.WGS84
const inside = (b: Bbox, [lon, lat]: [number, number]) =>
  lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3]

function randomBbox(r: ReturnType<typeof createRandom>): Bbox {
  const w = 118 + r.next() * 4
  const s = 27 + r.next() * 4
  return [w, s, w + r.next() * 0.8, s + r.next() * 0.6]
}

describe('bbox extents', () => {
  test('a grown bbox holds every point within the margin of the original (geodesic oracle)', () => {
    const r = createRandom(21)
    for (let i = 0; i < 300; i++) {
      const b = randomBbox(r)
      const marginM = 200 + r.next() * 9800
      const grown = growBbox(b, marginM)
      // A point on the bbox's edge, moved marginM in any direction on the ellipsoid.
      const edge: [number, number] = r.chance(0.5)
        ? [b[r.chance(0.5) ? 0 : 2], b[1] + r.next() * (b[3] - b[1])]
        : [b[0] + r.next() * (b[2] - b[0]), b[r.chance(0.5) ? 1 : 3]]
      const d = WGS84.Direct(edge[1], edge[0], r.next() * 360, marginM)
      expect(inside(grown, [d.lon2!, d.lat2!]), `${b} + ${marginM}`).toBe(true)
    }
  })

  test('the reach bounds the geodesic distance from the centre to every corner, by under 2 %', () => {
    const r = createRandom(22)
    for (let i = 0; i < 300; i++) {
      const b = randomBbox(r)
      const centre: [number, number] = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]
      const far = Math.max(
        ...[
          [b[0], b[1]],
          [b[2], b[1]],
          [b[0], b[3]],
          [b[2], b[3]],
        ].map((c) => distanceM(centre, c as [number, number])),
      )
      expect(bboxReachM(b)).toBeGreaterThanOrEqual(far)
      expect(bboxReachM(b)).toBeLessThan(far * 1.02)
    }
  })
})
