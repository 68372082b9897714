import { AMENITIES } from '../../domain/vocabularies.ts'

const BIT = new Map<string, number>(AMENITIES.map((a, i) => [a, 1 << i]))

/** Amenities as a bit set, so the in-memory nearby filter is one AND per station. */
export function amenityMask(amenities: readonly string[]): number {
  let mask = 0
  for (const a of amenities) {
    const bit = BIT.get(a)
    if (bit === undefined) throw new Error(`unknown amenity ${a}`)
    mask |= bit
  }
  return mask
}
