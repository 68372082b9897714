import type { ChildcareClassInput } from '../../../server/domain/childcare-class.ts'
import { CLASS_HOSTS, type ClassHost } from '../../../server/domain/vocabularies.ts'
import type { CountyLayout } from './county-layout.ts'
import { placePoint } from './county-layout.ts'
import { isoDate } from './dates.ts'
import { address, classHostLabel, contactName, phoneNumber } from './names.ts'
import type { Random } from './random.ts'

/** Weights in CLASS_HOSTS order: union office, community centre, school, enterprise, park, … */
const HOST_WEIGHTS = [0.2, 0.3, 0.2, 0.12, 0.08, 0.05, 0.05]

/** [ageMin, ageMax]: mostly primary-school ages, some nursery or up to junior middle school. */
const AGES: readonly (readonly [number, number])[] = [
  [6, 12],
  [3, 6],
  [7, 14],
  [6, 10],
  [8, 12],
]
const AGE_WEIGHTS = [0.55, 0.12, 0.15, 0.1, 0.08]

const SCHEDULES = [
  'Mo-Fr 08:00-17:30',
  'Mo-Fr 08:30-17:00',
  'Mo-Fr 07:30-18:00',
  'Mo-Fr 08:00-11:30,13:30-17:00',
  'Mo-Fr 08:00-12:00',
] as const
const SCHEDULE_WEIGHTS = [0.45, 0.25, 0.15, 0.1, 0.05]

/** Summer 2026 terms start on a Monday and end on a Friday, by 28 August at the latest. */
const TERM_STARTS = [
  Date.UTC(2026, 5, 29),
  Date.UTC(2026, 6, 6),
  Date.UTC(2026, 6, 13),
  Date.UTC(2026, 6, 20),
]
const TERM_START_WEIGHTS = [0.1, 0.55, 0.2, 0.15]
const TERM_WEEKS = [2, 3, 4, 5, 6, 7]
const TERM_WEEK_WEIGHTS = [0.08, 0.12, 0.2, 0.12, 0.13, 0.35]
const LAST_FRIDAY = Date.UTC(2026, 7, 28)
const DAY_MS = 86_400_000

const FEES = [0, 200, 300, 400, 500, 600, 800]
const FEE_WEIGHTS = [0.5, 0.1, 0.12, 0.1, 0.08, 0.06, 0.04]

function className(rng: Random, layout: CountyLayout, town: string, host: ClassHost): string {
  const label = classHostLabel(rng, host)
  switch (host) {
    case 'union_office':
      return `${layout.name}总工会${town}暑期爱心托班`
    case 'community_centre':
      return `${town}${label}爱心托班`
    case 'school':
      return `${town}${label}暑期爱心托班`
    case 'enterprise':
      return `${label}职工子女暑托班`
    case 'industrial_park':
      return `${town}${label}爱心托班`
    case 'library':
    case 'youth_centre':
      return `${layout.name}${label}暑期爱心托班`
  }
}

/** Generates `counts[i]` classes in `layouts[i]`, numbered from cl-000001 in county order. */
export function generateClasses(
  layouts: readonly CountyLayout[],
  counts: readonly number[],
  rng: Random,
): ChildcareClassInput[] {
  const out: ChildcareClassInput[] = []
  layouts.forEach((layout, c) => {
    for (let k = 0; k < (counts[c] ?? 0); k++) {
      const host = rng.weighted(CLASS_HOSTS, HOST_WEIGHTS)
      // Classes are held where families live: nearly all in towns.
      const { lon, lat, town } = placePoint(layout, rng, 0.9)
      const [ageMin, ageMax] = rng.weighted(AGES, AGE_WEIGHTS)
      const start = rng.weighted(TERM_STARTS, TERM_START_WEIGHTS)
      const weeks = rng.weighted(TERM_WEEKS, TERM_WEEK_WEIGHTS)
      const end = Math.min(LAST_FRIDAY, start + (weeks * 7 - 3) * DAY_MS)
      const capacity = 5 * rng.int(4, 16)
      // About a fifth are full; the rest lean towards well attended.
      const enrolled = rng.chance(0.2)
        ? capacity
        : Math.floor(capacity * Math.sqrt(rng.next()))
      out.push({
        id: `cl-${String(out.length + 1).padStart(6, '0')}`,
        name: className(rng, layout, town.name, host),
        host,
        address: address(rng, layout.city, layout.name, town.name),
        adcode: layout.adcode,
        lon,
        lat,
        ageMin,
        ageMax,
        termStart: isoDate(start, 0),
        termEnd: isoDate(end, 0),
        schedule: rng.weighted(SCHEDULES, SCHEDULE_WEIGHTS),
        capacity,
        enrolled,
        feeCny: rng.weighted(FEES, FEE_WEIGHTS),
        contactName: contactName(rng),
        contactPhone: phoneNumber(rng, layout.city, 0.5),
        sample: true,
      })
    }
  })
  return out
}
