import { z } from 'zod'
import { AdcodeSchema } from './station.ts'
import { decimalParam } from './params.ts'

/** Service radius limits (metres, straight-line) and the two named circles. */
export const COVERAGE_MIN_RADIUS_M = 200
export const COVERAGE_MAX_RADIUS_M = 10_000
/** 15-minute walk: the national "1 km / 15 minutes" service circle. */
export const WALK_RADIUS_M = 1000
/** 15-minute e-bike ride. */
export const EBIKE_RADIUS_M = 3000

export const COVERAGE_LAYERS = ['stations', 'classes'] as const
export type CoverageLayer = (typeof COVERAGE_LAYERS)[number]

const radiusParam = decimalParam(
  z.number().int().min(COVERAGE_MIN_RADIUS_M).max(COVERAGE_MAX_RADIUS_M),
)
  .default(WALK_RADIUS_M)
  .describe('Service radius R, metres (1000 = 15-minute walk, 3000 = 15-minute e-bike ride)')
const layerParam = z
  .enum(COVERAGE_LAYERS)
  .default('stations')
  .describe('stations (active ones) or childcare classes')

export const CoverageQuerySchema = z.object({ radius: radiusParam, layer: layerParam })
export type CoverageQuery = z.output<typeof CoverageQuerySchema>

export const GapsQuerySchema = CoverageQuerySchema.extend({
  minAreaKm2: decimalParam(z.number().min(0).max(10_000))
    .default(0)
    .describe('Leave out gaps smaller than this, km²'),
})

export const MAX_SUGGESTIONS = 20
export const SuggestionsQuerySchema = CoverageQuerySchema.extend({
  count: decimalParam(z.number().int().min(1).max(MAX_SUGGESTIONS))
    .default(5)
    .describe('How many sites to suggest'),
})

export const AdcodeParamSchema = z.object({ adcode: AdcodeSchema })

/** Coverage of one area (a county, a prefecture city, or the province) at one radius. */
export const CoverageRowSchema = z.object({
  adcode: AdcodeSchema,
  name: z.string(),
  city: z.string(),
  /** Active stations (or classes) inside the area. */
  count: z.number().int().nonnegative(),
  population: z.number().int().nullable(),
  /** count per 10,000 residents (2020 census); null without a population. */
  perTenThousand: z.number().nullable(),
  /** count per 100 km² of land. */
  per100Km2: z.number(),
  areaKm2: z.number(),
  /** Share of the land within R of at least one station, 0–100. */
  coveredPct: z.number().min(0).max(100),
  coveredKm2: z.number(),
  uncoveredKm2: z.number(),
  /** Share of residents within R; null where no population surface exists (none does yet). */
  populationCoveredPct: z.number().nullable(),
})
export type CoverageRow = z.infer<typeof CoverageRowSchema>

export const CoverageReportSchema = z.object({
  radiusM: z.number().int(),
  layer: z.enum(COVERAGE_LAYERS),
  /** The store's data version the figures were computed from. */
  dataVersion: z.number().int(),
  /** True while the points are generated sample data. */
  sampleData: z.boolean(),
  counties: z.array(CoverageRowSchema),
  /** Prefecture-city subtotals (adcode = the city's, city = its name). */
  cities: z.array(CoverageRowSchema),
  province: CoverageRowSchema,
})
export type CoverageReport = z.infer<typeof CoverageReportSchema>

/**
 * Totals over several areas: counts, areas and population add; shares are recomputed from
 * the sums (area-weighted), never averaged.
 */
export function totalCoverage(
  rows: readonly CoverageRow[],
  identity: Pick<CoverageRow, 'adcode' | 'name' | 'city'>,
): CoverageRow {
  let count = 0
  let areaKm2 = 0
  let coveredKm2 = 0
  let population: number | null = 0
  for (const r of rows) {
    count += r.count
    areaKm2 += r.areaKm2
    coveredKm2 += r.coveredKm2
    population = population === null || r.population === null ? null : population + r.population
  }
  return {
    ...identity,
    count,
    population,
    perTenThousand: population ? (count / population) * 10_000 : null,
    per100Km2: areaKm2 > 0 ? (count / areaKm2) * 100 : 0,
    areaKm2,
    coveredPct: areaKm2 > 0 ? Math.min(100, (coveredKm2 / areaKm2) * 100) : 0,
    coveredKm2,
    uncoveredKm2: areaKm2 - coveredKm2,
    populationCoveredPct: null,
  }
}
