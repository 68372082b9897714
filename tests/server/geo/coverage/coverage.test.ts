import { describe, expect, test } from 'vitest'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import { countyCoverage } from '../../../../server/geo/coverage/coverage.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { resolutionForRadius } from '../../../../server/geo/coverage/resolution.ts'
import { geometryBBox } from '../../../../server/geo/polygon.ts'
import { seededRandom } from '../seeded-random.ts'
import { exactCoveredFraction } from './exact-coverage.ts'
import { clusteredPoints, countyGeometry, sparsePoints, square } from './fixtures.ts'

const RADII_M = [200, 1000, 3000, 10_000]
/** The bar, in percentage points of the county's land. */
const MAX_ERROR_PP = 1

// 上城区: the smallest district (26 km²), where boundary cells weigh most; 拱墅区: the worst
// county for plain centre sampling; 嵊泗县: an archipelago of small islands; 安吉县: 1,886 km².
const FIXTURES: Array<{ county: string; seat: LonLat }> = [
  { county: '上城区', seat: [120.17, 30.25] },
  { county: '拱墅区', seat: [120.14, 30.32] },
  { county: '嵊泗县', seat: [122.45, 30.72] },
  { county: '安吉县', seat: [119.68, 30.64] },
]

describe('covered share agrees with exact geometry within 1 pp', () => {
  for (const { county, seat } of FIXTURES) {
    const geometry = countyGeometry(county)
    const random = seededRandom(county.codePointAt(0) as number)
    const layouts = {
      sparse: sparsePoints(geometry, 12, random),
      clustered: clusteredPoints(geometry, seat, 40, 0.01, random),
    }
    for (const [layout, stations] of Object.entries(layouts)) {
      for (const radiusM of RADII_M) {
        test(`${county}, ${layout} stations, R = ${radiusM} m`, () => {
          const grid = buildCountyGrid(geometry, resolutionForRadius(radiusM))
          const got = countyCoverage(grid, stations, radiusM)
          const exactPct = exactCoveredFraction(geometry, stations, radiusM) * 100
          expect(Math.abs(got.coveredPct - exactPct)).toBeLessThan(MAX_ERROR_PP)
          expect(got.coveredKm2 + got.uncoveredKm2).toBeCloseTo(got.areaKm2, 9)
        })
      }
    }
  }
})

describe('countyCoverage', () => {
  const geometry = countyGeometry('上城区')
  const grid = buildCountyGrid(geometry, resolutionForRadius(1000))

  test('counts stations inside the outline only, but lets outside ones cover land', () => {
    // 300 m south of the southernmost vertex: outside, yet its 1 km disc reaches in.
    const minLat = geometryBBox(geometry)[1]
    const ring =
      geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0]
    const south = ring?.find((p) => p[1] === minLat) as number[]
    const outside: LonLat = [south[0] as number, minLat - 0.0027]
    const got = countyCoverage(grid, [outside], 1000)
    expect(got.count).toBe(0)
    const exactPct = exactCoveredFraction(geometry, [outside], 1000) * 100
    expect(exactPct).toBeGreaterThan(0)
    expect(Math.abs(got.coveredPct - exactPct)).toBeLessThan(MAX_ERROR_PP)
  })

  test('no stations: nothing covered, the whole exact area uncovered', () => {
    const got = countyCoverage(grid, [], 1000)
    expect(got).toMatchObject({
      count: 0,
      coveredPct: 0,
      coveredKm2: 0,
      populationCoveredPct: null,
    })
    expect(got.uncoveredKm2).toBeCloseTo(got.areaKm2, 9)
  })

  test('a radius wider than the county covers all of it', () => {
    const [minLon, minLat, maxLon, maxLat] = geometryBBox(geometry)
    const centre: LonLat = [(minLon + maxLon) / 2, (minLat + maxLat) / 2]
    const coarse = buildCountyGrid(geometry, resolutionForRadius(10_000))
    expect(countyCoverage(coarse, [centre], 10_000).coveredPct).toBeCloseTo(100, 9)
  })

  test('population share: uniform density gives the land share; null without a surface', () => {
    const stations = sparsePoints(geometry, 5, seededRandom(5))
    const uniform = countyCoverage(grid, stations, 1000, {
      population: (_c, areaKm2) => 1000 * areaKm2,
    })
    expect(uniform.populationCoveredPct).toBeCloseTo(uniform.coveredPct, 9)
    expect(countyCoverage(grid, stations, 1000).populationCoveredPct).toBeNull()
    expect(
      countyCoverage(grid, stations, 1000, { population: () => 0 }).populationCoveredPct,
    ).toBeNull()
  })

  test('population share: everyone next to a station is fully covered, far from all is not', () => {
    const station = sparsePoints(geometry, 1, seededRandom(3))[0] as LonLat
    const near = (c: LonLat) => Math.hypot(c[0] - station[0], c[1] - station[1]) < 0.003
    const got = countyCoverage(grid, [station], 1000, { population: (c) => (near(c) ? 1 : 0) })
    expect(got.populationCoveredPct).toBeCloseTo(100, 9)
    const far = countyCoverage(grid, [[station[0] + 0.2, station[1]]], 1000, {
      population: (c) => (near(c) ? 1 : 0),
    })
    expect(far.populationCoveredPct).toBe(0)
  })

  test('a lon/lat square, sparse stations at each radius, also within 1 pp', () => {
    const sq = square(120.0, 29.0, 0.1)
    const stations = sparsePoints(sq, 8, seededRandom(11))
    for (const radiusM of RADII_M) {
      const got = countyCoverage(
        buildCountyGrid(sq, resolutionForRadius(radiusM)),
        stations,
        radiusM,
      )
      const exactPct = exactCoveredFraction(sq, stations, radiusM) * 100
      expect(Math.abs(got.coveredPct - exactPct)).toBeLessThan(MAX_ERROR_PP)
    }
  })

  test('rejects a radius that is not a positive number', () => {
    expect(() => countyCoverage(grid, [], 0)).toThrow(/radiusM/)
    expect(() => countyCoverage(grid, [], Number.NaN)).toThrow(/radiusM/)
  })
})
