import type { CoverageLayer } from '../../server/domain/coverage.ts'
import type { NearestStation } from '../api/client.ts'
import type { Messages } from '../i18n/messages.ts'
import { compassIndex, formatDistance } from '../ui/distance-text.ts'

/**
 * Where a suggested site lies in words a planner knows: "某某驿站 东北 1.8 公里", "1.8 km NE of
 * …". The API's bearing is from the site to the station (as nearby results' bearings run from
 * the searcher to the station); the words need the reverse, from the station to the site. Over a
 * few kilometres the two ends' azimuths differ by far less than the 45° of a compass word.
 */
export function sitePlace(
  nearest: NearestStation | null | undefined,
  layer: CoverageLayer,
  t: Messages,
): string {
  if (!nearest) return t.planner.site.noNearest(layer)
  const fromStation = (nearest.bearingDeg + 180) % 360
  return t.planner.site.nearest(
    nearest.name,
    t.compass[compassIndex(fromStation)]!,
    formatDistance(nearest.distanceM, t),
  )
}
