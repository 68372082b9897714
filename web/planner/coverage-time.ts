import { TIME_OF_DAY } from '../../server/domain/coverage-at.ts'
/**
 * The time of day coverage is computed for: any time (every active station counts), or an hour
 * of a weekday or weekend day (only stations open then count). On the wire it is the API's `at`
 * parameter, `weekday-HH:MM` or `weekend-HH:MM`; absent means any time.
 */

export const DAY_TYPES = ['weekday', 'weekend'] as const
export type DayType = (typeof DAY_TYPES)[number]

export interface CoverageTime {
  day: DayType
  /** HH:MM, 24-hour, Asia/Shanghai. */
  time: string
}

/** Where a planner starts when picking a day: the night, when workers have nowhere to go. */
export const DEFAULT_HOUR = '02:00'

/** Whole hours offered by the chooser; any HH:MM in a link is honoured. */
export const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)

/** `weekday-02:00` → { day, time }; anything else → null (any time). */
export function parseCoverageTime(v: string | null): CoverageTime | null {
  const m = v === null ? null : TIME_OF_DAY.exec(v)
  return m ? { day: m[1] as DayType, time: `${m[2]}:${m[3]}` } : null
}

/** The API's `at` value, or null for any time. */
export function coverageAt(t: CoverageTime | null): string | null {
  return t ? `${t.day}-${t.time}` : null
}
