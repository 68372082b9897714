import { z } from 'zod'
import {
  AMENITIES,
  STATION_HOSTS,
  STATION_KINDS,
  STATION_STATUSES,
  STATION_TIERS,
} from './vocabularies.ts'
import { featureCollectionSchema, pointFeatureSchema } from './geojson.ts'

export const IsoDateSchema = z.iso.date().describe('YYYY-MM-DD')
export const AdcodeSchema = z.string().regex(/^\d{6}$/, 'expected a 6-digit adcode')

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
})
export type Station = z.infer<typeof StationSchema>

const StationPropertiesSchema = StationSchema.omit({ lon: true, lat: true })
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
