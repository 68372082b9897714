import { hc } from 'hono/client'
import type { ClientResponse } from 'hono/client'
import { z } from 'zod'
import type { AppType } from '../../server/app.ts'
import {
  NearbyStationCollectionSchema,
  StationFeatureSchema,
  StationPageSchema,
} from '../../server/domain/station.ts'
import type { NearbyStationFeature, Station } from '../../server/domain/station.ts'
import { NearbyClassCollectionSchema } from '../../server/domain/childcare-class.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import { ProblemSchema } from '../../server/domain/problem.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import type { Place } from '../finder/place-search.ts'

/** The only module that talks to the server. Every response is checked against its schema. */

const client = hc<AppType>('/')

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

async function parse<T extends z.ZodTypeAny>(
  res: Response | ClientResponse<unknown>,
  schema: T,
): Promise<z.output<T>> {
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok) {
    const problem = ProblemSchema.safeParse(body)
    throw new ApiError(res.status, problem.success ? problem.data.detail : `HTTP ${res.status}`)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new ApiError(res.status, 'unexpected response shape')
  return parsed.data
}

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
  return (await parse(res, NearbyStationCollectionSchema)).features
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
  return (await parse(res, NearbyClassCollectionSchema)).features
}

export async function fetchStation(id: string, signal?: AbortSignal): Promise<Station> {
  const res = await client.api.stations[':id'].$get({ param: { id } }, init(signal))
  const f = await parse(res, StationFeatureSchema)
  const [lon, lat] = f.geometry.coordinates
  return { ...f.properties, lon, lat }
}

export async function searchStations(q: string, signal?: AbortSignal): Promise<Station[]> {
  const res = await client.api.stations.$get({ query: { q, limit: '8' } }, init(signal))
  return (await parse(res, StationPageSchema)).features.map((f) => ({
    ...f.properties,
    lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }))
}

/** Map markers need only these; the full records stay on the server. */
export type MapStation = Pick<Station, 'id' | 'kind' | 'status' | 'amenities' | 'openingHours' | 'lon' | 'lat'>

/** Every station, page by page, for the clustered map layer. */
export async function fetchAllStations(
  onPage: (loaded: number) => void,
  signal?: AbortSignal,
): Promise<MapStation[]> {
  const out: MapStation[] = []
  let cursor: string | null = null
  do {
    const res = await client.api.stations.$get(
      { query: { limit: '1000', ...(cursor ? { cursor } : {}) } },
      init(signal),
    )
    const page = await parse(res, StationPageSchema)
    for (const f of page.features) {
      const { id, kind, status, amenities, openingHours } = f.properties
      out.push({ id, kind, status, amenities, openingHours, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] })
    }
    cursor = page.nextCursor
    onPage(out.length)
  } while (cursor !== null)
  return out
}

const LabelCollectionSchema = z.object({
  features: z.array(
    z.object({
      geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        name: z.string(),
        kind: z.enum(['city', 'county']),
        city: z.string(),
        adcode: z.string(),
        bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      }),
    }),
  ),
})

/** City and county names with a point and a bbox, from the basemap's label layer. */
export async function fetchPlaces(signal?: AbortSignal): Promise<Place[]> {
  const res = await client.api.basemap['labels.geojson'].$get({}, init(signal))
  const fc = await parse(res, LabelCollectionSchema)
  return fc.features.map((f) => ({ ...f.properties, point: f.geometry.coordinates }))
}

const HealthSchema = z.object({ sampleData: z.boolean() })

export async function fetchSampleFlag(signal?: AbortSignal): Promise<boolean> {
  const res = await client.api.health.$get({}, init(signal))
  return (await parse(res, HealthSchema)).sampleData
}
