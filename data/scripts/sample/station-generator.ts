import type { StationInput } from '../../../server/domain/station.ts'
import type {
  Amenity,
  StationHost,
  StationKind,
  StationStatus,
  StationTier,
} from '../../../server/domain/vocabularies.ts'
import type { CountyLayout } from './county-layout.ts'
import { placePoint } from './county-layout.ts'
import { address, phoneNumber, placeWord, stationHostLabel } from './names.ts'
import type { Random } from './random.ts'
import { isoDate } from './dates.ts'

type Weighted<T> = readonly [readonly T[], readonly number[]]

const KINDS: Weighted<StationKind> = [
  ['outdoor_worker_station', 'courier_station', 'trucker_home', 'sanitation_rest_point'],
  [0.55, 0.2, 0.08, 0.17],
]

/** Tier mix per kind; overall about 5 % centres, 36 % stations, 59 % points. */
const TIERS: Record<StationKind, Weighted<StationTier>> = {
  outdoor_worker_station: [['centre', 'station', 'point'], [0.07, 0.38, 0.55]],
  courier_station: [['centre', 'station', 'point'], [0.03, 0.35, 0.62]],
  trucker_home: [['centre', 'station', 'point'], [0.05, 0.55, 0.4]],
  sanitation_rest_point: [['centre', 'station', 'point'], [0.01, 0.25, 0.74]],
}

const HOSTS: Record<StationKind, Weighted<StationHost>> = {
  outdoor_worker_station: [
    [
      'union_office',
      'community_centre',
      'bank_branch',
      'petrol_station',
      'supermarket',
      'enterprise',
      'government_service_hall',
      'hospital',
      'park',
    ],
    [0.12, 0.26, 0.18, 0.1, 0.1, 0.1, 0.06, 0.04, 0.04],
  ],
  courier_station: [
    ['courier_depot', 'community_centre', 'supermarket'],
    [0.8, 0.1, 0.1],
  ],
  trucker_home: [
    ['petrol_station', 'service_area', 'logistics_park'],
    [0.45, 0.3, 0.25],
  ],
  sanitation_rest_point: [
    ['community_centre', 'park'],
    [0.55, 0.45],
  ],
}

/** Service centres sit in union offices, service halls and community centres. */
const CENTRE_HOSTS: Weighted<StationHost> = [
  ['union_office', 'government_service_hall', 'community_centre'],
  [0.5, 0.3, 0.2],
]

/**
 * Probability of each amenity at a `point`; stations and centres get more (see below). Fridges
 * came with real registers, after the shipped sample: the generator leaves them out so that
 * the same seed still draws the same sample.
 */
const AMENITY_P: Record<Exclude<Amenity, 'fridge'>, number> = {
  drinking_water: 0.96,
  hot_water: 0.7,
  microwave: 0.45,
  toilet: 0.55,
  rest_seats: 0.85,
  air_conditioning: 0.65,
  heating: 0.35,
  phone_charging: 0.8,
  ebike_charging: 0.22,
  first_aid: 0.5,
  umbrella: 0.35,
  wifi: 0.5,
  reading_corner: 0.12,
  repair_tools: 0.18,
  legal_aid: 0.03,
  job_services: 0.03,
}
const TIER_BOOST: Record<StationTier, number> = { point: 1, station: 1.5, centre: 3 }
/** Centres are where the union offers legal aid and job services. */
const CENTRE_P: Partial<Record<Amenity, number>> = { legal_aid: 0.6, job_services: 0.5 }
const KIND_P: Partial<Record<StationKind, Partial<Record<Amenity, number>>>> = {
  courier_station: { ebike_charging: 0.6, repair_tools: 0.4 },
  trucker_home: { toilet: 0.95, hot_water: 0.9, repair_tools: 0.45, wifi: 0.8 },
  sanitation_rest_point: { microwave: 0.6, hot_water: 0.8 },
}

const SAMPLE_AMENITIES = Object.keys(AMENITY_P) as (keyof typeof AMENITY_P)[]

function amenityP(a: keyof typeof AMENITY_P, kind: StationKind, tier: StationTier): number {
  const centre = tier === 'centre' ? CENTRE_P[a] : undefined
  if (centre !== undefined) return centre
  const p = KIND_P[kind]?.[a] ?? AMENITY_P[a]
  return a === 'drinking_water' ? p : Math.min(0.97, p * TIER_BOOST[tier])
}

const HOURS = [
  'Mo-Su 07:00-21:00',
  'Mo-Su 08:00-20:00',
  'Mo-Su 06:00-22:00',
  'Mo-Fr 08:30-17:30; Sa,Su 09:00-17:00',
  'Mo-Fr 08:30-17:00',
  'Mo-Sa 08:00-18:00',
  'Mo-Fr 08:00-12:00,13:30-17:30',
  'Mo-Fr 09:00-17:00; Sa 09:00-12:00',
] as const
const BANK_HOURS = ['Mo-Fr 08:30-17:00; Sa,Su 09:00-16:00', 'Mo-Su 09:00-17:00'] as const
const SANITATION_HOURS = ['Mo-Su 05:00-20:00', 'Mo-Su 05:30-19:30', 'Mo-Su 04:30-21:00'] as const

function openingHours(rng: Random, kind: StationKind, host: StationHost): string | null {
  if (rng.chance(0.04)) return null
  const allDay = kind === 'trucker_home' ? 0.6 : host === 'petrol_station' ? 0.5 : 0.2
  if (rng.chance(allDay)) return '24/7'
  if (kind === 'sanitation_rest_point') return rng.pick(SANITATION_HOURS)
  if (host === 'bank_branch') return rng.pick(BANK_HOURS)
  return rng.pick(HOURS)
}

function stationName(
  rng: Random,
  layout: CountyLayout,
  town: string,
  kind: StationKind,
  tier: StationTier,
  host: StationHost,
): string {
  switch (kind) {
    case 'outdoor_worker_station':
      if (tier === 'centre') return `${layout.name}${town}户外劳动者服务中心`
      return (
        town + stationHostLabel(rng, host) + (rng.chance(0.7) ? '爱心驿站' : '户外劳动者服务站')
      )
    case 'courier_station':
      return `小哥驿站（${placeWord(rng)}网点）`
    case 'trucker_home':
      return host === 'service_area'
        ? `${stationHostLabel(rng, host)}货车司机之家`
        : `${town}${stationHostLabel(rng, host)}货车司机之家`
    case 'sanitation_rest_point':
      return `${town}${stationHostLabel(rng, host)}环卫工人休息点`
  }
}

const VERIFIED_FROM = Date.UTC(2025, 0, 1)
const VERIFIED_DAYS = 546 // 2025-01-01 .. 2026-06-30

/**
 * Generates `counts[i]` stations in `layouts[i]`, numbered from st-000001 in county order.
 */
export function generateStations(
  layouts: readonly CountyLayout[],
  counts: readonly number[],
  rng: Random,
): StationInput[] {
  const out: StationInput[] = []
  layouts.forEach((layout, c) => {
    for (let k = 0; k < (counts[c] ?? 0); k++) {
      const kind = rng.weighted(...KINDS)
      const tier = rng.weighted(...TIERS[kind])
      const host = tier === 'centre' && kind === 'outdoor_worker_station'
        ? rng.weighted(...CENTRE_HOSTS)
        : rng.weighted(...HOSTS[kind])
      // Trucker homes follow highways and depots, half of them away from town centres.
      const share = kind === 'trucker_home' ? layout.clusterShare * 0.5 : layout.clusterShare
      const { lon, lat, town } =
        tier === 'centre'
          ? centrePoint(layout, rng)
          : placePoint(layout, rng, share)
      const amenities = SAMPLE_AMENITIES.filter((a) => rng.chance(amenityP(a, kind, tier)))
      out.push({
        id: `st-${String(out.length + 1).padStart(6, '0')}`,
        name: stationName(rng, layout, town.name, kind, tier, host),
        kind,
        tier,
        host,
        address: address(rng, layout.city, layout.name, town.name),
        adcode: layout.adcode,
        lon,
        lat,
        amenities,
        openingHours: openingHours(rng, kind, host),
        phone: rng.chance(0.06) ? null : phoneNumber(rng, layout.city, 0.3),
        status: rng.weighted<StationStatus>(['active', 'suspended', 'closed'], [0.92, 0.05, 0.03]),
        verifiedOn: rng.chance(0.04)
          ? null
          : isoDate(VERIFIED_FROM, rng.int(0, VERIFIED_DAYS - 1)),
        sample: true,
      })
    }
  })
  return out
}

/** Service centres stand close to a town centre, the county seat most often. */
function centrePoint(layout: CountyLayout, rng: Random) {
  const town = rng.weighted(layout.towns, layout.townWeights)
  const [lon, lat] = layout.sampler.near(rng, town.lon, town.lat, town.sdKm * 0.3)
  return { lon, lat, town }
}
