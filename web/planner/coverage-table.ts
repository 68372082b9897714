import type { CoverageReport, CoverageRow } from '../../server/domain/coverage.ts'
import type { Sort } from './planner-state.ts'

/** The table's rows in display order: the province, then cities with their counties (or a flat list). */

export type TableRowKind = 'province' | 'city' | 'county'
export interface TableRow {
  kind: TableRowKind
  row: CoverageRow
}

const collator = new Intl.Collator('zh-CN')

/**
 * Orders two rows by the sort; rows without a value (null) go last in either direction, and
 * ties fall back to the official adcode order so the result never depends on the input order.
 */
export function compareRows(a: CoverageRow, b: CoverageRow, sort: Sort): number {
  return compare(a, b, sort) || 0 // never -0
}

function compare(a: CoverageRow, b: CoverageRow, sort: Sort): number {
  const byAdcode = a.adcode < b.adcode ? -1 : a.adcode > b.adcode ? 1 : 0
  const sign = sort.dir === 'asc' ? 1 : -1
  if (sort.key === 'adcode') return sign * byAdcode
  if (sort.key === 'name') return sign * collator.compare(a.name, b.name) || byAdcode
  const x = a[sort.key]
  const y = b[sort.key]
  if (x === null || y === null) return x === y ? byAdcode : x === null ? 1 : -1
  return sign * (x - y) || byAdcode
}

export function sortRows(rows: readonly CoverageRow[], sort: Sort): CoverageRow[] {
  return [...rows].sort((a, b) => compareRows(a, b, sort))
}

/**
 * The rows in display order. `include` narrows the counties (the legend's class filter); a city
 * then lists only its included counties and is left out when none is, its subtotal unchanged.
 */
export function tableRows(
  report: CoverageReport,
  sort: Sort,
  grouped: boolean,
  include: (county: CoverageRow) => boolean = () => true,
): TableRow[] {
  const out: TableRow[] = [{ kind: 'province', row: report.province }]
  const counties = report.counties.filter(include)
  if (!grouped) {
    for (const row of sortRows(counties, sort)) out.push({ kind: 'county', row })
    return out
  }
  for (const city of sortRows(report.cities, sort)) {
    const members = counties.filter((c) => c.city === city.city)
    if (members.length === 0) continue
    out.push({ kind: 'city', row: city })
    for (const row of sortRows(members, sort)) out.push({ kind: 'county', row })
  }
  return out
}
