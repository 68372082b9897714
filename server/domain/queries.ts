import { z } from 'zod'
import { AMENITIES, STATION_KINDS } from './vocabularies.ts'
import { AdcodeSchema, IsoDateSchema } from './station.ts'
import { NOT_A_DECIMAL, decimalParam, parseDecimal, textParam } from './params.ts'

/**
 * Query-string schemas: every value arrives as a string, so numbers are plain decimals
 * (params.ts) and booleans must be spelled `true` or `false`. Shared by the API (validation,
 * OpenAPI) and the web client (building URLs).
 */

export const NEARBY_DEFAULT_RADIUS_M = 3000
export const NEARBY_MAX_RADIUS_M = 50_000
export const NEARBY_DEFAULT_LIMIT = 20
export const NEARBY_MAX_LIMIT = 200

const latitude = z.number().min(-90).max(90)
const longitude = z.number().min(-180).max(180)
const latParam = decimalParam(latitude).describe('Latitude, WGS-84 degrees')
const lonParam = decimalParam(longitude).describe('Longitude, WGS-84 degrees')
const radiusParam = decimalParam(z.number().int().min(1).max(NEARBY_MAX_RADIUS_M))
  .optional()
  .describe(
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
const limitParam = decimalParam(z.number().int().min(1).max(NEARBY_MAX_LIMIT))
  .default(NEARBY_DEFAULT_LIMIT)
  .describe('Maximum number of results')

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
  .pipe(z.array(z.enum(AMENITIES)).min(1, 'is empty'))
  .describe(`Comma-separated, all required: ${AMENITIES.join(', ')}`)

export const NearbyStationsQuerySchema = z.object({
  lat: latParam,
  lon: lonParam,
  radius: radiusParam,
  limit: limitParam,
  amenities: amenitiesParam.optional(),
  kind: z.enum(STATION_KINDS).optional(),
  adcode: areaParam,
  q: textParam(100).trim().optional().describe('Matches name or address'),
  openNow: booleanParam.optional().describe('true: only stations open at `at`'),
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('ISO 8601 instant for openNow (default: now); evaluated in Asia/Shanghai'),
})
export type NearbyStationsQuery = z.output<typeof NearbyStationsQuerySchema>

export const BboxSchema = z
  .string()
  .transform((s, ctx) => {
    const values = s.split(',').map(parseDecimal)
    if (values.every((v) => v !== undefined)) return values
    ctx.issues.push({ code: 'custom', message: NOT_A_DECIMAL, input: s })
    return z.NEVER
  })
  .pipe(
    z
      .tuple([longitude, latitude, longitude, latitude], {
        error: 'expected four numbers: minLon,minLat,maxLon,maxLat',
      })
      .refine(([w, s, e, n]) => w <= e && s <= n, 'expected minLon<=maxLon and minLat<=maxLat'),
  )
  .describe('minLon,minLat,maxLon,maxLat in WGS-84 degrees')

export const STATIONS_DEFAULT_PAGE = 100
export const STATIONS_MAX_PAGE = 1000

export const ListStationsQuerySchema = z.object({
  bbox: BboxSchema.optional(),
  adcode: AdcodeSchema.optional(),
  q: textParam(100).trim().optional().describe('Matches name or address'),
  amenities: amenitiesParam.optional(),
  kind: z.enum(STATION_KINDS).optional(),
  limit: decimalParam(z.number().int().min(1).max(STATIONS_MAX_PAGE))
    .default(STATIONS_DEFAULT_PAGE)
    .describe('Page size'),
  cursor: textParam(200).optional().describe('nextCursor of the previous page'),
})
export type ListStationsQuery = z.output<typeof ListStationsQuerySchema>

/** `GET /api/classes`: the editors' search, a page in id order. */
export const ListClassesQuerySchema = ListStationsQuerySchema.pick({
  adcode: true,
  q: true,
  limit: true,
  cursor: true,
})
export type ListClassesQuery = z.output<typeof ListClassesQuerySchema>

/** Station exports filter as the list does, and hold every match: no page. */
export const StationExportQuerySchema = ListStationsQuerySchema.omit({ limit: true, cursor: true })
export type StationExportQuery = z.output<typeof StationExportQuerySchema>

export const NearbyClassesQuerySchema = z.object({
  lat: latParam,
  lon: lonParam,
  radius: radiusParam,
  limit: limitParam,
  age: decimalParam(z.number().int().min(0).max(18)).optional().describe("Child's age in years"),
  date: IsoDateSchema.optional().describe('A day that must fall inside the term'),
  hasSeats: booleanParam.optional().describe('true: only classes with seats left'),
  adcode: areaParam,
})
export type NearbyClassesQuery = z.output<typeof NearbyClassesQuerySchema>

/** Class exports filter as the nearby search does, wherever the classes are. */
export const ClassExportQuerySchema = NearbyClassesQuerySchema.pick({
  adcode: true,
  age: true,
  date: true,
  hasSeats: true,
})
export type ClassExportQuery = z.output<typeof ClassExportQuerySchema>

export const ListParksQuerySchema = z.object({ adcode: areaParam })
