import {
  COVERAGE_LAYERS,
  COVERAGE_MAX_RADIUS_M,
  COVERAGE_MIN_RADIUS_M,
  WALK_RADIUS_M,
} from '../../server/domain/coverage.ts'
import type { CoverageLayer } from '../../server/domain/coverage.ts'
import {
  HoursChangeSchema,
  MAX_SCENARIO_CHANGES,
  MAX_SCENARIO_SITES,
} from '../../server/domain/coverage-scenario.ts'
import type { HoursChange } from '../../server/domain/coverage-scenario.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { LANGS } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'
import { DEFAULT_CLASSES } from './color-scale.ts'
import { coverageAt, parseCoverageTime } from './coverage-time.ts'
import type { CoverageTime } from './coverage-time.ts'

/**
 * Everything a planner's link must reproduce: radius, layer, time of day, metric, the county
 * drilled into and its scenario (sites proposed, stations removed or given other hours), the
 * table's sort, grouping and legend-class filter,
 * and the language. Parsing
 * never throws: a bad value falls back to its default, so a mangled link still opens the page.
 */

/** What the choropleth, the chart and the legend show; each is a CoverageRow field. */
export const METRICS = [
  'coveredPct',
  'uncoveredKm2',
  'perTenThousand',
  'per100Km2',
  'count',
] as const
export type Metric = (typeof METRICS)[number]

/** Table sort keys: `adcode` is the official order, `name` is pinyin order. */
export const SORT_KEYS = [
  'adcode',
  'name',
  'count',
  'perTenThousand',
  'per100Km2',
  'coveredPct',
  'uncoveredKm2',
  'areaKm2',
] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDir = 'asc' | 'desc'
export interface Sort {
  key: SortKey
  dir: SortDir
}

export interface PlannerState {
  radiusM: number
  layer: CoverageLayer
  /** Only stations open at this time count; null: any time. */
  time: CoverageTime | null
  metric: Metric
  /** adcode of the county drilled into. */
  county: string | null
  /** Sites proposed in the county's scenario. */
  sites: LonLat[]
  /** Ids of stations the scenario takes out. */
  removed: string[]
  /** Stations the scenario gives other opening hours. */
  hours: HoursChange[]
  sort: Sort
  /** Counties under their prefecture city's subtotal row, or one flat ranking. */
  grouped: boolean
  /** Only counties in this class of the legend (0 = lowest values) are listed; null: all. */
  legendClass: number | null
  lang: Lang
}

export const DEFAULT_PLANNER_STATE: PlannerState = {
  radiusM: WALK_RADIUS_M,
  layer: 'stations',
  time: null,
  metric: 'coveredPct',
  county: null,
  sites: [],
  removed: [],
  hours: [],
  sort: { key: 'adcode', dir: 'asc' },
  grouped: true,
  legendClass: null,
  lang: 'zh-CN',
}

/** "Least covered first": one flat ranking, lowest share first. */
export const WORST_FIRST: Pick<PlannerState, 'sort' | 'grouped'> = {
  sort: { key: 'coveredPct', dir: 'asc' },
  grouped: false,
}

export const isWorstFirst = (s: Pick<PlannerState, 'sort' | 'grouped'>): boolean =>
  !s.grouped && s.sort.key === 'coveredPct' && s.sort.dir === 'asc'

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null

/** A whole number of metres the coverage API accepts, or null. */
export function validRadius(v: number): boolean {
  return Number.isInteger(v) && v >= COVERAGE_MIN_RADIUS_M && v <= COVERAGE_MAX_RADIUS_M
}

/** `sort=coveredPct` ascending, `sort=-coveredPct` descending. */
function parseSort(v: string | null): Sort | null {
  if (v === null) return null
  const desc = v.startsWith('-')
  const key = oneOf(SORT_KEYS, desc ? v.slice(1) : v)
  return key ? { key, dir: desc ? 'desc' : 'asc' } : null
}

/** Decimal places a proposed site keeps in a link: 5 is about a metre. */
const SITE_DECIMALS = 5

/** A site rounded as a link keeps it, so a reload proposes exactly the same place. */
export const roundSite = ([lon, lat]: LonLat): LonLat => [
  Number(lon.toFixed(SITE_DECIMALS)),
  Number(lat.toFixed(SITE_DECIMALS)),
]

/** `s=120.1,30.2;120.3,30.4`: every well-formed site, up to the scenario API's limit. */
function parseSites(v: string | null): LonLat[] {
  if (!v) return []
  const sites: LonLat[] = []
  for (const pair of v.split(';')) {
    if (!/^-?\d+(\.\d+)?,-?\d+(\.\d+)?$/.test(pair)) continue
    const [lon, lat] = pair.split(',').map(Number) as LonLat
    if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) sites.push(roundSite([lon, lat]))
  }
  return sites.slice(0, MAX_SCENARIO_SITES)
}

/** A scenario's station changes as the API takes them: `rm=<id>` repeated, `h:<id>=<hours>`. */
const HOURS_KEY = 'h:'

/** Each station once (the last hours given win), valid ones only, up to the API's limit. */
function parseStationChanges(p: URLSearchParams): Pick<PlannerState, 'removed' | 'hours'> {
  const removed = [...new Set(p.getAll('rm').filter((id) => id.length > 0 && id.length <= 64))]
  const hours = new Map<string, HoursChange>()
  for (const [key, openingHours] of p) {
    if (!key.startsWith(HOURS_KEY)) continue
    const change = HoursChangeSchema.safeParse({ id: key.slice(HOURS_KEY.length), openingHours })
    if (change.success) {
      hours.delete(change.data.id)
      hours.set(change.data.id, change.data)
    }
  }
  return {
    removed: removed.slice(0, MAX_SCENARIO_CHANGES),
    hours: [...hours.values()].slice(0, MAX_SCENARIO_CHANGES),
  }
}

/** The scenario's parts, emptied: a county opened or closed starts with none. */
export const NO_SCENARIO: Pick<PlannerState, 'sites' | 'removed' | 'hours'> = {
  sites: [],
  removed: [],
  hours: [],
}

export function parsePlannerState(search: string): PlannerState {
  const p = new URLSearchParams(search)
  const d = DEFAULT_PLANNER_STATE
  const r = p.get('r')
  const radius = r !== null && /^\d+$/.test(r) ? Number(r) : NaN
  const county = p.get('c')
  const cls = p.get('cls')
  return {
    radiusM: validRadius(radius) ? radius : d.radiusM,
    layer: oneOf(COVERAGE_LAYERS, p.get('layer')) ?? d.layer,
    time: parseCoverageTime(p.get('at')),
    metric: oneOf(METRICS, p.get('m')) ?? d.metric,
    county: county !== null && /^\d{6}$/.test(county) ? county : null,
    sites: parseSites(p.get('s')),
    ...parseStationChanges(p),
    sort: parseSort(p.get('sort')) ?? d.sort,
    grouped: p.get('group') !== '0',
    legendClass:
      cls !== null && /^\d$/.test(cls) && Number(cls) < DEFAULT_CLASSES ? Number(cls) : null,
    lang: oneOf(LANGS, p.get('lang')) ?? d.lang,
  }
}

/** The query string (without '?'); defaults are left out to keep links short. */
export function serializePlannerState(s: PlannerState): string {
  const d = DEFAULT_PLANNER_STATE
  const p = new URLSearchParams()
  if (s.radiusM !== d.radiusM) p.set('r', String(s.radiusM))
  if (s.layer !== d.layer) p.set('layer', s.layer)
  const at = coverageAt(s.time)
  if (at) p.set('at', at)
  if (s.metric !== d.metric) p.set('m', s.metric)
  if (s.county) p.set('c', s.county)
  if (s.sites.length > 0) p.set('s', s.sites.map((site) => roundSite(site).join(',')).join(';'))
  for (const id of s.removed) p.append('rm', id)
  for (const h of s.hours) p.append(`${HOURS_KEY}${h.id}`, h.openingHours)
  if (s.sort.key !== d.sort.key || s.sort.dir !== d.sort.dir) {
    p.set('sort', `${s.sort.dir === 'desc' ? '-' : ''}${s.sort.key}`)
  }
  if (!s.grouped) p.set('group', '0')
  if (s.legendClass !== null) p.set('cls', String(s.legendClass))
  if (s.lang !== d.lang) p.set('lang', s.lang)
  // Colons, commas, semicolons and slashes are legal in a query; keeping them makes links readable.
  return p
    .toString()
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%3B/g, ';')
    .replace(/%2F/g, '/')
}

/** Clicking a column: a new key starts in its natural direction, the same key flips. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
  // Text columns read A→Z; figure columns are most useful largest first.
  return { key, dir: key === 'adcode' || key === 'name' ? 'asc' : 'desc' }
}

/**
 * What Back and Forward change: only the county drilled into (opening one pushes an entry) and
 * its scenario, so Back returns to the overview with the radius, time and sort chosen since, not
 * the old ones.
 */
export const popPlannerState = (current: PlannerState, popped: PlannerState): PlannerState => ({
  ...current,
  county: popped.county,
  sites: popped.sites,
  removed: popped.removed,
  hours: popped.hours,
})
