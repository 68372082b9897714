import { describe, expect, test } from 'vitest'
import type { LonLat } from '../../../../server/domain/geojson.ts'
import { countyCoverage } from '../../../../server/geo/coverage/coverage.ts'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { resolutionForRadius } from '../../../../server/geo/coverage/resolution.ts'
import type { AreaGeometry } from '../../../../server/geo/polygon.ts'
import { geodesicAreaKm2, geometryBBox } from '../../../../server/geo/polygon.ts'
import { metresPerDegree } from '../../../../server/geo/coverage/local-distance.ts'
import { seededRandom } from '../seeded-random.ts'
import { exactCoveredFraction } from './exact-coverage.ts'
import { clusteredPoints, countyGeometry, sparsePoints, square } from './fixtures.ts'

const RADII_M = [200, 1000, 3000, 10_000]
/** Vertices on the oracle's circles here: they miss 4e-4 of a disc, 1/75 of the bar. */
const ORACLE_STEPS = 128

/**
 * The bar: |Δ covered km²| ≤ max(0.25 pp of the county, 3 % of the exact covered km²). Relative,
 * so a case with little land covered is still judged on it; the floor keeps slivers from failing
 * on a few hectares.
 */
function allowedErrorKm2(areaKm2: number, exactKm2: number): number {
  return Math.max(0.0025 * areaKm2, 0.03 * exactKm2)
}

// 上城区: the smallest district (26 km²), where boundary cells weigh most; 拱墅区: the worst
// county for plain centre sampling; 嵊泗县: an archipelago of small islands; 安吉县: 1,886 km².
const FIXTURES: Array<{ county: string; seat: LonLat }> = [
  { county: '上城区', seat: [120.17, 30.25] },
  { county: '拱墅区', seat: [120.14, 30.32] },
  { county: '嵊泗县', seat: [122.45, 30.72] },
  { county: '安吉县', seat: [119.68, 30.64] },
]

/**
 * Station layouts that leave a county neither nearly empty nor nearly full at this radius, so a
 * model answering 0 % or 100 % fails: `sparse` spreads about a quarter of the county's worth of
 * discs, `clustered` overlaps 30 discs about the seat, `edge` puts 3 stations about R from the
 * seat so their outlines cross the county (and some cover it from outside).
 */
function layouts(
  geometry: AreaGeometry,
  seat: LonLat,
  radiusM: number,
  random: () => number,
): Record<string, LonLat[]> {
  const discsThatFit = (0.25 * geodesicAreaKm2(geometry) * 1e6) / (Math.PI * radiusM ** 2)
  const out: Record<string, LonLat[]> = {}
  if (discsThatFit >= 1) {
    out.sparse = sparsePoints(geometry, Math.min(100, Math.ceil(discsThatFit)), random)
  }
  if (discsThatFit >= 1 && discsThatFit < 500) {
    out.clustered = clusteredPoints(geometry, seat, 30, radiusM / 100_000, random)
  }
  if (discsThatFit < 50) {
    const perDeg = metresPerDegree(seat[1])
    out.edge = Array.from({ length: 3 }, (): LonLat => {
      const bearing = 2 * Math.PI * random()
      const distanceM = radiusM * (1 + 0.2 * random())
      return [
        seat[0] + (distanceM * Math.sin(bearing)) / perDeg.lon,
        seat[1] + (distanceM * Math.cos(bearing)) / perDeg.lat,
      ]
    })
  }
  return out
}

describe('covered km² agrees with exact geometry within max(0.25 pp, 3 %)', () => {
  for (const { county, seat } of FIXTURES) {
    const geometry = countyGeometry(county)
    for (const radiusM of RADII_M) {
      const random = seededRandom((county.codePointAt(0) as number) + radiusM)
      for (const [layout, stations] of Object.entries(layouts(geometry, seat, radiusM, random))) {
        test(`${county}, ${layout}, ${stations.length} stations, R = ${radiusM} m`, () => {
          const grid = buildCountyGrid(geometry, resolutionForRadius(radiusM))
          const got = countyCoverage(grid, stations, radiusM)
          const exactKm2 =
            exactCoveredFraction(geometry, stations, radiusM, ORACLE_STEPS) * got.areaKm2
          const allowed = allowedErrorKm2(got.areaKm2, exactKm2)
          // The case carries signal: answering 0 % or 100 % would miss by twice the bar.
          expect(Math.min(exactKm2, got.areaKm2 - exactKm2)).toBeGreaterThan(2 * allowed)
          expect(Math.abs(got.coveredKm2 - exactKm2)).toBeLessThanOrEqual(allowed)
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
    const exactKm2 = exactCoveredFraction(geometry, [outside], 1000) * got.areaKm2
    expect(exactKm2).toBeGreaterThan(0)
    expect(Math.abs(got.coveredKm2 - exactKm2)).toBeLessThan(allowedErrorKm2(got.areaKm2, exactKm2))
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

  test('stations every R/2 over and around a county cover exactly 100 %, islands included', () => {
    for (const name of ['上城区', '嵊泗县', '安吉县']) {
      const county = countyGeometry(name)
      const [minLon, minLat, maxLon, maxLat] = geometryBBox(county)
      const perDeg = metresPerDegree((minLat + maxLat) / 2)
      const stepLon = 500 / perDeg.lon
      const stepLat = 500 / perDeg.lat
      const lattice: LonLat[] = []
      for (let lon = minLon - 2 * stepLon; lon <= maxLon + 2 * stepLon; lon += stepLon) {
        for (let lat = minLat - 2 * stepLat; lat <= maxLat + 2 * stepLat; lat += stepLat) {
          lattice.push([lon, lat])
        }
      }
      const got = countyCoverage(buildCountyGrid(county, resolutionForRadius(1000)), lattice, 1000)
      expect(got.coveredPct, name).toBe(100)
      expect(got.uncoveredKm2, name).toBe(0)
    }
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

  test('a lon/lat square, sparse stations at each radius, also within the bar', () => {
    const sq = square(120.0, 29.0, 0.1)
    const stations = sparsePoints(sq, 8, seededRandom(11))
    for (const radiusM of RADII_M) {
      const got = countyCoverage(
        buildCountyGrid(sq, resolutionForRadius(radiusM)),
        stations,
        radiusM,
      )
      const exactKm2 = exactCoveredFraction(sq, stations, radiusM, ORACLE_STEPS) * got.areaKm2
      expect(Math.abs(got.coveredKm2 - exactKm2)).toBeLessThanOrEqual(
        allowedErrorKm2(got.areaKm2, exactKm2),
      )
    }
  })

  test('rejects a radius that is not a positive number', () => {
    expect(() => countyCoverage(grid, [], 0)).toThrow(/radiusM/)
    expect(() => countyCoverage(grid, [], Number.NaN)).toThrow(/radiusM/)
  })
})
