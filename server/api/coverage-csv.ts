import type { CoverageReport, CoverageRow, CsvLanguage } from '../domain/coverage.ts'
import { csvField } from './export-cells.ts'

/** Columns: the row's field, then its header in English and in Chinese. */
const COLUMNS: Array<[keyof CoverageRow, string, string]> = [
  ['adcode', 'adcode', '行政区划代码'],
  ['name', 'name', '名称'],
  ['city', 'city', '所属地市'],
  ['count', 'count', '数量'],
  ['population', 'population', '常住人口'],
  ['perTenThousand', 'per_10k_residents', '每万人数量'],
  ['per100Km2', 'per_100_km2', '每百平方公里数量'],
  ['areaKm2', 'area_km2', '面积(平方公里)'],
  ['coveredPct', 'covered_pct', '覆盖率(%)'],
  ['coveredKm2', 'covered_km2', '已覆盖面积(平方公里)'],
  ['uncoveredKm2', 'uncovered_km2', '未覆盖面积(平方公里)'],
  ['populationCoveredPct', 'population_covered_pct', '人口覆盖率(%)'],
]

/** Columns around the figures: the row's level first, then what the report was computed for. */
const HEADERS = {
  en: {
    level: 'level',
    columns: COLUMNS.map(([, en]) => en),
    scope: ['radius_m', 'layer', 'sample_data', 'at'],
  },
  'zh-CN': {
    level: '层级',
    columns: COLUMNS.map(([, , zh]) => zh),
    scope: ['服务半径(米)', '图层', '示例数据', '时间'],
  },
} satisfies Record<CsvLanguage, unknown>

function cell(value: string | number | null): string {
  if (value === null) return ''
  if (typeof value === 'number') return String(Math.round(value * 1000) / 1000)
  return csvField(value)
}

/**
 * Counties, then city subtotals, then the province, as CSV with a `level` column. Starts with
 * a UTF-8 BOM so spreadsheet programs read the Chinese names correctly. `lang` sets the header
 * row only: values (names, `county`/`city`/`province`, layer codes) are the same in both.
 */
export function coverageCsv(report: CoverageReport, lang: CsvLanguage = 'en'): string {
  const h = HEADERS[lang]
  const header = [h.level, ...h.columns, ...h.scope].map(cell)
  const line = (level: string, row: CoverageRow) =>
    [
      level,
      ...COLUMNS.map(([key]) => cell(row[key])),
      report.radiusM,
      report.layer,
      report.sampleData,
      cell(report.at),
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
