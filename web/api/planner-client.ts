import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson'
import type { AppType } from '../../server/app.ts'
import type { CoverageLayer, CoverageReport, NearestStation } from '../../server/domain/coverage.ts'
import type {
  CoverageScenarioInput,
  HoursChange,
  ScenarioAnswer,
} from '../../server/domain/coverage-scenario.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { fetchStation, init, parse } from './client.ts'
import { typedClient, url } from './typed-get.ts'

/**
 * The planner's calls: coverage, gaps, suggestions and scenarios. Apart from client.ts, so that
 * the finder's first load does not carry them.
 */

const client = typedClient<AppType>()

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

/** A station a scenario names (taken out, given other hours, or tapped on the map). */
export interface ScenarioStation {
  id: string
  name: string
  position: LonLat
  /** As registered (null: unknown). */
  openingHours: string | null
}

/** One station a scenario names, by id: the planner never lists a county's stations. */
export async function fetchScenarioStation(
  id: string,
  signal?: AbortSignal,
): Promise<ScenarioStation> {
  const { name, lon, lat, openingHours } = await fetchStation(id, signal)
  return { id, name, position: [lon, lat], openingHours }
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
