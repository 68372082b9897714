import { z } from 'zod'
import {
  ACCESS_METHODS,
  AMENITIES,
  STATION_HOSTS,
  STATION_KINDS,
  STATION_STATUSES,
  STATION_TIERS,
} from './vocabularies.ts'
import { featureCollectionSchema, pointFeatureSchema } from './geojson.ts'
import { isIsoDate } from './iso-date.ts'
import { TrustShape } from './report.ts'

export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, 'expected a calendar date, YYYY-MM-DD')
  .describe('YYYY-MM-DD')
export const AdcodeSchema = z.string().regex(/^\d{6}$/, 'expected a 6-digit adcode')

/**
 * Where an imported record came from; all null for sample records. Defaults let files written
 * before these fields existed (the shipped sample) still validate.
 */
export const ProvenanceShape = {
  /** The register it was imported from, as the importer named it (`--source`). */
  source: z.string().nullable().default(null),
  /** The record's own id in that register (编号), when it has one. */
  sourceRef: z.string().nullable().default(null),
  /** The import batch that last wrote it (see `npm run import -- --rollback`). */
  importBatch: z.string().nullable().default(null),
}

export const ACCESS_NOTE_MAX = 100

/** A station as stored: WGS-84 position plus its facts. */
export const StationSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(STATION_KINDS),
  tier: z.enum(STATION_TIERS),
  host: z.enum(STATION_HOSTS),
  address: z.string(),
  adcode: AdcodeSchema,
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  amenities: z.array(z.enum(AMENITIES)),
  /** OpenStreetMap `opening_hours` syntax; null when unknown. */
  openingHours: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(STATION_STATUSES),
  verifiedOn: IsoDateSchema.nullable(),
  /** True for generated sample records, never for real ones. */
  sample: z.boolean(),
  ...ProvenanceShape,
  /** Who runs the place the station is in (依托单位), as the source names it. */
  hostName: z.string().nullable().default(null),
  /** Hours as the source wrote them when they could not be read as `opening_hours`. */
  hoursText: z.string().nullable().default(null),
  /** How to get in; null when the source does not say. */
  access: z.enum(ACCESS_METHODS).nullable().default(null),
  /** What else a worker needs to know to get in (按门铃, 密码请电话询问), or the source's own words. */
  accessNote: z.string().max(ACCESS_NOTE_MAX).nullable().default(null),
})
export type Station = z.infer<typeof StationSchema>
/** A station as files may hold it: the provenance fields may be left out. */
export type StationInput = z.input<typeof StationSchema>

/** 'HH:MM' Shanghai wall clock; an interval running to midnight ends at '24:00'. */
const WallClockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM')
export const OpenIntervalSchema = z.object({ from: WallClockSchema, to: WallClockSchema })
export type OpenInterval = z.infer<typeof OpenIntervalSchema>

/**
 * What a client needs to show opening hours without the `opening_hours` parser: the state at
 * the answer's time and the next seven Shanghai days as definite intervals, all evaluated in
 * Asia/Shanghai on the server.
 */
export const HoursSummarySchema = z.object({
  /** Open at the answer's time; null when the hours are unknown or unparseable. */
  openNow: z.boolean().nullable(),
  /** The next instant the state changes (ISO 8601, +08:00), or null if it never does. */
  nextChange: z.iso.datetime({ offset: true }).nullable(),
  /** Today (Shanghai) first, then the six days after it; empty intervals: closed or unknown. */
  week: z
    .array(z.object({ date: IsoDateSchema, intervals: z.array(OpenIntervalSchema) }))
    .length(7),
})
export type HoursSummary = z.infer<typeof HoursSummarySchema>

const StationPropertiesSchema = StationSchema.omit({ lon: true, lat: true })
  .extend({
    /** The hours evaluated at the answer's time (nearby: `at`). */
    hours: HoursSummarySchema,
  })
  .extend(TrustShape)
export const StationFeatureSchema = pointFeatureSchema(StationPropertiesSchema)
export type StationFeature = z.infer<typeof StationFeatureSchema>

/** What a nearby search adds to each station, measured from the query point. */
export const NearbyFieldsSchema = z.object({
  distanceM: z.number().int().nonnegative(),
  bearingDeg: z.number().min(0).lt(360),
  walkMinutes: z.number().int().nonnegative(),
})

/** Beside a nearby page: how many matched within the radius, and the page size asked for. */
export const NearbyCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
})

export const NearbyStationFeatureSchema = pointFeatureSchema(
  StationPropertiesSchema.extend(NearbyFieldsSchema.shape).extend({
    /** Open at the query time in Asia/Shanghai; null when hours are unknown. */
    openNow: z.boolean().nullable(),
  }),
)
export type NearbyStationFeature = z.infer<typeof NearbyStationFeatureSchema>

export const StationCollectionSchema = featureCollectionSchema(StationFeatureSchema)
export const NearbyStationCollectionSchema = featureCollectionSchema(
  NearbyStationFeatureSchema,
).extend(NearbyCountsSchema.shape)
export const StationPageSchema = StationCollectionSchema.extend({
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
})
