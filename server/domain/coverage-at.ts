import { z } from 'zod'

/**
 * When coverage is evaluated (`at`): absent means any time (every active station counts);
 * `weekday-HH:MM` / `weekend-HH:MM` mean that wall-clock time in Asia/Shanghai on a typical
 * weekday or Saturday; an ISO 8601 date-time with offset means that instant. Shared by the API
 * (validation, OpenAPI) and the planner (building URLs).
 */

/**
 * The typical days, fixed so answers are reproducible: a Wednesday and a Saturday in mid-November
 * 2025, neither a public holiday nor a 调休 working day, and no fixed-date holiday nearby.
 */
export const COVERAGE_REFERENCE_DAYS = { weekday: '2025-11-19', weekend: '2025-11-22' } as const

/** `weekday-HH:MM` / `weekend-HH:MM`: the day type, the hour and the minute. */
export const TIME_OF_DAY = /^(weekday|weekend)-([01]\d|2[0-3]):([0-5]\d)$/
const isoDateTime = z.iso.datetime({ offset: true })

const isCoverageAt = (v: string) =>
  TIME_OF_DAY.test(v) || (isoDateTime.safeParse(v).success && !Number.isNaN(Date.parse(v)))

export const CoverageAtSchema = z
  .string()
  .refine(
    isCoverageAt,
    'expected weekday-HH:MM, weekend-HH:MM or an ISO 8601 date-time with offset',
  )
  .describe(
    'Count only what is open then. Absent: any time (every active station counts). ' +
      '`weekday-HH:MM` / `weekend-HH:MM`: that time in Asia/Shanghai on a typical weekday ' +
      `(${COVERAGE_REFERENCE_DAYS.weekday}, a Wednesday) or Saturday ` +
      `(${COVERAGE_REFERENCE_DAYS.weekend}); or an ISO 8601 date-time with offset. ` +
      'Stations count when their opening_hours say open then; stations with unknown or ' +
      'unparseable hours do not count at a specific time. Childcare classes count when their ' +
      'daily schedule is open then and, for an ISO date-time, the date falls within their term ' +
      '(weekday-/weekend- mean a typical day during term).',
  )

export interface CoverageInstant {
  instant: Date
  /** True for weekday-/weekend-: a typical day, so term dates are not checked. */
  typicalDay: boolean
}

/** The instant an `at` value (already validated by CoverageAtSchema) stands for. */
export function coverageInstant(at: string): CoverageInstant {
  const m = TIME_OF_DAY.exec(at)
  if (!m) return { instant: new Date(at), typicalDay: false }
  const day = COVERAGE_REFERENCE_DAYS[m[1] as keyof typeof COVERAGE_REFERENCE_DAYS]
  return { instant: new Date(`${day}T${m[2]}:${m[3]}:00+08:00`), typicalDay: true }
}

const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date): string {
  return shanghaiDay.format(instant)
}
