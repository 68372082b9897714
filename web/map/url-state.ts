import { AMENITIES, STATION_KINDS } from '../../server/domain/vocabularies.ts'
import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { isIsoDate } from '../../server/domain/iso-date.ts'
import { LANGS } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'

/**
 * Everything a shared link must reproduce: the map view, the search point, filters, the open
 * card, the tab and the language. Parsing never throws: a bad value falls back to its default,
 * so a mangled link still opens the app.
 */

export const TABS = ['stations', 'childcare'] as const
export type Tab = (typeof TABS)[number]

/** Radius choices offered in the UI, metres. */
export const RADII_M = [1000, 3000, 10_000, 50_000] as const
export const DEFAULT_RADIUS_M = 3000

export interface MapView {
  lon: number
  lat: number
  zoom: number
}

export interface FinderState {
  view: MapView | null
  /** The point distances are measured from, when the user set one (locate, tap, search). */
  origin: LonLat | null
  originSource: 'user' | 'picked' | null
  radiusM: number
  amenities: Amenity[]
  kind: StationKind | null
  openNow: boolean
  tab: Tab
  age: number | null
  /** YYYY-MM-DD */
  date: string | null
  /** Id of the station whose card is open. */
  station: string | null
  lang: Lang
  /** A searched county or city (adcode): list what is in it rather than around a point. */
  area: string | null
  /** Childcare: only classes with seats left. */
  seats: boolean
}

export const DEFAULT_STATE: FinderState = {
  view: null,
  origin: null,
  originSource: null,
  radiusM: DEFAULT_RADIUS_M,
  amenities: [],
  kind: null,
  openNow: false,
  tab: 'stations',
  age: null,
  date: null,
  station: null,
  lang: 'zh-CN',
  area: null,
  seats: false,
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | null =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : null

const finite = (v: string | undefined): number | null => {
  if (v === undefined || v.trim() === '') return null
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}

const inLonLat = (lon: number, lat: number) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90

/** `map=zoom/lat/lon` as on openstreetmap.org. */
function parseView(v: string | null): MapView | null {
  if (v === null) return null
  const [z, lat, lon] = v.split('/').map((s) => finite(s))
  if (z == null || lat == null || lon == null || !inLonLat(lon, lat) || z < 0 || z > 22) return null
  return { zoom: z, lat, lon }
}

function parseLonLat(v: string | null): LonLat | null {
  if (v === null) return null
  const parts = v.split(',')
  if (parts.length !== 2) return null
  const [lon, lat] = parts.map((s) => finite(s))
  if (lon == null || lat == null || !inLonLat(lon, lat)) return null
  return [lon, lat]
}

export function parseUrlState(search: string): FinderState {
  const p = new URLSearchParams(search)
  const origin = parseLonLat(p.get('at'))
  const radius = finite(p.get('r') ?? undefined)
  const age = finite(p.get('age') ?? undefined)
  const date = p.get('date')
  const amenities = (p.get('am') ?? '')
    .split(',')
    .map((a) => oneOf(AMENITIES, a))
    .filter((a): a is Amenity => a !== null)
  return {
    view: parseView(p.get('map')),
    origin,
    originSource: origin === null ? null : p.get('me') === '1' ? 'user' : 'picked',
    radiusM:
      radius !== null && (RADII_M as readonly number[]).includes(radius)
        ? radius
        : DEFAULT_RADIUS_M,
    amenities: [...new Set(amenities)],
    kind: oneOf(STATION_KINDS, p.get('kind')),
    openNow: p.get('open') === '1',
    tab: oneOf(TABS, p.get('tab')) ?? 'stations',
    age: age !== null && Number.isInteger(age) && age >= 0 && age <= 18 ? age : null,
    // The API's own date reading: Date.parse would roll 2026-02-30 over to 2 March.
    date: date !== null && isIsoDate(date) ? date : null,
    station: p.get('s') || null,
    lang: oneOf(LANGS, p.get('lang')) ?? 'zh-CN',
    area: /^\d{6}$/.test(p.get('area') ?? '') ? p.get('area') : null,
    seats: p.get('seats') === '1',
  }
}

const round = (v: number, digits: number) => String(Number(v.toFixed(digits)))

/** The query string (without '?') for a state; defaults are left out to keep links short. */
export function serializeUrlState(s: FinderState): string {
  const p = new URLSearchParams()
  if (s.view)
    p.set('map', `${round(s.view.zoom, 2)}/${round(s.view.lat, 5)}/${round(s.view.lon, 5)}`)
  if (s.origin) {
    p.set('at', `${round(s.origin[0], 6)},${round(s.origin[1], 6)}`)
    if (s.originSource === 'user') p.set('me', '1')
  }
  if (s.radiusM !== DEFAULT_RADIUS_M) p.set('r', String(s.radiusM))
  if (s.amenities.length > 0) p.set('am', s.amenities.join(','))
  if (s.kind) p.set('kind', s.kind)
  if (s.openNow) p.set('open', '1')
  if (s.tab !== 'stations') p.set('tab', s.tab)
  if (s.age !== null) p.set('age', String(s.age))
  if (s.date) p.set('date', s.date)
  if (s.station) p.set('s', s.station)
  if (s.lang !== 'zh-CN') p.set('lang', s.lang)
  if (s.area) p.set('area', s.area)
  if (s.seats) p.set('seats', '1')
  // Commas and slashes are legal in a query; keeping them makes links readable.
  return p.toString().replace(/%2C/g, ',').replace(/%2F/g, '/')
}
