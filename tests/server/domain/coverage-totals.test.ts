import type { Position } from 'geojson'
import { describe, expect, test } from 'vitest'
import { totalCoverage, type CoverageRow } from '../../../server/domain/coverage.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { countyCoverage } from '../../../server/geo/coverage/coverage.ts'
import { buildCountyGrid } from '../../../server/geo/coverage/hex-grid.ts'
import { metresPerDegree } from '../../../server/geo/coverage/local-distance.ts'
import { resolutionForRadius } from '../../../server/geo/coverage/resolution.ts'
import type { AreaGeometry } from '../../../server/geo/polygon.ts'
import { pointInGeometry, polygonsOf } from '../../../server/geo/polygon.ts'
import { exactCoveredFraction } from '../geo/coverage/exact-coverage.ts'
import { countyGeometry } from '../geo/coverage/fixtures.ts'

const CITY = { adcode: '330100', name: '杭州市', city: '杭州市' }

function row(
  fields: Partial<CoverageRow> & Pick<CoverageRow, 'areaKm2' | 'coveredKm2'>,
): CoverageRow {
  const count = fields.count ?? 0
  const population = fields.population === undefined ? 100_000 : fields.population
  return {
    adcode: '330102',
    name: 'county',
    city: CITY.city,
    count,
    population,
    perTenThousand: population ? (count / population) * 10_000 : null,
    per100Km2: (count / fields.areaKm2) * 100,
    coveredPct: (fields.coveredKm2 / fields.areaKm2) * 100,
    uncoveredKm2: fields.areaKm2 - fields.coveredKm2,
    populationCoveredPct: null,
    ...fields,
  }
}

describe('totalCoverage', () => {
  // A small county nearly covered and a large one barely: the mean of shares would say 50 %.
  const small = row({ areaKm2: 100, coveredKm2: 90, count: 10, population: 50_000 })
  const large = row({ areaKm2: 900, coveredKm2: 90, count: 5, population: 250_000 })

  test('shares come from the sums (area-weighted), never from a mean of shares', () => {
    const total = totalCoverage([small, large], CITY)
    expect(total).toMatchObject({ ...CITY, count: 15, population: 300_000, areaKm2: 1000 })
    expect(total.coveredKm2).toBe(180)
    expect(total.uncoveredKm2).toBe(820)
    expect(total.coveredPct).toBeCloseTo(18, 12)
    expect(total.per100Km2).toBeCloseTo(1.5, 12)
    expect(total.perTenThousand).toBeCloseTo(0.5, 12)
    expect(total.populationCoveredPct).toBeNull()
  })

  test('one county without a population makes the total’s population and rates per person null', () => {
    const unknown = row({ areaKm2: 50, coveredKm2: 5, count: 2, population: null })
    const total = totalCoverage([small, unknown, large], CITY)
    expect(total.population).toBeNull()
    expect(total.perTenThousand).toBeNull()
    // Land figures do not depend on people.
    expect(total.coveredPct).toBeCloseTo((185 / 1050) * 100, 12)
    expect(total.per100Km2).toBeCloseTo((17 / 1050) * 100, 12)
    // Whichever position the unknown county takes.
    expect(totalCoverage([unknown, small], CITY).population).toBeNull()
    expect(totalCoverage([small, large, unknown], CITY).population).toBeNull()
  })

  test('no counties: zeros, not NaN', () => {
    const total = totalCoverage([], CITY)
    expect(total).toMatchObject({ count: 0, areaKm2: 0, coveredPct: 0, per100Km2: 0 })
    expect(total.perTenThousand).toBeNull()
  })
})

/** A point `metres` from a vertex shared by both outlines, inside `a` and outside `b`. */
function pointAcrossBorder(a: AreaGeometry, b: AreaGeometry, metres: number): LonLat {
  const key = (p: Position) => `${p[0]},${p[1]}`
  const inB = new Set(polygonsOf(b).flatMap((rings) => rings.flat().map(key)))
  for (const ring of polygonsOf(a).flat()) {
    for (const v of ring) {
      if (!inB.has(key(v))) continue
      const perDeg = metresPerDegree(v[1] as number)
      for (let k = 0; k < 16; k++) {
        const t = (k * Math.PI) / 8
        const p: LonLat = [
          (v[0] as number) + (metres * Math.cos(t)) / perDeg.lon,
          (v[1] as number) + (metres * Math.sin(t)) / perDeg.lat,
        ]
        if (pointInGeometry(p, a) && !pointInGeometry(p, b)) return p
      }
    }
  }
  throw new Error('the outlines share no vertex')
}

test('a station just across the border raises the neighbour’s coverage and the city total', () => {
  const radiusM = 1000
  const res = resolutionForRadius(radiusM)
  const shangcheng = countyGeometry('上城区')
  const xiacheng = countyGeometry('下城区')
  const station = pointAcrossBorder(shangcheng, xiacheng, 200)
  const gridA = buildCountyGrid(shangcheng, res)
  const gridB = buildCountyGrid(xiacheng, res)

  const withStation = countyCoverage(gridB, [station], radiusM)
  expect(withStation.count).toBe(0)
  expect(countyCoverage(gridB, [], radiusM).coveredKm2).toBe(0)
  // About half the disc lies across the border, as exact geometry says.
  const exactKm2 = exactCoveredFraction(xiacheng, [station], radiusM) * withStation.areaKm2
  expect(exactKm2).toBeGreaterThan(0.25 * Math.PI)
  expect(Math.abs(withStation.coveredKm2 - exactKm2)).toBeLessThan(0.03 * exactKm2)

  const rows = [gridA, gridB].map((grid) => {
    const c = countyCoverage(grid, [station], radiusM)
    return row({ areaKm2: c.areaKm2, coveredKm2: c.coveredKm2, count: c.count })
  })
  const total = totalCoverage(rows, CITY)
  expect(total.count).toBe(1)
  expect(total.coveredKm2).toBeCloseTo(
    countyCoverage(gridA, [station], radiusM).coveredKm2 + withStation.coveredKm2,
    9,
  )
})
