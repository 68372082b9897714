import { z } from 'zod'
import { CoverageAtSchema } from './coverage-at.ts'
import {
  COVERAGE_MAX_RADIUS_M,
  COVERAGE_MIN_RADIUS_M,
  CoverageRowSchema,
  LandPatchSchema,
  snapRadiusM,
  WALK_RADIUS_M,
} from './coverage.ts'
import { isValidOpeningHours } from './opening-hours.ts'
import { AdcodeSchema } from './station.ts'

/** Proposed sites one scenario may add. */
export const MAX_SCENARIO_SITES = 50
/** Stations one scenario may remove, and hours it may change. */
export const MAX_SCENARIO_CHANGES = 200
/** A proposed site must lie in the county or within this many metres of it. */
export const MAX_SITE_DISTANCE_M = 5000

const StationIdSchema = z.string().min(1).max(64)

export const ScenarioSiteSchema = z
  .object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) })
  .strict()
export type ScenarioSite = z.infer<typeof ScenarioSiteSchema>

export const HoursChangeSchema = z
  .object({
    id: StationIdSchema,
    openingHours: z
      .string()
      .min(1)
      .max(200)
      .refine(isValidOpeningHours, 'is not valid opening_hours syntax'),
  })
  .strict()
export type HoursChange = z.infer<typeof HoursChangeSchema>

/**
 * A what-if for one county's stations: sites added, active stations removed, stations' hours
 * changed (which matters only with `at`). The parts a planner edits; radius and time as in
 * GET /api/coverage.
 */
export const CoverageScenarioSchema = z
  .object({
    radius: z
      .number()
      .int()
      .min(COVERAGE_MIN_RADIUS_M)
      .max(COVERAGE_MAX_RADIUS_M)
      .default(WALK_RADIUS_M)
      .transform(snapRadiusM)
      .describe('Service radius, metres, rounded to 100 m as in GET /api/coverage'),
    at: CoverageAtSchema.optional(),
    added: z
      .array(ScenarioSiteSchema)
      .max(MAX_SCENARIO_SITES)
      .default([])
      .describe(
        `Proposed sites (at most ${MAX_SCENARIO_SITES}), each in the county or within ` +
          `${MAX_SITE_DISTANCE_M} m of it; they count at any time`,
      ),
    removed: z
      .array(StationIdSchema)
      .max(MAX_SCENARIO_CHANGES)
      .default([])
      .describe('Ids of active stations taken out'),
    hours: z
      .array(HoursChangeSchema)
      .max(MAX_SCENARIO_CHANGES)
      .default([])
      .describe('Active stations given other opening_hours (e.g. "24/7"); matters with `at`'),
  })
  .strict()
export type CoverageScenario = z.output<typeof CoverageScenarioSchema>
export type CoverageScenarioInput = z.input<typeof CoverageScenarioSchema>

const ChangeCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  /** Land gained (or lost), km²: gained − lost = the change in coveredKm2. */
  areaKm2: z.number().nonnegative(),
  features: z.array(LandPatchSchema),
})

export const ScenarioAnswerSchema = z.object({
  adcode: AdcodeSchema,
  radiusM: z.number().int(),
  at: z.string().nullable(),
  dataVersion: z.number().int(),
  /** The county's row of GET /api/coverage, and the same row with the scenario applied. */
  live: CoverageRowSchema,
  scenario: CoverageRowSchema,
  /** scenario − live: stations, km², percentage points (null without population figures). */
  difference: z.object({
    count: z.number().int(),
    coveredKm2: z.number(),
    coveredPp: z.number(),
    populationCoveredPp: z.number().nullable(),
  }),
  /** Each proposed site, as given, with the land only it covers in the scenario. */
  sites: z.array(ScenarioSiteSchema.extend({ addedCoverageKm2: z.number().nonnegative() })),
  /** Cells (H3, the grid's resolution) where covered land rose, and where it fell. */
  gained: ChangeCollectionSchema,
  lost: ChangeCollectionSchema,
})
export type ScenarioAnswer = z.infer<typeof ScenarioAnswerSchema>
