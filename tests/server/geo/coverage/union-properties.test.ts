import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import { countyCoverage } from '../../../../server/geo/coverage/coverage.ts'
import { CoverageState } from '../../../../server/geo/coverage/coverage-state.ts'
import { coverageGaps } from '../../../../server/geo/coverage/gaps.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { resolutionForRadius } from '../../../../server/geo/coverage/resolution.ts'
import { geometryBBox } from '../../../../server/geo/polygon.ts'
import { countyGeometry } from './fixtures.ts'

// The greedy suggestions and the cache of "stations + suggestions" rely on coverage being a
// true union measure. Checked on random station sets over 上城区 (26 km²) and the land around
// it, so discs straddle the border, overlap and nest.
const radiusM = 1000
const geometry = countyGeometry('上城区')
const grid = buildCountyGrid(geometry, resolutionForRadius(radiusM))
const [minLon, minLat, maxLon, maxLat] = geometryBBox(geometry)
const PAD_DEG = 0.01

const station = fc
  .tuple(
    fc.double({ min: minLon - PAD_DEG, max: maxLon + PAD_DEG, noNaN: true }),
    fc.double({ min: minLat - PAD_DEG, max: maxLat + PAD_DEG, noNaN: true }),
  )
  .map(([lon, lat]): LonLat => [lon, lat])
const stations = (maxLength: number) => fc.array(station, { maxLength })
const RUNS = { numRuns: 40 }

describe('coverage is a union measure', () => {
  test('any order of the same stations gives identical figures, piece by piece', () => {
    fc.assert(
      fc.property(
        stations(12).chain((s) =>
          fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length })),
        ),
        ([ordered, shuffled]) => {
          const a = new CoverageState(grid, radiusM, ordered)
          const b = new CoverageState(grid, radiusM, shuffled)
          expect(b.covered).toEqual(a.covered)
          expect(countyCoverage(grid, shuffled, radiusM)).toEqual(
            countyCoverage(grid, ordered, radiusM),
          )
          expect(coverageGaps(b)).toEqual(coverageGaps(a))
        },
      ),
      RUNS,
    )
  })

  test('adding a station never lowers any piece’s coverage, nor the total', () => {
    fc.assert(
      fc.property(stations(10), station, (base, extra) => {
        const before = new CoverageState(grid, radiusM, base)
        const after = new CoverageState(grid, radiusM, [...base, extra])
        for (let i = 0; i < before.covered.length; i++) {
          expect(after.covered[i]).toBeGreaterThanOrEqual(before.covered[i] as number)
        }
        expect(after.coveredGridKm2()).toBeGreaterThanOrEqual(before.coveredGridKm2())
      }),
      RUNS,
    )
  })

  test('a site gains no more given a superset of stations than given a subset', () => {
    fc.assert(
      fc.property(stations(8), stations(8), station, (subset, more, site) => {
        const small = new CoverageState(grid, radiusM, subset)
        const large = new CoverageState(grid, radiusM, [...subset, ...more])
        // Sums of a few hundred pieces: allow rounding in the last bits.
        expect(large.gain(site)).toBeLessThanOrEqual(small.gain(site) + 1e-12)
      }),
      RUNS,
    )
  })
})
