import { describe, expect, test } from 'vitest'
import { createRandom } from '../../data/scripts/sample/random.ts'
import {
  classOf,
  colorScale,
  fillColorExpression,
  NO_DATA_COLOR,
  paletteFor,
  quantileBreaks,
  quantileSorted,
  YLGNBU_5,
} from '../../web/planner/color-scale.ts'

describe('quantile breaks', () => {
  test('match hand-computed R-7 quantiles of 1..10', () => {
    // h = 9p: 0.2 → 1 + 0.8 = 2.8, 0.4 → 4.6, 0.6 → 6.4, 0.8 → 8.2
    expect(quantileBreaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 5, 1)).toEqual([2.8, 4.6, 6.4, 8.2])
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileSorted([7], 0.3)).toBe(7)
  })

  test('classes hold about equally many of many distinct values', () => {
    const r = createRandom(7)
    const values = Array.from({ length: 89 }, () => r.next() * 100)
    const breaks = quantileBreaks(values, 5, 1)
    expect(breaks).toHaveLength(4)
    const counts = [0, 0, 0, 0, 0]
    for (const v of values) counts[classOf(v, breaks)!]!++
    for (const c of counts) expect(Math.abs(c - 89 / 5)).toBeLessThanOrEqual(2)
  })

  test('class of a value = how many breaks are at or below it (brute force), on random data', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = createRandom(seed)
      const decimals = r.int(0, 2)
      const values = Array.from(
        { length: r.int(1, 120) },
        () => Math.round(r.next() * 500) / (r.chance(0.5) ? 1 : 7),
      )
      const breaks = quantileBreaks(values, r.int(2, 7), decimals)
      for (let i = 1; i < breaks.length; i++) expect(breaks[i]!).toBeGreaterThan(breaks[i - 1]!)
      for (const b of breaks) expect(Number(b.toFixed(decimals))).toBe(b)
      // No class is empty below the first break: every break is above the minimum.
      if (breaks.length > 0) expect(breaks[0]!).toBeGreaterThan(Math.min(...values))
      for (const v of values) expect(classOf(v, breaks)).toBe(breaks.filter((b) => b <= v).length)
    }
  })

  test('ties collapse classes rather than repeat a boundary; all-equal values make one class', () => {
    // R-7 at 0.2, 0.4, 0.6 falls among the zeros (0.6 → 0.4, rounds to 0); 0.8 → 2.2 → 2.
    expect(quantileBreaks([0, 0, 0, 0, 0, 0, 1, 2, 3, 4], 5, 0)).toEqual([2])
    expect(quantileBreaks([3, 3, 3], 5, 1)).toEqual([])
    expect(quantileBreaks([], 5, 1)).toEqual([])
  })

  test('a value on a boundary belongs to the class above; null and NaN have no class', () => {
    expect(classOf(2.8, [2.8, 4.6])).toBe(1)
    expect(classOf(2.79, [2.8, 4.6])).toBe(0)
    expect(classOf(null, [1])).toBeNull()
    expect(classOf(NaN, [1])).toBeNull()
  })
})

describe('colour scale and legend', () => {
  test('palette runs light to dark and keeps both ends for fewer classes', () => {
    expect(paletteFor(5)).toEqual([...YLGNBU_5])
    expect(paletteFor(3)).toEqual([YLGNBU_5[0], YLGNBU_5[2], YLGNBU_5[4]])
    expect(paletteFor(2)).toEqual([YLGNBU_5[0], YLGNBU_5[4]])
  })

  test('legend classes cover min to max, count every county once, and agree with the colours', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null]
    const s = colorScale(values, 1)
    expect(s.classes.map((c) => [c.from, c.to, c.count])).toEqual([
      [1, 2.8, 2],
      [2.8, 4.6, 2],
      [4.6, 6.4, 2],
      [6.4, 8.2, 2],
      [8.2, null, 2],
    ])
    expect(s.max).toBe(10)
    expect(s.noData).toBe(1)
    expect(s.colorOf(null)).toBe(NO_DATA_COLOR)
    for (const v of [1, 2.8, 5, 10]) {
      const c = s.classes.find((k) => v >= k.from && (k.to === null || v < k.to))!
      expect(s.colorOf(v), String(v)).toBe(c.color)
    }
  })

  test('the map expression gives each county its class colour and grey to the rest', () => {
    const s = colorScale([1, 10], 0)
    expect(
      fillColorExpression(
        [
          { adcode: '330102', value: 1 },
          { adcode: '330103', value: null },
        ],
        s,
      ),
    ).toEqual([
      'match',
      ['get', 'adcode'],
      '330102',
      s.colorOf(1),
      '330103',
      NO_DATA_COLOR,
      NO_DATA_COLOR,
    ])
    expect(fillColorExpression([], s)).toBe(NO_DATA_COLOR)
  })
})
