/**
 * Walking at 4 km/h, as the API's walkMinutes (server/api/nearby-fields.ts, which web/ may not
 * import): tests/web checks the two agree.
 */
export const WALK_M_PER_MIN = 1000 / 15
