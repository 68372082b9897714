import { describe, expect, test } from 'vitest'
import { totalCoverage } from '../../server/domain/coverage.ts'
import type { CoverageReport, CoverageRow } from '../../server/domain/coverage.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { compareRows, sortRows, tableRows } from '../../web/planner/coverage-table.ts'
import { METRICS, SORT_KEYS } from '../../web/planner/planner-state.ts'
import { colorScale } from '../../web/planner/color-scale.ts'
import { legendFilter } from '../../web/planner/legend-filter.ts'
import { METRIC_DECIMALS, metricValue } from '../../web/planner/metric-format.ts'
import type { Sort } from '../../web/planner/planner-state.ts'

const CITIES = ['杭州市', '宁波市', '温州市']
const NAMES = [
  '上城区',
  '西湖区',
  '滨江区',
  '安吉县',
  '鹿城区',
  '海曙区',
  '余姚市',
  '象山县',
  '永嘉县',
  '淳安县',
]

function county(i: number, r: ReturnType<typeof createRandom>): CoverageRow {
  const areaKm2 = 20 + r.next() * 2000
  const coveredKm2 = areaKm2 * (r.chance(0.2) ? 0.5 : r.next()) // ties on coveredPct
  const population = r.chance(0.15) ? null : r.int(50_000, 2_000_000)
  const count = r.int(0, 200)
  return {
    adcode: String(330100 + i * 3),
    name: NAMES[i % NAMES.length]!,
    city: CITIES[i % CITIES.length]!,
    count,
    population,
    perTenThousand: population ? (count / population) * 10_000 : null,
    per100Km2: (count / areaKm2) * 100,
    areaKm2,
    coveredPct: (coveredKm2 / areaKm2) * 100,
    coveredKm2,
    uncoveredKm2: areaKm2 - coveredKm2,
    populationCoveredPct: null,
  }
}

function report(seed: number): CoverageReport {
  const r = createRandom(seed)
  const counties = Array.from({ length: 30 }, (_, i) => county(i, r))
  const cities = CITIES.map((c, i) =>
    totalCoverage(
      counties.filter((k) => k.city === c),
      { adcode: String(330100 + i * 100), name: c, city: c },
    ),
  )
  return {
    radiusM: 1000,
    at: null,
    layer: 'stations',
    dataVersion: 1,
    sampleData: true,
    counties,
    cities,
    province: totalCoverage(counties, { adcode: '330000', name: '浙江省', city: '浙江省' }),
  }
}

const allSorts: Sort[] = SORT_KEYS.flatMap((key) => [
  { key, dir: 'asc' as const },
  { key, dir: 'desc' as const },
])

describe('sorting rows', () => {
  test('every adjacent pair is in order by value, nulls last either way, ties by adcode', () => {
    const rows = report(3).counties
    for (const sort of allSorts) {
      const sorted = sortRows(rows, sort)
      expect(sorted.map((r) => r.adcode).sort()).toEqual(rows.map((r) => r.adcode).sort())
      for (let i = 1; i < sorted.length; i++) {
        const [a, b] = [sorted[i - 1]!, sorted[i]!]
        if (sort.key === 'adcode' || sort.key === 'name') continue
        const [x, y] = [a[sort.key], b[sort.key]]
        if (x === null) expect(y, `${sort.key} null first`).toBeNull()
        else if (y !== null) {
          expect(sort.dir === 'asc' ? x <= y : x >= y, `${sort.key} ${sort.dir}`).toBe(true)
          if (x === y) expect(a.adcode < b.adcode).toBe(true)
        }
      }
      if (sort.key === 'adcode') {
        const codes = sorted.map((r) => r.adcode)
        const expected = [...codes].sort()
        expect(codes).toEqual(sort.dir === 'asc' ? expected : expected.reverse())
      }
    }
  })

  test('names sort in pinyin order (上 shàng before 西 xī before 余 yú)', () => {
    const rows = ['余姚市', '西湖区', '上城区'].map((name, i) => ({
      ...report(1).counties[0]!,
      name,
      adcode: String(330101 + i),
    }))
    expect(sortRows(rows, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual([
      '上城区',
      '西湖区',
      '余姚市',
    ])
  })

  test('the order does not depend on the input order', () => {
    const rows = report(5).counties
    for (const sort of allSorts) {
      expect(sortRows([...rows].reverse(), sort)).toEqual(sortRows(rows, sort))
      expect(compareRows(rows[0]!, rows[0]!, sort)).toBe(0)
    }
  })
})

describe('table rows', () => {
  test('grouped: the province, then each city followed by exactly its own counties', () => {
    const rep = report(9)
    for (const sort of allSorts) {
      const rows = tableRows(rep, sort, true)
      expect(rows[0]).toEqual({ kind: 'province', row: rep.province })
      expect(rows.filter((r) => r.kind === 'county')).toHaveLength(rep.counties.length)
      expect(rows.filter((r) => r.kind === 'city').map((r) => r.row)).toEqual(
        sortRows(rep.cities, sort),
      )
      let city = ''
      for (const r of rows.slice(1)) {
        if (r.kind === 'city') city = r.row.city
        else expect(r.row.city).toBe(city)
      }
      for (const c of rep.cities) {
        const members = rows
          .filter((r) => r.kind === 'county' && r.row.city === c.city)
          .map((r) => r.row)
        expect(members).toEqual(
          sortRows(
            rep.counties.filter((k) => k.city === c.city),
            sort,
          ),
        )
      }
    }
  })

  test('flat: the province, then every county in sort order', () => {
    const rep = report(11)
    const sort: Sort = { key: 'coveredPct', dir: 'asc' }
    const rows = tableRows(rep, sort, false)
    expect(rows.map((r) => r.kind)).toEqual(['province', ...rep.counties.map(() => 'county')])
    expect(rows.slice(1).map((r) => r.row)).toEqual(sortRows(rep.counties, sort))
  })
})

describe('legend class filter', () => {
  test('each class lists exactly the counties drawn in its colour; the classes cover them all', () => {
    for (const seed of [13, 17, 19]) {
      const rep = report(seed)
      for (const metric of METRICS) {
        const scale = colorScale(
          rep.counties.map((r) => metricValue(r, metric)),
          METRIC_DECIMALS[metric],
        )
        const seen: string[] = []
        scale.classes.forEach((cls, i) => {
          const include = legendFilter(scale, metric, i)!
          for (const grouped of [true, false]) {
            const rows = tableRows(rep, { key: 'coveredPct', dir: 'asc' }, grouped, include)
            const listed = rows.filter((r) => r.kind === 'county').map((r) => r.row)
            // The oracle: the colour the map gives each county.
            const drawn = rep.counties.filter(
              (r) => scale.colorOf(metricValue(r, metric)) === cls.color,
            )
            expect(new Set(listed)).toEqual(new Set(drawn))
            expect(listed).toHaveLength(cls.count)
            // Cities appear only with a listed county, each followed by its own.
            const cities = rows.filter((r) => r.kind === 'city').map((r) => r.row.city)
            expect(new Set(cities)).toEqual(new Set(grouped ? drawn.map((r) => r.city) : []))
            if (grouped) seen.push(...listed.map((r) => r.adcode))
          }
        })
        const present = rep.counties.filter((r) => metricValue(r, metric) !== null)
        expect(seen.sort()).toEqual(present.map((r) => r.adcode).sort())
      }
    }
  })

  test('no class picked, or one the scale no longer has, lists every county', () => {
    const rep = report(23)
    const scale = colorScale(
      rep.counties.map((r) => r.coveredPct),
      1,
    )
    expect(legendFilter(scale, 'coveredPct', null)).toBeNull()
    expect(legendFilter(scale, 'coveredPct', scale.classes.length)).toBeNull()
    expect(legendFilter(null, 'coveredPct', 0)).toBeNull()
  })
})
