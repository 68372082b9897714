import { describe, expect, test } from 'vitest'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import { countyCoverage } from '../../../../server/geo/coverage/coverage.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { suggestionFeatures, suggestSites } from '../../../../server/geo/coverage/suggestions.ts'
import { seededRandom } from '../seeded-random.ts'
import { sparsePoints, square } from './fixtures.ts'

// A tiny instance: a 4 km square at res 8 (≈ 30 cells) with two stations and R = 1 km.
const geometry = square(120.5, 29.5, 0.04)
const grid = buildCountyGrid(geometry, 8)
const radiusM = 1000
const stations = sparsePoints(geometry, 2, seededRandom(21))
const candidates: LonLat[] = []
for (let i = 0; i < grid.cells.length; i++) {
  if (grid.cellCentreInside[i] === 1)
    candidates.push([grid.cellLon[i] as number, grid.cellLat[i] as number])
}
const coveredKm2 = (sites: readonly LonLat[]) => countyCoverage(grid, sites, radiusM).coveredKm2

describe('suggestSites', () => {
  const picks = suggestSites(grid, stations, radiusM, 5, { swaps: false })

  test('the first pick is the best single site by exhaustive search', () => {
    const base = coveredKm2(stations)
    const gains = candidates.map((c) => coveredKm2([...stations, c]) - base)
    const best = Math.max(...gains)
    expect(picks[0]?.addedCoverageKm2).toBeCloseTo(best, 9)
    expect(gains.indexOf(best)).toBe(
      candidates.findIndex((c) => c[0] === picks[0]?.lonLat[0] && c[1] === picks[0]?.lonLat[1]),
    )
  })

  test('each pick is the best next site given the earlier ones (plain greedy, by brute force)', () => {
    const sites = [...stations]
    for (const pick of picks) {
      const base = coveredKm2(sites)
      const best = Math.max(...candidates.map((c) => coveredKm2([...sites, c]) - base))
      expect(pick.addedCoverageKm2).toBeCloseTo(best, 9)
      sites.push(pick.lonLat)
    }
  })

  test('swaps never cover less than the greedy, and the ranked gains add up', () => {
    const swapped = suggestSites(grid, stations, radiusM, 5)
    const total = swapped.reduce((sum, p) => sum + p.addedCoverageKm2, 0)
    expect(total).toBeGreaterThanOrEqual(
      picks.reduce((sum, p) => sum + p.addedCoverageKm2, 0) - 1e-9,
    )
    const sites = [...stations, ...swapped.map((p) => p.lonLat)]
    expect(total).toBeCloseTo(coveredKm2(sites) - coveredKm2(stations), 9)
  })

  test('gains never increase', () => {
    expect(picks).toHaveLength(5)
    for (let i = 1; i < picks.length; i++) {
      expect((picks[i] as { addedCoverageKm2: number }).addedCoverageKm2).toBeLessThanOrEqual(
        (picks[i - 1] as { addedCoverageKm2: number }).addedCoverageKm2 + 1e-12,
      )
    }
  })

  test('the covered share after each pick equals coverage recomputed with the picks as stations', () => {
    const sites = [...stations]
    for (const pick of picks) {
      sites.push(pick.lonLat)
      expect(pick.coveredPct).toBeCloseTo(countyCoverage(grid, sites, radiusM).coveredPct, 9)
    }
  })

  test('stops early once everything is covered', () => {
    const wide = buildCountyGrid(geometry, 7)
    const all = suggestSites(wide, [], 10_000, 5)
    expect(all.length).toBeLessThan(5)
    expect(all.at(-1)?.coveredPct).toBeCloseTo(100, 9)
  })

  test('as GeoJSON: points ranked from 1 with the figures', () => {
    const fc = suggestionFeatures(picks)
    expect(fc.features.map((f) => f.properties.rank)).toEqual([1, 2, 3, 4, 5])
    expect(fc.features[0]?.geometry.coordinates).toEqual(picks[0]?.lonLat)
  })
})
