import type { LonLat } from '../domain/geojson.ts'
import { toWgs84 } from '../geo/crs.ts'
import type { CrsName } from '../domain/crs.ts'

/**
 * Coordinates as registers write them: decimal degrees (full-width digits, a trailing °, E/N
 * or 东经/北纬), degrees-minutes-seconds, or one "lon,lat" cell; and the coordinate system a
 * file or row declares. A point is placed only when it lies in a county: a pair that lies in
 * one only when swapped is reported as swapped, never swapped silently.
 */

const DECIMAL = /^[-+]?\d+(\.\d+)?°?$/
const DMS = /^(\d+)°(\d+(?:\.\d+)?)['′](?:(\d+(?:\.\d+)?)(?:"|″|′′|'')?)?$/
const HEMISPHERE = /^(东经|北纬|[en])|([en])$/

/** Degrees from a cell, or null when it is not a number. */
export function parseDegrees(text: string): number | null {
  const t = text.normalize('NFKC').toLowerCase().replace(/\s/g, '').replace(HEMISPHERE, '')
  if (DECIMAL.test(t)) return Number.parseFloat(t)
  const m = DMS.exec(t)
  if (!m) return null
  return Number(m[1]) + Number(m[2]) / 60 + Number(m[3] ?? 0) / 3600
}

/** [lon, lat] from one "lon,lat" cell (comma, semicolon or blank between). */
export function parseLonLatPair(text: string): [number, number] | null {
  const parts = text
    .normalize('NFKC')
    .trim()
    .split(/\s*[,;]\s*|\s+/)
  if (parts.length !== 2) return null
  const [lon, lat] = parts.map(parseDegrees)
  return lon === null || lat === null || lon === undefined || lat === undefined ? null : [lon, lat]
}

const CRS_WORDS: [RegExp, CrsName][] = [
  [/bd-?09|百度|baidu/, 'bd09'],
  [/gcj-?02|高德|腾讯|火星|国测局|amap|tencent/, 'gcj02'],
  [/wgs-?84|gps|天地图|cgcs2000|4326|4490/, 'wgs84'],
]

/** The coordinate system a declaration names (GCJ-02/高德/腾讯, BD-09/百度, WGS-84/GPS/CGCS2000). */
export function crsFromText(text: string): CrsName | null {
  const t = text.normalize('NFKC').toLowerCase().replace(/\s/g, '')
  for (const [words, crs] of CRS_WORDS) if (words.test(t)) return crs
  return null
}

export type Placement<C> =
  { ok: true; lonLat: LonLat; county: C } | { ok: false; reason: 'swapped' | 'outside' }

/**
 * Converts to WGS-84 and finds the county the point lies in. CGCS2000 is taken as WGS-84 (they
 * differ by centimetres).
 */
export function placePoint<C>(
  lonLat: LonLat,
  crs: CrsName,
  countyAt: (wgs84: LonLat) => C | null,
): Placement<C> {
  const converted = toWgs84(lonLat, crs)
  const county = countyAt(converted)
  if (county !== null) return { ok: true, lonLat: converted, county }
  const swapped = toWgs84([lonLat[1], lonLat[0]], crs)
  return { ok: false, reason: countyAt(swapped) !== null ? 'swapped' : 'outside' }
}
