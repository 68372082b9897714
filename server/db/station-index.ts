import type { LonLat } from '../domain/geojson.ts'
import { isOpenAt } from '../domain/opening-hours.ts'
import { amenityMask } from '../domain/amenity-mask.ts'
import { PointIndex } from '../geo/spatial-index.ts'
import {
  inArea,
  type NearbyOptions,
  type NearbyResult,
  type StationFilter,
  type StationPoint,
} from './store.ts'
import type { StationColumns } from './station-columns.ts'
import { containsText, stringAt, type StringColumn } from './string-column.ts'

/**
 * The active stations at one data version as an in-memory nearby index (a kd-tree over the
 * columns, PointIndex) with every StationFilter tested on the columns: both stores answer nearby
 * from it, each rebuilding it in a thread when the data version moves.
 */
export class StationIndex {
  readonly version: number
  readonly columns: StationColumns
  /** Items are positions in the columns. */
  readonly #points: PointIndex<number>

  constructor(version: number, columns: StationColumns) {
    this.version = version
    this.columns = columns
    const size = columns.ids.ends.length
    this.#points = new PointIndex({ size, at: (i) => i }, columns, (i) => stringAt(columns.ids, i))
  }

  /** Store.nearbyStationPoints on the index. */
  nearby(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<StationFilter>,
  ): NearbyResult<StationPoint> {
    const { ids, coords } = this.columns
    const { hits, total } = this.#points.nearbyCounted(origin, {
      radiusM,
      limit,
      filter: this.#matcher(filter),
    })
    return {
      hits: hits.map(({ item: i, distanceM, bearingDeg }) => ({
        item: { id: stringAt(ids, i), lon: coords[2 * i]!, lat: coords[2 * i + 1]! },
        distanceM,
        bearingDeg,
      })),
      total,
    }
  }

  /** Where station `id` is in the columns, or -1 (not an active station). */
  positionOf(id: string): number {
    return sortedIndexOf(this.columns.ids, id)
  }

  /** The filter as a test of a position. */
  #matcher(filter: StationFilter): ((i: number) => boolean) | undefined {
    const columns = this.columns
    // No test at all when nothing is asked (most nearby queries): each test reads five columns
    // at the point's position, at random, for every point a count meets.
    const amenities = filter.amenities ?? []
    const others = [filter.kind, filter.adcode, filter.text, filter.openAt]
    if (amenities.length === 0 && others.every((v) => v === undefined)) return undefined
    const { amenityMasks, kinds, adcodes, hours, texts } = columns
    const mask = amenityMask(amenities)
    const text = filter.text?.toLowerCase()
    const hasText = text === undefined ? undefined : containsText(texts, text)
    // Per query, each dictionary entry once: the kind's code (-1: none match), the counties in
    // the area, and (on demand) whether each distinct hours string is open.
    const kind = filter.kind === undefined ? undefined : columns.kindNames.indexOf(filter.kind)
    const area = filter.adcode
    const inAreaByCode = area && columns.adcodeNames.map((adcode) => inArea(adcode, area))
    const openAt = filter.openAt
    const openByCode = new Map<number, boolean>()
    const open = (code: number, at: Date) => {
      let isOpen = openByCode.get(code)
      if (isOpen === undefined) {
        isOpen = isOpenAt(columns.hoursNames[code] ?? null, at) === true
        openByCode.set(code, isOpen)
      }
      return isOpen
    }
    return (i) =>
      ((amenityMasks[i] as number) & mask) === mask &&
      (kind === undefined || kinds[i] === kind) &&
      (!inAreaByCode || inAreaByCode[adcodes[i] as number] === true) &&
      (hasText === undefined || hasText(i)) &&
      (openAt === undefined || open(hours[i] as number, openAt))
  }
}

/**
 * Where `id` is in `ids` (sorted by code point), or -1. A code-unit comparison can misplace ids
 * beyond the Basic Multilingual Plane: those read -1, never wrong.
 */
function sortedIndexOf(ids: StringColumn, id: string): number {
  let lo = 0
  let hi = ids.ends.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const here = stringAt(ids, mid)
    if (here === id) return mid
    if (here < id) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}
