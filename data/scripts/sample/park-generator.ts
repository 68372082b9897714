import type { ParkInput } from '../../../server/domain/park.ts'
import type { CountyLayout } from './county-layout.ts'
import { placePoint } from './county-layout.ts'
import { address, placeWord } from './names.ts'
import type { Random } from './random.ts'

/** One logistics park or courier depot for about this many residents (every county has one). */
export const RESIDENTS_PER_PARK = 60_000

const NAME_SUFFIXES = [
  ['物流园', '快递分拣中心', '物流中心', '电商物流产业园'],
  [0.45, 0.3, 0.15, 0.1],
] as const

/** Parks per county: its population over RESIDENTS_PER_PARK, rounded, at least one. */
export function parkCounts(layouts: readonly CountyLayout[]): number[] {
  return layouts.map((l) => Math.max(1, Math.round(l.population / RESIDENTS_PER_PARK)))
}

/**
 * Generates sample logistics parks, numbered from pk-000001 in county order. Like trucker
 * homes they sit by highways and depots as often as near a town, so half the usual share
 * clusters around town centres. A kiosk's screen faces a compass direction in 5° steps.
 */
export function generateParks(layouts: readonly CountyLayout[], rng: Random): ParkInput[] {
  const counts = parkCounts(layouts)
  const out: ParkInput[] = []
  layouts.forEach((layout, c) => {
    for (let k = 0; k < (counts[c] ?? 0); k++) {
      const { lon, lat, town } = placePoint(layout, rng, layout.clusterShare * 0.5)
      const prefix = rng.chance(0.3) ? layout.name.replace(/(区|县|市)$/, '') : placeWord(rng)
      out.push({
        id: `pk-${String(out.length + 1).padStart(6, '0')}`,
        name: prefix + rng.weighted(...NAME_SUFFIXES),
        address: address(rng, layout.city, layout.name, town.name),
        adcode: layout.adcode,
        lon,
        lat,
        facingDeg: rng.int(0, 71) * 5,
        sample: true,
      })
    }
  })
  return out
}
