import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { hoursOn } from '../../server/domain/opening-hours.ts'
import { parseWeeklyHours, weeklyHoursString } from '../../web/admin/hours-string.ts'

// The admin's hours helper against the opening_hours library as the oracle: the string it
// writes is open on exactly the chosen days, over exactly the chosen interval.

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
const weekly = fc
  .record({
    days: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    from: time,
    to: time,
  })
  .filter((h) => h.days.some(Boolean) && h.from < h.to)

/** Monday 2026-11-30 + i days, noon Shanghai time. */
const day = (i: number) => new Date(Date.UTC(2026, 10, 30 + i, 4))

describe('weeklyHoursString', () => {
  it('is open on exactly the chosen days, from `from` to `to`', () => {
    fc.assert(
      fc.property(weekly, (h) => {
        const s = weeklyHoursString(h)!
        for (let i = 0; i < 7; i++) {
          expect(hoursOn(s, day(i)), `${s} day ${i}`).toEqual(
            h.days[i] ? [{ from: h.from, to: h.to }] : [],
          )
        }
      }),
      { numRuns: 200 },
    )
  })

  it('writes the usual forms, and reads back what it writes', () => {
    const weekdays = [true, true, true, true, true, false, false]
    expect(weeklyHoursString({ days: weekdays, from: '08:00', to: '18:00' })).toBe(
      'Mo-Fr 08:00-18:00',
    )
    expect(
      weeklyHoursString({
        days: [true, false, true, false, false, true, true],
        from: '09:00',
        to: '17:30',
      }),
    ).toBe('Mo,We,Sa,Su 09:00-17:30')
    expect(weeklyHoursString({ days: Array(7).fill(true), from: '00:00', to: '24:00' })).toBe(
      '24/7',
    )
    expect(weeklyHoursString({ days: Array(7).fill(false), from: '08:00', to: '18:00' })).toBe(null)
    fc.assert(
      fc.property(weekly, (h) => {
        expect(parseWeeklyHours(weeklyHoursString(h)!)).toEqual(h)
      }),
    )
    expect(parseWeeklyHours('Mo-Fr 08:00-12:00,14:00-18:00')).toBe(null)
    expect(parseWeeklyHours('Fr-Mo 08:00-18:00')).toBe(null)
  })
})
