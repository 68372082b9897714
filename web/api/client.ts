import type { ClientResponse } from 'hono/client'
import type { AppType } from '../../server/app.ts'
import type { HoursSummary, NearbyStationFeature, Station } from '../../server/domain/station.ts'
import type { Trust } from '../../server/domain/report.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { typedClient } from './typed-get.ts'

/**
 * The module that talks to the server (the planner's coverage calls are in planner-client.ts,
 * so they stay out of the finder's first load). Responses are typed end to end by hono's client
 * types (typed-get.ts) from the server's zod schemas (server/domain/), which the API tests
 * check every answer against;
 * the schemas themselves stay out of the browser, where zod would be a fifth of the finder's
 * first load.
 */

const client = typedClient<AppType>()

/** A failed request: the problem+json detail when the server sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    message: string,
    /** The server's Retry-After, in seconds, when it sent one (a busy queue answers 503 so). */
    readonly retryAfterS: number | null = null,
  ) {
    super(message)
  }
}

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or bad. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | null {
  if (value === null) return null
  const v = value.trim()
  if (/^\d+$/.test(v)) return Number(v)
  // IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT": Date.parse alone takes "1.5" for a date.
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(v)) return null
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000))
}

/** The body of a 2xx answer, as the route declares it. */
type Ok<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 ? T : never) : never

export async function parse<R extends ClientResponse<unknown, number, 'json'>>(
  res: R,
): Promise<Ok<R>> {
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const detail = (body as { detail?: unknown } | null)?.detail
    throw new ApiError(
      res.status,
      typeof detail === 'string' ? detail : `HTTP ${res.status}`,
      parseRetryAfter(res.headers.get('retry-after')),
    )
  }
  if (body === null) throw new ApiError(res.status, 'unexpected response shape')
  return body as Ok<R>
}

/** A station with its opening hours evaluated by the server (see hours-text.ts) and its trust signal. */
export type StationWithHours = Station & { hours: HoursSummary } & Trust

/** A request's options for the typed client. */
export const init = (signal?: AbortSignal) => ({ init: { signal } })

/** A page of nearby results and how many matched in all. */
export interface NearbyPage<F> {
  features: F[]
  total: number
}

/** Where to search: around `origin` within `radiusM`, or in the area `adcode` by distance from it. */
export interface NearbyWhere {
  origin: LonLat
  radiusM: number
  /** A county or city: every result in it, nearest `origin` first, with no radius. */
  adcode: string | null
}

export const whereQuery = (p: NearbyWhere) => ({
  lon: String(p.origin[0]),
  lat: String(p.origin[1]),
  ...(p.adcode ? { adcode: p.adcode } : { radius: String(p.radiusM) }),
})

export interface NearbyStationsParams extends NearbyWhere {
  limit?: number
  amenities: readonly Amenity[]
  kind: StationKind | null
  openNow: boolean
}

export async function fetchNearbyStations(
  p: NearbyStationsParams,
  signal?: AbortSignal,
): Promise<NearbyPage<NearbyStationFeature>> {
  const res = await client.api.stations.nearby.$get(
    {
      query: {
        ...whereQuery(p),
        limit: String(p.limit ?? 30),
        ...(p.amenities.length > 0 ? { amenities: p.amenities.join(',') } : {}),
        ...(p.kind ? { kind: p.kind } : {}),
        ...(p.openNow ? { openNow: 'true' as const } : {}),
      },
    },
    init(signal),
  )
  return parse(res)
}

export interface NearbyClassesParams extends NearbyWhere {
  age: number | null
  date: string | null
  hasSeats: boolean
}

export async function fetchNearbyClasses(
  p: NearbyClassesParams,
  signal?: AbortSignal,
): Promise<NearbyPage<NearbyClassFeature>> {
  const res = await client.api.classes.nearby.$get(
    {
      query: {
        ...whereQuery(p),
        limit: '30',
        ...(p.age !== null ? { age: String(p.age) } : {}),
        ...(p.date ? { date: p.date } : {}),
        ...(p.hasSeats ? { hasSeats: 'true' as const } : {}),
      },
    },
    init(signal),
  )
  return parse(res)
}

export async function fetchStation(id: string, signal?: AbortSignal): Promise<StationWithHours> {
  const res = await client.api.stations[':id'].$get({ param: { id } }, init(signal))
  const f = await parse(res)
  const [lon, lat] = f.geometry.coordinates
  return { ...f.properties, lon, lat }
}

/** Active stations whose name or address contains `q`, nearest `from` first, anywhere. */
export async function searchStations(
  q: string,
  from: LonLat,
  signal?: AbortSignal,
): Promise<NearbyStationFeature[]> {
  const res = await client.api.stations.nearby.$get(
    { query: { q, lon: String(from[0]), lat: String(from[1]), limit: '8' } },
    init(signal),
  )
  return (await parse(res)).features
}

/** The basemap's label layer (server/api/basemap.ts), served as a file rather than a route. */
interface LabelCollection {
  features: { geometry: { coordinates: [number, number] }; properties: Omit<Place, 'point'> }[]
}

/** A city or county to search for and fly to. */
export interface Place {
  name: string
  kind: 'city' | 'county'
  city: string
  adcode: string
  /** [lon, lat] WGS-84 */
  point: [number, number]
  bbox: [number, number, number, number]
  /** English name ("Yinzhou District") and the city's ("Ningbo"). */
  nameEn: string
  cityEn: string
  /** Toneless pinyin of the name without its suffix ("yinzhou") and its initials ("yz"). */
  pinyin: string
  initials: string
}

/** City and county names with a point and a bbox, from the basemap's label layer. */
export async function fetchPlaces(signal?: AbortSignal): Promise<Place[]> {
  const res = await fetch('/api/basemap/labels.geojson', { signal })
  if (!res.ok) throw new ApiError(res.status, `HTTP ${res.status}`)
  const fc = (await res.json()) as LabelCollection
  return fc.features.map((f) => ({ ...f.properties, point: f.geometry.coordinates }))
}

export async function fetchSampleFlag(signal?: AbortSignal): Promise<boolean> {
  const res = await client.api.health.$get({}, init(signal))
  return (await parse(res)).sampleData
}

/** The basemap's county outlines; a map whose style lacks them adds them from here. */
export const BASEMAP_COUNTIES_URL = '/api/basemap/counties.geojson'
