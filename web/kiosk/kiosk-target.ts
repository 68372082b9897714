import { parseDecimal } from '../../server/domain/params.ts'
import { LANGS } from '../i18n/i18n.ts'
import type { Lang } from '../i18n/i18n.ts'

/** A place a kiosk stands that is not a stored park: from `/kiosk?lat=&lon=&name=&facing=`. */
export interface KioskPlace {
  name: string | null
  lon: number
  lat: number
  /** Compass direction the screen's reader looks in; 0 (north) when not given. */
  facingDeg: number
}

/** What a kiosk URL asks for, or what is wrong with it. */
export type KioskTarget =
  | { kind: 'park'; parkId: string; lang: Lang }
  | { kind: 'place'; place: KioskPlace; lang: Lang }
  | { kind: 'invalid'; parameter: string; lang: Lang }

const PLACE_PARAMS = ['lat', 'lon', 'name', 'facing', 'lang']
const PARK_ID = /^[\w.-]{1,100}$/
const NAME_MAX = 60

/**
 * Reads `/kiosk/<parkId>` or `/kiosk?lat=&lon=&name=&facing=` (both may add `lang=en`). A kiosk
 * has nobody to notice a typo, so anything not understood (a missing or out-of-range value, an
 * unknown parameter) is `invalid`, naming the parameter, rather than quietly defaulted.
 */
export function parseKioskTarget(pathname: string, search: string): KioskTarget {
  const params = new URLSearchParams(search)
  const langValue = params.get('lang')
  const lang: Lang = LANGS.find((l) => l === langValue) ?? 'zh-CN'
  const invalid = (parameter: string): KioskTarget => ({ kind: 'invalid', parameter, lang })
  if (langValue !== null && !LANGS.some((l) => l === langValue)) return invalid('lang')
  const allowed = pathname === '/kiosk' ? PLACE_PARAMS : ['lang']
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key) || params.getAll(key).length > 1) return invalid(key)
  }
  if (pathname !== '/kiosk') {
    let parkId = ''
    try {
      parkId = decodeURIComponent(pathname.slice('/kiosk/'.length))
    } catch {
      // a malformed escape: not an id
    }
    return PARK_ID.test(parkId) ? { kind: 'park', parkId, lang } : invalid('parkId')
  }
  const lat = parseDecimal(params.get('lat') ?? undefined)
  if (lat === undefined || Math.abs(lat) > 90) return invalid('lat')
  const lon = parseDecimal(params.get('lon') ?? undefined)
  if (lon === undefined || Math.abs(lon) > 180) return invalid('lon')
  const facingText = params.get('facing')
  const facingDeg = facingText === null ? 0 : parseDecimal(facingText)
  if (facingDeg === undefined || !Number.isInteger(facingDeg) || facingDeg < 0 || facingDeg > 359)
    return invalid('facing')
  const name = params.get('name')
  if (name !== null && (name.trim() === '' || name.length > NAME_MAX || /\p{Cc}/u.test(name)))
    return invalid('name')
  return { kind: 'place', place: { name: name?.trim() ?? null, lon, lat, facingDeg }, lang }
}
