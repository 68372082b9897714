import fc from 'fast-check'
import { expect, test } from 'vitest'
import { amenityMask, maskAmenities } from '../../../server/domain/amenity-mask.ts'
import { AMENITIES } from '../../../server/domain/vocabularies.ts'

test('maskAmenities gives back every set of amenities amenityMask was given, in vocabulary order', () => {
  fc.assert(
    fc.property(fc.subarray([...AMENITIES]), fc.boolean(), (set, reversed) => {
      const given = reversed ? [...set].reverse() : set
      expect(maskAmenities(amenityMask(given))).toEqual(set)
    }),
  )
})
