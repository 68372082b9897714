import { describe, expect, test } from 'vitest'
import { discOverlapFraction } from '../../../../server/geo/coverage/disc-overlap.ts'
import { seededRandom } from '../seeded-random.ts'

/** Monte Carlo oracle: share of uniform points of the small disc within R of the origin. */
function monteCarlo(r: number, R: number, d: number, n: number, random: () => number): number {
  let hits = 0
  for (let i = 0; i < n; i++) {
    const rho = r * Math.sqrt(random())
    const t = 2 * Math.PI * random()
    if (Math.hypot(d + rho * Math.cos(t), rho * Math.sin(t)) <= R) hits++
  }
  return hits / n
}

describe('discOverlapFraction', () => {
  test('agrees with Monte Carlo sampling across the partial band', () => {
    const random = seededRandom(42)
    for (const [r, R] of [
      [100, 1000],
      [400, 1000],
      [180, 200],
      [300, 200],
    ] as const) {
      for (let k = 0; k <= 10; k++) {
        const d = Math.max(0, R - r) + ((R + r - Math.max(0, R - r)) * k) / 10
        // 40 000 samples: standard error ≤ 0.0025, so 0.01 is four of them.
        expect(
          Math.abs(discOverlapFraction(r, R, d) - monteCarlo(r, R, d, 40_000, random)),
        ).toBeLessThan(0.01)
      }
    }
  })

  test('integrates to the disc area: Σ share × ring area = πR² (unbiased over cell offsets)', () => {
    for (const [r, R] of [
      [170, 200],
      [480, 1000],
      [1300, 3000],
    ] as const) {
      const steps = 20_000
      const h = (R + r) / steps
      let sum = 0
      for (let i = 0; i < steps; i++) {
        const d = (i + 0.5) * h
        sum += discOverlapFraction(r, R, d) * 2 * Math.PI * d * h
      }
      expect(sum / (Math.PI * R * R)).toBeCloseTo(1, 5)
    }
  })

  test('is 1 well inside, 0 well outside, ½ on a straight-ish edge, and swallows a small R', () => {
    expect(discOverlapFraction(100, 1000, 0)).toBe(1)
    expect(discOverlapFraction(100, 1000, 899)).toBe(1)
    expect(discOverlapFraction(100, 1000, 1100)).toBe(0)
    // On the outline, a disc 1/1000 of R lies half in (less a sliver for the curvature).
    expect(discOverlapFraction(10, 10_000, 10_000)).toBeCloseTo(0.5, 3)
    expect(discOverlapFraction(300, 200, 50)).toBeCloseTo((200 * 200) / (300 * 300), 12)
  })
})
