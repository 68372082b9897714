import type { CoverageLayer } from '../../server/domain/coverage.ts'
import type { NearestStation } from '../../server/domain/coverage.ts'
import type { Messages } from '../i18n/messages.ts'
import { compassIndex, formatDistance } from '../ui/distance-text.ts'

/**
 * Where a suggested site lies in words a planner knows: "某某驿站 东北 1.8 公里", "1.8 km NE of
 * …". The API gives the distance and the bearing from the station to the site.
 */
export function sitePlace(
  nearest: NearestStation | null | undefined,
  layer: CoverageLayer,
  t: Messages,
): string {
  if (!nearest) return t.planner.site.noNearest(layer)
  return t.planner.site.nearest(
    nearest.name,
    t.compass[compassIndex(nearest.bearingDeg)]!,
    formatDistance(nearest.distanceM, t),
  )
}
