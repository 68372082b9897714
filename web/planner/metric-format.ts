import type { CoverageRow } from '../../server/domain/coverage.ts'
import type { Metric } from './planner-state.ts'

/**
 * How each figure is shown: shares to 1 decimal, areas in km² to 1 decimal with thousands
 * separators, rates to 2 (per 10,000 residents is near 1) or 1 decimal, counts whole.
 * A missing value is "—", never 0 or a blank.
 */

export const MISSING = '—'

export const METRIC_DECIMALS: Record<Metric, number> = {
  coveredPct: 1,
  uncoveredKm2: 1,
  perTenThousand: 2,
  per100Km2: 1,
  count: 0,
}

/** The row's value for a metric; null where the figure does not exist (no census row). */
export function metricValue(row: CoverageRow, metric: Metric): number | null {
  return row[metric]
}

const formatters = new Map<string, Intl.NumberFormat>()

/** A number with `decimals` fixed decimals and locale grouping ("12,345.6"). */
export function formatNumber(v: number | null, decimals: number, locale: string): string {
  if (v === null || !Number.isFinite(v)) return MISSING
  const key = `${locale}:${decimals}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    formatters.set(key, f)
  }
  // -0.0 would read as a loss; a rounding artefact is shown as 0.
  const out = f.format(v)
  return /^-0([.,]0+)?$/.test(out) ? out.slice(1) : out
}

export function formatMetric(metric: Metric, v: number | null, locale: string): string {
  return formatNumber(v, METRIC_DECIMALS[metric], locale)
}

export const formatPct = (v: number | null, locale: string) => {
  const s = formatNumber(v, 1, locale)
  return s === MISSING ? s : `${s}%`
}

export const formatKm2 = (v: number | null, locale: string) => formatNumber(v, 1, locale)
