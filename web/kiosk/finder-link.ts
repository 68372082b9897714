import type { LonLat } from '../../server/domain/geojson.ts'
import type { Lang } from '../i18n/i18n.ts'
import { DEFAULT_STATE, serializeUrlState } from '../map/url-state.ts'

/**
 * The finder's address of a station on the server's public origin, as a phone should open it
 * from a kiosk's QR code: the station's card (with its navigation links), the map at the
 * station, distances measured from the kiosk, in the kiosk's language.
 */
export function finderStationUrl(
  publicUrl: string,
  station: { id: string; lon: number; lat: number },
  kiosk: LonLat,
  lang: Lang,
): string {
  const query = serializeUrlState({
    ...DEFAULT_STATE,
    view: { lon: station.lon, lat: station.lat, zoom: 16 },
    origin: kiosk,
    originSource: 'picked',
    station: station.id,
    lang,
  })
  return `${publicUrl}/?${query}`
}
