import { AMENITIES, type Amenity } from './vocabularies.ts'

const BIT = new Map<string, number>(AMENITIES.map((a, i) => [a, 1 << i]))

/**
 * Amenities as a bit set (bit i: AMENITIES[i]): the in-memory nearby filter is one AND per
 * station, and a map tile carries a station's amenities as one number.
 */
export function amenityMask(amenities: readonly string[]): number {
  let mask = 0
  for (const a of amenities) {
    const bit = BIT.get(a)
    if (bit === undefined) throw new Error(`unknown amenity ${a}`)
    mask |= bit
  }
  return mask
}

/** The amenities a mask holds, in AMENITIES order: amenityMask's inverse. */
export function maskAmenities(mask: number): Amenity[] {
  return AMENITIES.filter((_, i) => (mask & (1 << i)) !== 0)
}
