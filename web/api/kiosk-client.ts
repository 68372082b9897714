import type { AppType } from '../../server/app.ts'
import type { NearbyStationFeature } from '../../server/domain/station.ts'
import type { NearbyClassFeature } from '../../server/domain/childcare-class.ts'
import type { Park } from '../../server/domain/park.ts'
import type { KioskConfig } from '../../server/domain/kiosk.ts'
import { init, parse, whereQuery } from './client.ts'
import type { NearbyWhere } from './client.ts'
import { typedClient } from './typed-get.ts'

/**
 * The kiosk's own requests, apart from client.ts so that the finder's first load does not pay
 * for them: they read what the kiosk's service worker (tools/vite-kiosk-sw.ts) says about an
 * answer.
 */

const client = typedClient<AppType>()

/** The header the kiosk's service worker adds to an answer from its cache. */
const FROM_CACHE_HEADER = 'x-waystation-from-cache'

export interface KioskNearby {
  stations: NearbyStationFeature[]
  classes: NearbyClassFeature[]
  /**
   * Set when the service worker answered from its cache because the server could not be
   * reached: when the server sent that answer (its Date header).
   */
  cachedAt: Date | null
}

/** The stations and childcare classes around `where`, nearest first, `limit` of each. */
export async function fetchKioskNearby(
  where: NearbyWhere,
  limit: number,
  signal: AbortSignal,
): Promise<KioskNearby> {
  const query = { ...whereQuery(where), limit: String(limit) }
  const [s, c] = await Promise.all([
    client.api.stations.nearby.$get({ query }, { init: { signal } }),
    client.api.classes.nearby.$get({ query }, { init: { signal } }),
  ])
  const [stations, classes] = await Promise.all([parse(s), parse(c)])
  return {
    stations: stations.features,
    classes: classes.features,
    cachedAt: cachedAt(s) ?? cachedAt(c),
  }
}

function cachedAt(res: { headers: Headers }): Date | null {
  if (!res.headers.has(FROM_CACHE_HEADER)) return null
  // Node's HTTP server dates every answer; a copy without one is of unknown age.
  const date = new Date(res.headers.get('date') ?? '')
  return Number.isNaN(date.getTime()) ? new Date(0) : date
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
