import { hc } from 'hono/client'
import type { ClientResponse } from 'hono/client'
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson'
import type { AppType } from '../../server/app.ts'
import type { HoursSummary, NearbyStationFeature, Station } from '../../server/domain/station.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import type { CoverageLayer, CoverageReport } from '../../server/domain/coverage.ts'
import type { LonLat } from '../../server/domain/geojson.ts'

/**
 * The only module that talks to the server. Responses are typed end to end by hono's client from
 * the server's zod schemas (server/domain/), which the API tests check every answer against;
 * the schemas themselves stay out of the browser, where zod would be a fifth of the finder's
 * first load.
 */

const client = hc<AppType>('/')

// The API's limits, repeated rather than imported: server/domain/queries.ts builds zod schemas
// at load time. The API rejects anything beyond them with a 400, so a drift cannot go unnoticed.
const NEARBY_MAX_LIMIT = 200
const NEARBY_MAX_RADIUS_M = 50_000
const STATIONS_MAX_PAGE = 1000

/** A failed request: the problem+json detail when the server sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** The body of a 2xx answer, as the route declares it. */
type Ok<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 ? T : never) : never

async function parse<R extends ClientResponse<unknown, number, 'json'>>(res: R): Promise<Ok<R>> {
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const detail = (body as { detail?: unknown } | null)?.detail
    throw new ApiError(res.status, typeof detail === 'string' ? detail : `HTTP ${res.status}`)
  }
  if (body === null) throw new ApiError(res.status, 'unexpected response shape')
  return body as Ok<R>
}

/** A station with its opening hours evaluated by the server (see hours-text.ts). */
export type StationWithHours = Station & { hours: HoursSummary }

const init = (signal?: AbortSignal) => ({ init: { signal } })

export interface NearbyStationsParams {
  origin: LonLat
  radiusM: number
  limit?: number
  amenities: readonly Amenity[]
  kind: StationKind | null
  openNow: boolean
}

export async function fetchNearbyStations(
  p: NearbyStationsParams,
  signal?: AbortSignal,
): Promise<NearbyStationFeature[]> {
  const res = await client.api.stations.nearby.$get(
    {
      query: {
        lon: String(p.origin[0]),
        lat: String(p.origin[1]),
        radius: String(p.radiusM),
        limit: String(p.limit ?? 30),
        ...(p.amenities.length > 0 ? { amenities: p.amenities.join(',') } : {}),
        ...(p.kind ? { kind: p.kind } : {}),
        ...(p.openNow ? { openNow: 'true' as const } : {}),
      },
    },
    init(signal),
  )
  return (await parse(res)).features
}

export interface NearbyClassesParams {
  origin: LonLat
  radiusM: number
  age: number | null
  date: string | null
}

export async function fetchNearbyClasses(
  p: NearbyClassesParams,
  signal?: AbortSignal,
): Promise<NearbyClassFeature[]> {
  const res = await client.api.classes.nearby.$get(
    {
      query: {
        lon: String(p.origin[0]),
        lat: String(p.origin[1]),
        radius: String(p.radiusM),
        limit: '30',
        ...(p.age !== null ? { age: String(p.age) } : {}),
        ...(p.date ? { date: p.date } : {}),
      },
    },
    init(signal),
  )
  return (await parse(res)).features
}

export async function fetchStation(id: string, signal?: AbortSignal): Promise<StationWithHours> {
  const res = await client.api.stations[':id'].$get({ param: { id } }, init(signal))
  const f = await parse(res)
  const [lon, lat] = f.geometry.coordinates
  return { ...f.properties, lon, lat }
}

export async function searchStations(q: string, signal?: AbortSignal): Promise<StationWithHours[]> {
  const res = await client.api.stations.$get({ query: { q, limit: '8' } }, init(signal))
  return (await parse(res)).features.map((f) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }))
}

/** Map markers need only these; the full records stay on the server. */
export type MapStation = Pick<
  StationWithHours,
  'id' | 'kind' | 'status' | 'amenities' | 'hours'
> & {
  lon: number
  lat: number
}

/**
 * Every station, page by page, for the clustered map layer: `onPage` gets each page's stations
 * as it arrives, so the map can draw them without waiting for the rest.
 */
export async function fetchAllStations(
  onPage: (page: MapStation[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  let cursor: string | null = null
  do {
    const res = await client.api.stations.$get(
      { query: { limit: String(STATIONS_MAX_PAGE), ...(cursor ? { cursor } : {}) } },
      init(signal),
    )
    const page = await parse(res)
    onPage(
      page.features.map((f): MapStation => {
        const { id, kind, status, amenities, hours } = f.properties
        const [lon, lat] = f.geometry.coordinates
        return { id, kind, status, amenities, hours, lon, lat }
      }),
    )
    cursor = page.nextCursor
  } while (cursor !== null)
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

export async function fetchCoverage(
  radiusM: number,
  layer: CoverageLayer,
  signal?: AbortSignal,
): Promise<CoverageReport> {
  const res = await client.api.coverage.$get(
    { query: { radius: String(radiusM), layer } },
    init(signal),
  )
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
  radiusM: number,
  layer: CoverageLayer,
  signal?: AbortSignal,
): Promise<GapCollection> {
  const res = await client.api.coverage[':adcode'].gaps.$get(
    { param: { adcode }, query: { radius: String(radiusM), layer } },
    init(signal),
  )
  return parse(res)
}

export type SuggestionCollection = FeatureCollection<
  Point & { coordinates: LonLat },
  { rank: number; addedCoverageKm2: number; coveredPct: number }
>

/** The `count` sites that would add the most covered land, best first (greedy). */
export async function fetchSuggestions(
  adcode: string,
  radiusM: number,
  layer: CoverageLayer,
  count: number,
  signal?: AbortSignal,
): Promise<SuggestionCollection> {
  const res = await client.api.coverage[':adcode'].suggestions.$get(
    { param: { adcode }, query: { radius: String(radiusM), layer, count: String(count) } },
    init(signal),
  )
  // The route's schema checks two coordinates (`.length(2)`) but types them number[].
  return (await parse(res)) as unknown as SuggestionCollection
}

/**
 * The points that count for coverage around a bbox: active stations inside it (page by page),
 * or childcare classes within `reachM` of its centre (the classes API is nearby-only).
 */
export async function fetchCoveragePoints(
  layer: CoverageLayer,
  bbox: [number, number, number, number],
  reachM: number,
  signal?: AbortSignal,
): Promise<LonLat[]> {
  if (layer === 'classes') {
    const res = await client.api.classes.nearby.$get(
      {
        query: {
          lon: String((bbox[0] + bbox[2]) / 2),
          lat: String((bbox[1] + bbox[3]) / 2),
          radius: String(Math.min(Math.round(reachM), NEARBY_MAX_RADIUS_M)),
          limit: String(NEARBY_MAX_LIMIT),
        },
      },
      init(signal),
    )
    return (await parse(res)).features.map((f) => f.geometry.coordinates)
  }
  const out: LonLat[] = []
  let cursor: string | null = null
  do {
    const res = await client.api.stations.$get(
      {
        query: {
          bbox: bbox.join(','),
          limit: String(STATIONS_MAX_PAGE),
          ...(cursor ? { cursor } : {}),
        },
      },
      init(signal),
    )
    const page = await parse(res)
    // Coverage counts active stations only; suspended and closed ones cover nothing.
    for (const f of page.features)
      if (f.properties.status === 'active') out.push(f.geometry.coordinates)
    cursor = page.nextCursor
  } while (cursor !== null)
  return out
}

/** Links for the export buttons: the server sends them as attachments. */
export function coverageExportUrl(
  format: 'csv' | 'geojson',
  radiusM: number,
  layer: CoverageLayer,
): string {
  return `/api/coverage.${format}?${new URLSearchParams({ radius: String(radiusM), layer })}`
}

/** The basemap's county outlines; a map whose style lacks them adds them from here. */
export const BASEMAP_COUNTIES_URL = '/api/basemap/counties.geojson'
