import type { CoverageReport, CoverageRow } from '../domain/coverage.ts'

const COLUMNS: Array<[keyof CoverageRow, string]> = [
  ['adcode', 'adcode'],
  ['name', 'name'],
  ['city', 'city'],
  ['count', 'count'],
  ['population', 'population'],
  ['perTenThousand', 'per_10k_residents'],
  ['per100Km2', 'per_100_km2'],
  ['areaKm2', 'area_km2'],
  ['coveredPct', 'covered_pct'],
  ['coveredKm2', 'covered_km2'],
  ['uncoveredKm2', 'uncovered_km2'],
  ['populationCoveredPct', 'population_covered_pct'],
]

function cell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(Math.round(value * 1000) / 1000)
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * Counties, then city subtotals, then the province, as CSV with a `level` column. Starts with
 * a UTF-8 BOM so spreadsheet programs read the Chinese names correctly.
 */
export function coverageCsv(report: CoverageReport): string {
  const header = ['level', ...COLUMNS.map(([, name]) => name), 'radius_m', 'layer', 'sample_data']
  const line = (level: string, row: CoverageRow) =>
    [
      level,
      ...COLUMNS.map(([key]) => cell(row[key])),
      report.radiusM,
      report.layer,
      report.sampleData,
    ]
      .map(String)
      .join(',')
  return (
    '\uFEFF' +
    [
      header.join(','),
      ...report.counties.map((r) => line('county', r)),
      ...report.cities.map((r) => line('city', r)),
      line('province', report.province),
    ].join('\r\n') +
    '\r\n'
  )
}
