import { describe, expect, test } from 'vitest'
import { CoverageState } from '../../../../server/geo/coverage/coverage-state.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { maxCoverOptimum } from '../../../../server/geo/coverage/max-cover-exact.ts'
import {
  coveredWeight,
  maxCoverInstance,
  type MaxCoverInstance,
} from '../../../../server/geo/coverage/max-cover-instance.ts'
import { resolutionForRadius } from '../../../../server/geo/coverage/resolution.ts'
import {
  candidateCells,
  cellSite,
  suggestSites,
} from '../../../../server/geo/coverage/suggestions.ts'
import { countyGeometry, sampleStations } from './fixtures.ts'

/** Picks by plain greedy on an instance: each round the candidate adding the most. */
function greedy(instance: MaxCoverInstance, k: number): number[] {
  const chosen: number[] = []
  for (let round = 0; round < k; round++) {
    const now = coveredWeight(instance, chosen)
    let best = -1
    let bestGain = 0
    for (let c = 0; c < instance.candidates; c++) {
      const gain = coveredWeight(instance, [...chosen, c]) - now
      if (gain > bestGain) [best, bestGain] = [c, gain]
    }
    if (best < 0) break
    chosen.push(best)
  }
  return chosen
}

describe('maxCoverOptimum on hand-made instances', () => {
  // Six unit elements. Candidate 0 covers e1–e4, candidate 1 e1, e2, e5, candidate 2 e3, e4, e6:
  // the greedy takes 0 first (4) and then gains 1, while 1 and 2 together cover all six.
  const unit = (sites: number[]) => ({ weight: 1, base: 0, sites, values: sites.map(() => 1) })
  const trap: MaxCoverInstance = {
    candidates: 3,
    baseKm2: 0,
    elements: [unit([0, 1]), unit([0, 1]), unit([0, 2]), unit([0, 2]), unit([1]), unit([2])],
  }

  test('finds the optimum where the greedy provably falls short', async () => {
    expect(coveredWeight(trap, greedy(trap, 2))).toBe(5)
    const [one, two, three] = await maxCoverOptimum(trap, [1, 2, 3])
    expect(one).toMatchObject({ k: 1, chosen: [0], coveredKm2: 4, optimal: true })
    expect(two).toMatchObject({ k: 2, chosen: [1, 2], coveredKm2: 6, optimal: true })
    expect(three?.coveredKm2).toBe(6)
  })

  test('counts the largest share a built site gives, over the base, not their sum', async () => {
    const partial: MaxCoverInstance = {
      candidates: 3,
      baseKm2: 0.2,
      elements: [
        { weight: 1, base: 0.2, sites: [0, 1], values: [0.5, 0.7] },
        { weight: 0.5, base: 0, sites: [2], values: [0.9] },
      ],
    }
    const [one, two, three] = await maxCoverOptimum(partial, [1, 2, 3])
    expect(one?.chosen).toEqual([1])
    expect(one?.coveredKm2).toBeCloseTo(0.7, 12)
    expect(two?.chosen).toEqual([1, 2])
    expect(two?.coveredKm2).toBeCloseTo(0.7 + 0.45, 12)
    expect(three?.coveredKm2).toBeCloseTo(0.7 + 0.45, 12)
  })
})

describe('the greedy and the swaps against the optimum on a real county', () => {
  // 嵊泗县 (islands) with the shipped sample at 3 km: the greedy alone falls below 95 % here.
  const radiusM = 3000
  const grid = buildCountyGrid(countyGeometry('嵊泗县'), resolutionForRadius(radiusM))
  const stations = sampleStations()
  const cells = candidateCells(grid)
  const instance = maxCoverInstance(
    new CoverageState(grid, radiusM, stations),
    cells.map((c) => cellSite(grid, c)),
  )
  const indexOf = (cell: string) => cells.findIndex((c) => grid.cells[c] === cell)
  const counts = [1, 2, 3, 4, 5]

  test('the instance measures a selection exactly as the coverage state does', () => {
    const picks = suggestSites(grid, stations, radiusM, 6, { swaps: false })
    const state = new CoverageState(grid, radiusM, stations)
    for (const site of picks.map((p) => p.lonLat)) state.add(site)
    const weight = coveredWeight(
      instance,
      picks.map((p) => indexOf(p.cell)),
    )
    expect(weight).toBeCloseTo(state.coveredGridKm2(), 9)
  })

  test('the optimum is what the coverage state gives its sites, and beats both', async () => {
    const optima = await maxCoverOptimum(instance, counts)
    const ratio = (swaps: boolean, k: number) => {
      const picks = suggestSites(grid, stations, radiusM, k, { swaps })
      const weight = coveredWeight(
        instance,
        picks.map((p) => indexOf(p.cell)),
      )
      const optimum = optima[k - 1]!.coveredKm2
      expect(weight).toBeLessThanOrEqual(optimum + 1e-9)
      return (weight - instance.baseKm2) / (optimum - instance.baseKm2)
    }
    for (const { chosen, coveredKm2 } of optima) {
      const state = new CoverageState(grid, radiusM, stations)
      for (const c of chosen) state.add(cellSite(grid, cells[c]!))
      expect(state.coveredGridKm2()).toBeCloseTo(coveredKm2, 9)
    }
    const greedyRatios = counts.map((k) => ratio(false, k))
    const swapRatios = counts.map((k) => ratio(true, k))
    expect(Math.min(...greedyRatios)).toBeLessThan(0.95)
    expect(Math.min(...swapRatios)).toBeGreaterThanOrEqual(0.95)
    for (let i = 0; i < counts.length; i++) {
      expect(swapRatios[i]).toBeGreaterThanOrEqual(greedyRatios[i]! - 1e-12)
    }
  }, 60_000) // five exact solves: seconds alone, more on a loaded machine
})
