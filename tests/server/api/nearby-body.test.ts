import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { makeDataset } from '../../fixtures/dataset.ts'
import { nearbyStationsBody } from '../../../server/api/nearby-body.ts'
import { nearbyFields, pointFeature } from '../../../server/api/nearby-fields.ts'
import { stationHead } from '../../../server/api/station-heads.ts'
import { hoursSummary } from '../../../server/domain/opening-hours.ts'
import type { Trust } from '../../../server/domain/report.ts'
import { NO_TRUST } from '../../../server/domain/trust.ts'
import { REPORT_TYPES } from '../../../server/domain/vocabularies.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { StationSchema, type Station } from '../../../server/domain/station.ts'
import { distanceAndBearing, distanceM, initialBearingDeg } from '../../../server/geo/geodesic.ts'

/** The answer as the route built it before it wrote bytes itself: the oracle. */
function oracle(origin: LonLat, stations: Station[], trust: Trust[], at: Date, limit: number) {
  const features = stations.map((s, i) => {
    const hours = hoursSummary(s.openingHours, at)
    return pointFeature(s, {
      ...nearbyFields(distanceM(origin, [s.lon, s.lat]), initialBearingDeg(origin, [s.lon, s.lat])),
      openNow: hours.openNow,
      hours,
      ...trust[i]!,
    })
  })
  return Buffer.from(
    JSON.stringify({ type: 'FeatureCollection', features, total: stations.length * 3, limit }),
  )
}

const stations = makeDataset(120).stations.map((s) => StationSchema.parse(s))
const HOURS = [null, '24/7', 'Mo-Fr 08:30-17:00', 'Mo-Su 07:00-12:00,13:30-21:00; PH off', 'off']
// What JSON must escape, and text outside the Basic Multilingual Plane.
const TEXT = fc.oneof(
  fc.string(),
  fc.constantFrom('云浜镇"金浦"\\社区', '行\u2028分\u2029隔', '🚚 驿站', '</script>'),
)
const trustArb: fc.Arbitrary<Trust> = fc.record({
  lastConfirmedAt: fc.option(fc.constant('2026-11-29T10:00:00.000Z')),
  openReports: fc.dictionary(fc.constantFrom(...REPORT_TYPES), fc.integer({ min: 1, max: 9 })),
  latestReport: fc.option(
    fc.record({
      type: fc.constantFrom(...REPORT_TYPES),
      createdAt: fc.constant('2026-11-28T08:00:00.000Z'),
    }),
  ),
}) as fc.Arbitrary<Trust>

describe('nearbyStationsBody', () => {
  it('writes the bytes JSON.stringify gives the answer object, for any stations, trust and instant', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            i: fc.nat(stations.length - 1),
            name: TEXT,
            address: TEXT,
            hours: fc.constantFrom(...HOURS),
            // The one NO_TRUST object (most stations: written from a constant) or any other.
            trust: fc.oneof(fc.constant(NO_TRUST), trustArb),
          }),
          { maxLength: 25 },
        ),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.tuple(
          fc.double({ min: 119, max: 122, noNaN: true }),
          fc.double({ min: 28, max: 31, noNaN: true }),
        ),
        fc.integer({ min: 1, max: 200 }),
        (picks, t, origin, limit) => {
          const at = new Date(Math.floor(t / 60_000) * 60_000)
          const chosen = picks.map((p) => ({
            ...stations[p.i]!,
            name: p.name,
            address: p.address,
            openingHours: p.hours,
          }))
          const trust = picks.map((p) => p.trust)
          const body = nearbyStationsBody(
            chosen.map((s, i) => ({
              head: stationHead(s),
              ...distanceAndBearing(origin, [s.lon, s.lat]),
              trust: trust[i]!,
            })),
            at,
            chosen.length * 3,
            limit,
          )
          expect(body.toString()).toBe(oracle(origin, chosen, trust, at, limit).toString())
          expect(body.equals(oracle(origin, chosen, trust, at, limit))).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('evaluates each answer at its own instant, even for one hours value met before', () => {
    const s = { ...stations[0]!, openingHours: 'Mo-Su 08:00-17:00' }
    const write = (iso: string) =>
      JSON.parse(
        nearbyStationsBody(
          [{ head: stationHead(s), distanceM: 0, bearingDeg: 0, trust: NO_REPORTS }],
          new Date(iso),
          1,
          20,
        ).toString(),
      ).features[0].properties.openNow
    // 09:00 and 20:00 in Shanghai.
    expect(write('2026-11-30T01:00:00Z')).toBe(true)
    expect(write('2026-11-30T12:00:00Z')).toBe(false)
    expect(write('2026-11-30T01:00:00Z')).toBe(true)
  })
})

const NO_REPORTS: Trust = { lastConfirmedAt: null, openReports: {}, latestReport: null }
