import { z } from 'zod'
import { AdcodeSchema } from './station.ts'
import { decimalParam } from './params.ts'
import { CoverageAtSchema } from './coverage-at.ts'

/** Service radius limits (metres, straight-line) and the two named circles. */
export const COVERAGE_MIN_RADIUS_M = 200
export const COVERAGE_MAX_RADIUS_M = 10_000
/** 15-minute walk: the national "1 km / 15 minutes" service circle. */
export const WALK_RADIUS_M = 1000
/** 15-minute e-bike ride. */
export const EBIKE_RADIUS_M = 3000
/**
 * Radii are rounded to this step (1000 and 3000 stay exact), so a client cannot start a new
 * computation per metre; answers carry the radius actually used.
 */
export const COVERAGE_RADIUS_STEP_M = 100

/** The radius the server computes for a requested one (already within the limits). */
export function snapRadiusM(radiusM: number): number {
  const snapped = Math.round(radiusM / COVERAGE_RADIUS_STEP_M) * COVERAGE_RADIUS_STEP_M
  return Math.min(COVERAGE_MAX_RADIUS_M, Math.max(COVERAGE_MIN_RADIUS_M, snapped))
}

export const COVERAGE_LAYERS = ['stations', 'classes'] as const
export type CoverageLayer = (typeof COVERAGE_LAYERS)[number]

const radiusParam = decimalParam(
  z.number().int().min(COVERAGE_MIN_RADIUS_M).max(COVERAGE_MAX_RADIUS_M),
)
  .default(WALK_RADIUS_M)
  .transform(snapRadiusM)
  .describe(
    'Service radius R, metres (1000 = 15-minute walk, 3000 = 15-minute e-bike ride), rounded ' +
      `to the nearest ${COVERAGE_RADIUS_STEP_M} m; answers give the radius used`,
  )
const layerParam = z
  .enum(COVERAGE_LAYERS)
  .default('stations')
  .describe('stations (active ones) or childcare classes')

export const CoverageQuerySchema = z.object({
  radius: radiusParam,
  layer: layerParam,
  at: CoverageAtSchema.optional(),
})
export type CoverageQuery = z.output<typeof CoverageQuerySchema>

export const CSV_LANGUAGES = ['en', 'zh-CN'] as const
export type CsvLanguage = (typeof CSV_LANGUAGES)[number]

export const CoverageCsvQuerySchema = CoverageQuerySchema.extend({
  lang: z
    .enum(CSV_LANGUAGES)
    .default('en')
    .describe('Language of the header row (names stay Chinese)'),
})

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

/** The radius and time an answer was computed for (`at` as given; null = any time). */
const scopeFields = {
  radiusM: z.number().int(),
  at: z.string().nullable(),
}

export const CoverageReportSchema = z.object({
  ...scopeFields,
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

/** A patch of land made of merged grid cells: a gap, or land a scenario gains or loses. */
export const LandPatchSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({
    type: z.enum(['Polygon', 'MultiPolygon']),
    coordinates: z.array(z.any()),
  }),
  properties: z.object({ areaKm2: z.number().nonnegative(), cells: z.number().int() }),
})

export const GapCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  ...scopeFields,
  features: z.array(LandPatchSchema),
})
export type GapCollection = z.infer<typeof GapCollectionSchema>

/** The existing active station nearest a suggested site (any hours), to describe where it is. */
export const NearestStationSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Geodesic metres from the station to the site. */
  distanceM: z.number().nonnegative(),
  /** Direction from the station to the site, degrees clockwise from north, [0, 360). */
  bearingDeg: z.number().min(0).lt(360),
})
export type NearestStation = z.infer<typeof NearestStationSchema>

export const SuggestionCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  ...scopeFields,
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2) }),
      properties: z.object({
        rank: z.number().int(),
        /** H3 cell whose centre is the site. */
        cell: z.string(),
        addedCoverageKm2: z.number(),
        coveredPct: z.number(),
        /** null when there is no active station at all. */
        nearestStation: NearestStationSchema.nullable(),
      }),
    }),
  ),
})
export type SuggestionCollection = z.infer<typeof SuggestionCollectionSchema>
