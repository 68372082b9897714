import { describe, expect, test } from 'vitest'
import { hoursSummary, isOpenAt, nextChange } from '../../server/domain/opening-hours.ts'
import { openAt, todayStatus, weeklySummary } from '../../web/finder/hours-text.ts'
import { zhCN } from '../../web/i18n/zh-CN.ts'
import { en } from '../../web/i18n/en.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'

// The browser phrases what the server evaluated: these tests feed it real server summaries.

// Tuesday 10 March 2026 in Shanghai: an ordinary week, no public holiday in it.
const TUE_10AM = new Date('2026-03-10T10:00:00+08:00')
const TUE_8PM = new Date('2026-03-10T20:00:00+08:00')
// Sunday 23:30 Shanghai is Sunday 15:30 UTC: the week must not slip by a day.
const SUN_LATE = new Date('2026-03-15T23:30:00+08:00')

const words = (value: string | null, at: Date, t = zhCN) =>
  weeklySummary(hoursSummary(value, at), t)

describe('opening hours in words', () => {
  test('groups consecutive days with the same hours, Monday first', () => {
    expect(words('Mo-Fr 08:00-17:30', TUE_10AM)).toEqual([
      '周一至周五 08:00–17:30',
      '周六至周日 休息',
    ])
    expect(words('Mo-Fr 08:30-17:00; Sa,Su 09:00-16:00', TUE_10AM, en)).toEqual([
      'Mon–Fri 08:30–17:00',
      'Sat–Sun 09:00–16:00',
    ])
    expect(words('Mo-Fr 08:00-12:00,13:30-17:30; Sa 09:00-12:00', SUN_LATE)).toEqual([
      '周一至周五 08:00–12:00, 13:30–17:30',
      '周六 09:00–12:00',
      '周日 休息',
    ])
  })

  test('every day alike reads as one line', () => {
    expect(words('24/7', TUE_10AM)).toEqual(['每天 24 小时开放'])
    expect(words('Mo-Su 05:00-20:00', TUE_10AM, en)).toEqual(['Daily 05:00–20:00'])
  })

  test('today is the Shanghai day, whatever the UTC date', () => {
    const h = hoursSummary('Su 09:00-10:00', SUN_LATE)
    expect(h.week[0]).toEqual({ date: '2026-03-15', intervals: [{ from: '09:00', to: '10:00' }] })
    expect(todayStatus(h, SUN_LATE).today).toEqual([{ from: '09:00', to: '10:00' }])
  })

  test("today's hours, open now, and when that changes", () => {
    expect(todayStatus(hoursSummary('Mo-Fr 08:00-17:30', TUE_10AM), TUE_10AM)).toEqual({
      open: true,
      today: [{ from: '08:00', to: '17:30' }],
      changeAt: '17:30',
    })
    expect(todayStatus(hoursSummary('Mo-Fr 08:00-17:30', TUE_8PM), TUE_8PM)).toMatchObject({
      open: false,
      changeAt: '08:00',
    })
    expect(todayStatus(hoursSummary(null, TUE_10AM), TUE_10AM)).toEqual({
      open: null,
      today: [],
      changeAt: null,
    })
  })
})

describe('open now, from a summary made earlier', () => {
  // A page left open keeps its summaries: hours later, the browser must still agree with the parser.
  const VALUES = [
    '24/7',
    'Mo-Fr 08:00-12:00,13:30-17:30',
    'Mo-Fr 08:30-17:30; Sa,Su 09:00-17:00',
    'Mo-Su 05:30-19:30',
    'Mo-Sa 08:00-18:00',
    'Mo-Su 22:00-06:00',
    'Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off',
  ]
  test('agrees with the parser up to six days later', () => {
    const r = createRandom(11)
    for (let i = 0; i < 400; i++) {
      const value = VALUES[r.int(0, VALUES.length - 1)]!
      const made = new Date(Date.UTC(2026, 2, 1 + r.int(0, 40), r.int(0, 23), r.int(0, 59)))
      const later = new Date(made.getTime() + r.int(0, 6 * 24 * 60) * 60_000)
      const h = hoursSummary(value, made)
      expect(
        openAt(h, later),
        `${value} made ${made.toISOString()} at ${later.toISOString()}`,
      ).toBe(isOpenAt(value, later))
      if (later.getTime() < (nextChange(value, made)?.getTime() ?? Infinity)) {
        expect(h.openNow).toBe(isOpenAt(value, later))
      }
    }
  })

  test('unknown hours stay unknown', () => {
    expect(openAt(hoursSummary(null, TUE_10AM), TUE_10AM)).toBeNull()
    expect(openAt(hoursSummary('not hours', TUE_10AM), TUE_8PM)).toBeNull()
  })
})
