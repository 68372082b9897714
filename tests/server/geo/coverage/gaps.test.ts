import { area, featureCollection, intersect } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { countyCoverage } from '../../../../server/geo/coverage/coverage.ts'
import { CoverageState } from '../../../../server/geo/coverage/coverage-state.ts'
import { coverageGaps } from '../../../../server/geo/coverage/gaps.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { seededRandom } from '../seeded-random.ts'
import { geodesicCircle } from './exact-coverage.ts'
import { countyGeometry, sparsePoints } from './fixtures.ts'

const geometry = countyGeometry('拱墅区')
const grid = buildCountyGrid(geometry, 8)
const radiusM = 1000
const stations = sparsePoints(geometry, 10, seededRandom(4))
const state = new CoverageState(grid, radiusM, stations)
const gaps = coverageGaps(state)

describe('coverageGaps', () => {
  test('largest first, and together exactly the uncovered land, partly covered cells included', () => {
    const areas = gaps.features.map((f) => f.properties.areaKm2)
    expect(areas).toEqual([...areas].sort((a, b) => b - a))
    const total = areas.reduce((a, b) => a + b, 0)
    const { uncoveredKm2 } = countyCoverage(grid, stations, radiusM)
    expect(total).toBeCloseTo(uncoveredKm2, 9)
  })

  test('gap outlines hardly overlap the exact covered discs (under a cell along each outline)', () => {
    let overlapM2 = 0
    let gapM2 = 0
    for (const gap of gaps.features) {
      gapM2 += area(gap)
      for (const s of stations) {
        const both = intersect(
          featureCollection<Polygon | MultiPolygon>([
            gap as Feature<Polygon | MultiPolygon>,
            geodesicCircle(s, radiusM, 128),
          ]),
        )
        if (both) overlapM2 += area(both)
      }
    }
    expect(overlapM2 / gapM2).toBeLessThan(0.05)
  })

  test('drops slivers below minAreaKm2', () => {
    const minAreaKm2 = 0.5
    const big = coverageGaps(state, { minAreaKm2 })
    expect(big.features.every((f) => f.properties.areaKm2 >= minAreaKm2)).toBe(true)
    expect(big.features.length).toBe(
      gaps.features.filter((f) => f.properties.areaKm2 >= minAreaKm2).length,
    )
  })

  test('with no stations the gaps are the whole county', () => {
    const none = coverageGaps(new CoverageState(grid, radiusM, []))
    const total = none.features.reduce((a, f) => a + f.properties.areaKm2, 0)
    expect(total).toBeCloseTo(grid.areaKm2, 6)
  })
})
