import { describe, expect, test } from 'vitest'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { distanceToGeometryM } from '../../../server/geo/polygon-distance.ts'
import { square } from './coverage/fixtures.ts'

// The oracle: geodesic distance to the nearest point of the outline, found by sampling each
// edge every metre or so.
const area = square(120.15, 30.2, 0.1)
const ring = area.type === 'Polygon' ? (area.coordinates[0] as number[][]) : []
function bruteForceM(p: [number, number]): number {
  let best = Infinity
  for (let i = 1; i < ring.length; i++) {
    const [a, b] = [ring[i - 1]!, ring[i]!]
    for (let t = 0; t <= 1; t += 1 / 2000) {
      const q: [number, number] = [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)]
      best = Math.min(best, distanceM(p, q))
    }
  }
  return best
}

describe('distanceToGeometryM', () => {
  test('is 0 inside', () => {
    expect(distanceToGeometryM([120.2, 30.25], area)).toBe(0)
  })

  test('is the distance to the nearest edge or corner outside, within 0.2 %', () => {
    const outside: [number, number][] = [
      [120.3, 30.25], // east of an edge, ~4.8 km
      [120.2, 30.31], // north of an edge, ~1.1 km
      [120.27, 30.33], // beyond a corner
      [120.1499, 30.25], // 10 m west
      [120.6, 30.5], // far: only needs to be large
    ]
    for (const p of outside) {
      const oracle = bruteForceM(p)
      expect(Math.abs(distanceToGeometryM(p, area) - oracle) / oracle, String(p)).toBeLessThan(
        0.002,
      )
    }
  })
})
