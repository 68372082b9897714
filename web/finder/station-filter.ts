import type { Amenity, StationKind } from '../../server/domain/vocabularies.ts'
import type { Station } from '../../server/domain/station.ts'

export interface StationFilters {
  amenities: readonly Amenity[]
  kind: StationKind | null
  openNow: boolean
}

/** Open at `at`: the browser reads the server's hours summary, tests the parser itself. */
export type IsOpenAt<S> = (s: S, at: Date) => boolean | null

/**
 * The map's client-side copy of the nearby endpoint's filter: active stations having every
 * amenity, of the kind, and (for openNow) known to be open at `at`. The list comes from the
 * API; both must agree on what a filter means.
 */
export function stationMatches<S extends Pick<Station, 'amenities' | 'kind' | 'status'>>(
  s: S,
  f: StationFilters,
  at: Date,
  isOpenAt: IsOpenAt<S>,
): boolean {
  if (s.status !== 'active') return false
  if (f.kind !== null && s.kind !== f.kind) return false
  if (!f.amenities.every((a) => s.amenities.includes(a))) return false
  if (f.openNow && isOpenAt(s, at) !== true) return false
  return true
}
