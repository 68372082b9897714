import type { ClientResponse } from 'hono/client'
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson'
import type { AppType } from '../../server/app.ts'
import type { HoursSummary, NearbyStationFeature, Station } from '../../server/domain/station.ts'
import type { Trust } from '../../server/domain/report.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import type { Park } from '../../server/domain/park.ts'
import type { KioskConfig } from '../../server/domain/kiosk.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import type { CoverageLayer, CoverageReport, NearestStation } from '../../server/domain/coverage.ts'
export type { NearestStation } from '../../server/domain/coverage.ts'
import type {
  CoverageScenarioInput,
  HoursChange,
  ScenarioAnswer,
} from '../../server/domain/coverage-scenario.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { typedClient, url } from './typed-get.ts'

/**
 * The only module that talks to the server. Responses are typed end to end by hono's client
 * types (typed-get.ts) from the server's zod schemas (server/domain/), which the API tests
 * check every answer against;
 * the schemas themselves stay out of the browser, where zod would be a fifth of the finder's
 * first load.
 */

const client = typedClient<AppType>()

// The API's page limit, repeated rather than imported: server/domain/queries.ts builds zod
// schemas at load time. The API rejects more with a 400, so a drift cannot go unnoticed.
const STATIONS_MAX_PAGE = 1000

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

const init = (signal?: AbortSignal) => ({ init: { signal } })

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

/** A logistics park where a kiosk hangs; ApiError 404 when there is none with that id. */
export async function fetchPark(id: string, signal?: AbortSignal): Promise<Park> {
  const res = await client.api.parks[':id'].$get({ param: { id } }, init(signal))
  const f = await parse(res)
  const [lon, lat] = f.geometry.coordinates
  return { ...f.properties, lon, lat }
}

export async function fetchKioskConfig(signal?: AbortSignal): Promise<KioskConfig> {
  return parse(await client.api.kiosk.config.$get({}, init(signal)))
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

// Coverage (the planner's page).

/** What every coverage figure depends on. `at`: `weekday-HH:MM` or `weekend-HH:MM`; null: any time. */
export interface CoverageParams {
  radiusM: number
  layer: CoverageLayer
  at: string | null
}

const coverageQuery = (p: CoverageParams) => ({
  radius: String(p.radiusM),
  layer: p.layer,
  ...(p.at ? { at: p.at } : {}),
})

export async function fetchCoverage(
  p: CoverageParams,
  signal?: AbortSignal,
): Promise<CoverageReport> {
  const res = await client.api.coverage.$get({ query: coverageQuery(p) }, init(signal))
  return parse(res)
}

/** The gaps route declares its geometry loosely (`coordinates: any[]`); this is what it sends. */
export type GapCollection = FeatureCollection<
  Polygon | MultiPolygon,
  { areaKm2: number; cells: number }
>

/** A county's uncovered land as merged hexagons, largest first. */
export async function fetchGaps(
  adcode: string,
  p: CoverageParams,
  signal?: AbortSignal,
): Promise<GapCollection> {
  const res = await client.api.coverage[':adcode'].gaps.$get(
    { param: { adcode }, query: coverageQuery(p) },
    init(signal),
  )
  return parse(res)
}

export type SuggestionCollection = FeatureCollection<
  Point & { coordinates: LonLat },
  {
    rank: number
    addedCoverageKm2: number
    coveredPct: number
    /** The existing station nearest the site; null when there is none. */
    nearestStation: NearestStation | null
  }
>

/** The `count` sites that would add the most covered land, best first (greedy). */
export async function fetchSuggestions(
  adcode: string,
  p: CoverageParams,
  count: number,
  signal?: AbortSignal,
): Promise<SuggestionCollection> {
  const res = await client.api.coverage[':adcode'].suggestions.$get(
    { param: { adcode }, query: { ...coverageQuery(p), count: String(count) } },
    init(signal),
  )
  // The route's schema checks two coordinates (`.length(2)`) but types them number[].
  return (await parse(res)) as unknown as SuggestionCollection
}

type StationPage = Awaited<ReturnType<typeof parse<StationsResponse>>>
type StationsResponse = Awaited<ReturnType<typeof client.api.stations.$get>>

/** What hono's client would answer the scenario route with (typed-get.ts fetches only GETs). */
type ScenarioResponse = Awaited<
  ReturnType<(typeof client.api.coverage)[':adcode']['scenario']['$post']>
>

/** What a planner's scenario changes: sites added, stations removed, stations' hours. */
export interface ScenarioPlan {
  added: readonly LonLat[]
  removed: readonly string[]
  hours: readonly HoursChange[]
}

/**
 * The county now and with the scenario applied. Proposed sites count at any time, so the layer
 * is always stations.
 */
export async function fetchScenario(
  adcode: string,
  p: Omit<CoverageParams, 'layer'>,
  plan: ScenarioPlan,
  signal?: AbortSignal,
): Promise<ScenarioAnswer> {
  const body: CoverageScenarioInput = {
    radius: p.radiusM,
    ...(p.at ? { at: p.at } : {}),
    added: plan.added.map(([lon, lat]) => ({ lon, lat })),
    removed: [...plan.removed],
    hours: [...plan.hours],
  }
  const res = await fetch(url('/api/coverage/:adcode/scenario', { param: { adcode } }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  })
  return parse(res as unknown as ScenarioResponse)
}

/** A county's active station as a scenario can change it. */
export interface ScenarioStation {
  id: string
  name: string
  position: LonLat
  /** As registered (null: unknown). */
  openingHours: string | null
}

/** The county's active stations, the ones a scenario may remove or give other hours. */
export async function fetchCountyStations(
  adcode: string,
  signal?: AbortSignal,
): Promise<ScenarioStation[]> {
  const out: ScenarioStation[] = []
  let cursor: string | null = null
  do {
    const res = await client.api.stations.$get(
      { query: { adcode, limit: String(STATIONS_MAX_PAGE), ...(cursor ? { cursor } : {}) } },
      init(signal),
    )
    const page: StationPage = await parse(res)
    for (const f of page.features) {
      // Only active stations count for coverage, so only they can be taken out or changed.
      if (f.properties.status !== 'active') continue
      const { id, name, openingHours } = f.properties
      out.push({ id, name, position: f.geometry.coordinates, openingHours })
    }
    cursor = page.nextCursor
  } while (cursor !== null)
  return out
}

/**
 * Links for the export buttons: the server sends them as attachments. The CSV's header row is
 * in `lang` (the UI's language); GeoJSON keeps its field names.
 */
export function coverageExportUrl(
  format: 'csv' | 'geojson',
  p: CoverageParams,
  lang: 'zh-CN' | 'en',
): string {
  const query = new URLSearchParams(coverageQuery(p))
  if (format === 'csv') query.set('lang', lang)
  return `/api/coverage.${format}?${query.toString().replace(/%3A/g, ':')}`
}

/** The basemap's county outlines; a map whose style lacks them adds them from here. */
export const BASEMAP_COUNTIES_URL = '/api/basemap/counties.geojson'
