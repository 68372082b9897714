import { z } from 'zod'
import { AMENITIES, STATION_KINDS } from './vocabularies.ts'
import { AdcodeSchema, IsoDateSchema } from './station.ts'

/**
 * Query-string schemas: every value arrives as a string, so numbers are coerced and
 * booleans must be spelled `true` or `false`. Shared by the API (validation, OpenAPI)
 * and the web client (building URLs).
 */

export const NEARBY_DEFAULT_RADIUS_M = 3000
export const NEARBY_MAX_RADIUS_M = 50_000
export const NEARBY_DEFAULT_LIMIT = 20
export const NEARBY_MAX_LIMIT = 200

/** An empty query value (`lat=`) counts as absent rather than as 0. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v)
const numberParam = () => z.coerce.number()
const param = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankAsAbsent, schema)

const latParam = param(numberParam().min(-90).max(90)).describe('Latitude, WGS-84 degrees')
const lonParam = param(numberParam().min(-180).max(180)).describe('Longitude, WGS-84 degrees')
const radiusParam = param(numberParam().int().min(1).max(NEARBY_MAX_RADIUS_M).optional()).describe(
  `Search radius, geodesic metres: ${NEARBY_DEFAULT_RADIUS_M} by default, unlimited when \`adcode\` or \`q\` is given`,
)
const areaParam = AdcodeSchema.optional().describe(
  'Only results in this county, or in this prefecture city when the code ends in 00',
)

/**
 * The radius a nearby query searches: the one asked for; else none when an area or a text
 * bounds the answer (a district's 149 stations are all "in it", however far from its centre);
 * else the default.
 */
export function nearbyRadiusM(q: { radius?: number; adcode?: string; q?: string }): number {
  if (q.radius !== undefined) return q.radius
  return q.adcode !== undefined || q.q !== undefined ? Infinity : NEARBY_DEFAULT_RADIUS_M
}
const limitParam = param(
  numberParam().int().min(1).max(NEARBY_MAX_LIMIT).default(NEARBY_DEFAULT_LIMIT),
).describe('Maximum number of results')

export const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true')

/** Comma-separated amenity codes; a station must have all of them. */
export const amenitiesParam = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a.length > 0),
  )
  .pipe(z.array(z.enum(AMENITIES)))
  .describe(`Comma-separated, all required: ${AMENITIES.join(', ')}`)

export const NearbyStationsQuerySchema = z.object({
  lat: latParam,
  lon: lonParam,
  radius: radiusParam,
  limit: limitParam,
  amenities: amenitiesParam.optional(),
  kind: z.enum(STATION_KINDS).optional(),
  adcode: areaParam,
  q: z.string().trim().min(1).max(100).optional().describe('Matches name or address'),
  openNow: booleanParam.optional().describe('true: only stations open at `at`'),
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('ISO 8601 instant for openNow (default: now); evaluated in Asia/Shanghai'),
})
export type NearbyStationsQuery = z.output<typeof NearbyStationsQuerySchema>

export const BboxSchema = z
  .string()
  .transform((s) => s.split(',').map((v) => (v.trim() === '' ? NaN : Number(v))))
  .pipe(
    z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .refine(([w, s, e, n]) => w <= e && s <= n, 'expected minLon<=maxLon and minLat<=maxLat'),
  )
  .describe('minLon,minLat,maxLon,maxLat in WGS-84 degrees')

export const STATIONS_DEFAULT_PAGE = 100
export const STATIONS_MAX_PAGE = 1000

export const ListStationsQuerySchema = z.object({
  bbox: BboxSchema.optional(),
  adcode: AdcodeSchema.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Matches name or address'),
  amenities: amenitiesParam.optional(),
  kind: z.enum(STATION_KINDS).optional(),
  limit: param(numberParam().int().min(1).max(STATIONS_MAX_PAGE).default(STATIONS_DEFAULT_PAGE)),
  cursor: z.string().min(1).max(200).optional().describe('nextCursor of the previous page'),
})
export type ListStationsQuery = z.output<typeof ListStationsQuerySchema>

export const NearbyClassesQuerySchema = z.object({
  lat: latParam,
  lon: lonParam,
  radius: radiusParam,
  limit: limitParam,
  age: param(numberParam().int().min(0).max(18).optional()).describe("Child's age in years"),
  date: IsoDateSchema.optional().describe('A day that must fall inside the term'),
  hasSeats: booleanParam.optional().describe('true: only classes with seats left'),
  adcode: areaParam,
})
export type NearbyClassesQuery = z.output<typeof NearbyClassesQuerySchema>
