import { pathToFileURL } from 'node:url'
import {
  hoursOn,
  isOpenAt,
  isValidOpeningHours,
  nextChange,
} from '../../../server/domain/opening-hours.ts'
import type { OpenInterval } from '../../../server/domain/opening-hours.ts'

/**
 * Hand-checked fixtures. Instants are UTC; the comment gives the Shanghai wall time (UTC+8).
 * 2026-07-07 is a Tuesday; 2026-10-01 (国庆节) a Thursday. Several instants fall on a different
 * weekday or side of an opening time in UTC than in Shanghai, so evaluating in the process zone
 * fails them. Run as a script (`node --import tsx`), this file prints its evaluations as JSON,
 * which the test does under several process time zones.
 */
export type Fixture = {
  value: string | null
  at: string
  open: boolean | null
  next: string | null
  hours: OpenInterval[]
}

const A = '2026-07-06T23:30:00Z' // Tue 07:30 (UTC: Mon 23:30)
const B = '2026-07-07T02:00:00Z' // Tue 10:00
const C = '2026-07-07T05:00:00Z' // Tue 13:00
const D = '2026-07-10T16:30:00Z' // Sat 00:30 (UTC: Fri 16:30)
const E = '2026-07-06T20:00:00Z' // Tue 04:00 (UTC: Mon 20:00)
const F = '2026-07-12T03:00:00Z' // Sun 11:00
const G = '2026-07-08T04:00:00Z' // Wed 12:00
const H = '2026-10-01T03:00:00Z' // Thu 11:00, 国庆节
const I = '2026-10-08T03:00:00Z' // Thu 11:00, a working day
const NY_SPRING = '2026-03-08T04:00:00Z' // Sun 12:00; New York skips 02:00–03:00 that day
const NY_FALL = '2026-10-31T17:30:00Z' // Sun 01:30 on 1 Nov; New York repeats 01:00–02:00

const ALL_DAY = [{ from: '00:00', to: '24:00' }]
const OFFICE = [{ from: '08:00', to: '18:00' }]
const NIGHT = [
  { from: '00:00', to: '06:00' },
  { from: '22:00', to: '24:00' },
]
const SPLIT = [
  { from: '09:00', to: '12:00' },
  { from: '14:00', to: '18:00' },
]

export const FIXTURES: Fixture[] = [
  { value: '24/7', at: A, open: true, next: null, hours: ALL_DAY },
  { value: '24/7', at: NY_SPRING, open: true, next: null, hours: ALL_DAY },

  {
    value: 'Mo-Fr 08:00-18:00',
    at: A,
    open: false,
    next: '2026-07-07T00:00:00.000Z',
    hours: OFFICE,
  },
  {
    value: 'Mo-Fr 08:00-18:00',
    at: B,
    open: true,
    next: '2026-07-07T10:00:00.000Z',
    hours: OFFICE,
  },
  { value: 'Mo-Fr 08:00-18:00', at: D, open: false, next: '2026-07-13T00:00:00.000Z', hours: [] },

  {
    value: 'Mo-Su 07:00-21:00',
    at: A,
    open: true,
    next: '2026-07-07T13:00:00.000Z',
    hours: [{ from: '07:00', to: '21:00' }],
  },
  {
    value: 'Mo-Su 07:00-21:00',
    at: E,
    open: false,
    next: '2026-07-06T23:00:00.000Z',
    hours: [{ from: '07:00', to: '21:00' }],
  },
  {
    value: 'Mo-Su 07:00-21:00',
    at: NY_SPRING,
    open: true,
    next: '2026-03-08T13:00:00.000Z',
    hours: [{ from: '07:00', to: '21:00' }],
  },

  {
    value: 'Mo-Sa 09:00-12:00,14:00-18:00',
    at: B,
    open: true,
    next: '2026-07-07T04:00:00.000Z',
    hours: SPLIT,
  },
  {
    value: 'Mo-Sa 09:00-12:00,14:00-18:00',
    at: C,
    open: false,
    next: '2026-07-07T06:00:00.000Z',
    hours: SPLIT,
  },
  {
    value: 'Mo-Sa 09:00-12:00,14:00-18:00',
    at: F,
    open: false,
    next: '2026-07-13T01:00:00.000Z',
    hours: [],
  },

  { value: '22:00-06:00', at: E, open: true, next: '2026-07-06T22:00:00.000Z', hours: NIGHT },
  { value: '22:00-06:00', at: A, open: false, next: '2026-07-07T14:00:00.000Z', hours: NIGHT },
  {
    value: '22:00-06:00',
    at: NY_SPRING,
    open: false,
    next: '2026-03-08T14:00:00.000Z',
    hours: NIGHT,
  },
  { value: '22:00-06:00', at: NY_FALL, open: true, next: '2026-10-31T22:00:00.000Z', hours: NIGHT },

  {
    value: 'Mo-Su 08:00-18:00; We off',
    at: G,
    open: false,
    next: '2026-07-09T00:00:00.000Z',
    hours: [],
  },
  {
    value: 'Mo-Su 08:00-18:00; We off',
    at: B,
    open: true,
    next: '2026-07-07T10:00:00.000Z',
    hours: OFFICE,
  },

  {
    value: 'Mo-Su 08:00-18:00; PH off',
    at: H,
    open: false,
    next: '2026-10-04T00:00:00.000Z',
    hours: [],
  },
  {
    value: 'Mo-Su 08:00-18:00; PH off',
    at: I,
    open: true,
    next: '2026-10-08T10:00:00.000Z',
    hours: OFFICE,
  },

  { value: 'Mo-Fr unknown', at: B, open: null, next: '2026-07-10T16:00:00.000Z', hours: [] },
  { value: 'Mo-Fr 8点到18点', at: B, open: null, next: null, hours: [] },
  { value: 'foo', at: B, open: null, next: null, hours: [] },
  { value: null, at: B, open: null, next: null, hours: [] },
]

export const SUN_FIXTURES = [
  // Hangzhou (30.27°N, 120.15°E) in China Standard Time, worked out by hand with NOAA's general
  // solar position equations (zenith 90.833°): 05:03 / 19:05 on 7 July 2026, 06:51 / 17:03 on
  // 21 December. In the process zone instead, UTC would put sunrise near 21:00 the day before.
  { at: B, sunrise: '05:03', sunset: '19:05' },
  { at: '2026-12-21T04:00:00Z', sunrise: '06:51', sunset: '17:03' },
]

export function evaluateFixtures() {
  return {
    fixtures: FIXTURES.map((f) => {
      const at = new Date(f.at)
      return {
        value: f.value,
        at: f.at,
        open: isOpenAt(f.value, at),
        next: nextChange(f.value, at)?.toISOString() ?? null,
        hours: hoursOn(f.value, at),
      }
    }),
    sun: SUN_FIXTURES.map((s) => hoursOn('sunrise-sunset', new Date(s.at))),
    valid: ['24/7', 'Mo-Fr 08:00-18:00', 'foo', '', 'Mo-Fr 25:00-26:00', 'SH off; 08:00-12:00'].map(
      (v) => [v, isValidOpeningHours(v)] as const,
    ),
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(JSON.stringify(evaluateFixtures()))
}
