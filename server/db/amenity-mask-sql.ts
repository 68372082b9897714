import { AMENITIES } from '../domain/vocabularies.ts'

/**
 * A station's amenities as its bit set (bit i: AMENITIES[i], as amenityMask), summed in SQL for
 * the station aliased `s`: one primary-key range per station instead of an amenity row each.
 * Plain SQL, the same on SQLite and PostgreSQL (where the sum is a bigint: read it with Number).
 */
export const AMENITY_MASK_SQL = `coalesce((SELECT sum(CASE a.amenity ${AMENITIES.map(
  (a, i) => `WHEN '${a}' THEN ${2 ** i}`,
).join(' ')} END) FROM station_amenities a WHERE a.station_id = s.id), 0)`
