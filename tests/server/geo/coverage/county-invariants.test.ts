import { describe, expect, test } from 'vitest'
import { countyCoverage } from '../../../../server/geo/coverage/coverage.ts'
import { CoverageState } from '../../../../server/geo/coverage/coverage-state.ts'
import { geodesicDiscAreaKm2 } from '../../../../server/geo/coverage/disc-area.ts'
import { coverageGaps } from '../../../../server/geo/coverage/gaps.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { resolutionForRadius } from '../../../../server/geo/coverage/resolution.ts'
import { suggestSites } from '../../../../server/geo/coverage/suggestions.ts'
import { allCounties, sampleStations } from './fixtures.ts'

// The figures the API serves must agree with each other on every shipped county, not only on
// hand-picked ones: gaps add up to the uncovered land, and no suggested site adds more than its
// disc holds or than is left uncovered. Grids take ~2 s (res 8) and ~0.6 s (res 7) for all.
const stations = sampleStations()
/** Float noise on sums of a few thousand pieces, relative to the county's area. */
const TOLERANCE = 1e-9
/** Minutes on a busy 2-core machine; ~15 s of work when it is quiet. */
const TIMEOUT_MS = 180_000

for (const radiusM of [1000, 3000]) {
  describe(`all ${allCounties().length} counties, sample stations, R = ${radiusM} m`, () => {
    const res = resolutionForRadius(radiusM)
    const counties = allCounties().map((c) => ({
      name: c.properties.name,
      grid: buildCountyGrid(c.geometry, res),
    }))

    test(
      'covered + uncovered = the exact area; the gaps add up to the uncovered land',
      () => {
        for (const { name, grid } of counties) {
          const { coveredKm2, uncoveredKm2, areaKm2 } = countyCoverage(grid, stations, radiusM)
          const gaps = coverageGaps(new CoverageState(grid, radiusM, stations))
          const gapsKm2 = gaps.features.reduce((sum, f) => sum + f.properties.areaKm2, 0)
          expect(Math.abs(coveredKm2 + uncoveredKm2 - areaKm2), name).toBeLessThan(
            TOLERANCE * areaKm2,
          )
          expect(Math.abs(gapsKm2 - uncoveredKm2), name).toBeLessThan(TOLERANCE * areaKm2)
        }
      },
      TIMEOUT_MS,
    )

    test(
      'each suggested site adds at most its disc’s exact area and the land left uncovered',
      () => {
        let largestShareOfDisc = 0
        for (const { name, grid } of counties) {
          let uncoveredKm2 = countyCoverage(grid, stations, radiusM).uncoveredKm2
          for (const s of suggestSites(grid, stations, radiusM, 3)) {
            const discKm2 = geodesicDiscAreaKm2(s.lonLat[1], radiusM)
            expect(s.addedCoverageKm2, name).toBeLessThanOrEqual(discKm2 * (1 + 1e-12))
            expect(s.addedCoverageKm2, name).toBeLessThanOrEqual(
              uncoveredKm2 + TOLERANCE * grid.areaKm2,
            )
            uncoveredKm2 -= s.addedCoverageKm2
            largestShareOfDisc = Math.max(largestShareOfDisc, s.addedCoverageKm2 / discKm2)
          }
        }
        // Sparse sample stations leave room for whole discs somewhere: the bound is reached.
        expect(largestShareOfDisc).toBeGreaterThan(0.999)
      },
      TIMEOUT_MS,
    )
  })
}
