import { describe, expect, test } from 'vitest'
import { todayStatus, weekHours, weeklySummary } from '../../web/finder/hours-text.ts'
import { zhCN } from '../../web/i18n/zh-CN.ts'
import { en } from '../../web/i18n/en.ts'

// Tuesday 10 March 2026 in Shanghai: an ordinary week, no public holiday in it.
const TUE_10AM = new Date('2026-03-10T10:00:00+08:00')
const TUE_8PM = new Date('2026-03-10T20:00:00+08:00')
// Sunday 23:30 Shanghai is Sunday 15:30 UTC: the week must not slip by a day.
const SUN_LATE = new Date('2026-03-15T23:30:00+08:00')

describe('opening hours in words', () => {
  test('groups consecutive days with the same hours', () => {
    expect(weeklySummary('Mo-Fr 08:00-17:30', TUE_10AM, zhCN)).toEqual([
      '周一至周五 08:00–17:30',
      '周六至周日 休息',
    ])
    expect(weeklySummary('Mo-Fr 08:30-17:00; Sa,Su 09:00-16:00', TUE_10AM, en)).toEqual([
      'Mon–Fri 08:30–17:00',
      'Sat–Sun 09:00–16:00',
    ])
    expect(weeklySummary('Mo-Fr 08:00-12:00,13:30-17:30; Sa 09:00-12:00', TUE_10AM, zhCN)).toEqual([
      '周一至周五 08:00–12:00, 13:30–17:30',
      '周六 09:00–12:00',
      '周日 休息',
    ])
  })

  test('every day alike reads as one line', () => {
    expect(weeklySummary('24/7', TUE_10AM, zhCN)).toEqual(['每天 24 小时开放'])
    expect(weeklySummary('Mo-Su 05:00-20:00', TUE_10AM, en)).toEqual(['Daily 05:00–20:00'])
  })

  test('the week is the Shanghai week, whatever the UTC date', () => {
    const week = weekHours('Su 09:00-10:00', SUN_LATE)
    expect(week.map((d) => d.length)).toEqual([0, 0, 0, 0, 0, 0, 1])
  })

  test("today's hours, open now, and when that changes", () => {
    expect(todayStatus('Mo-Fr 08:00-17:30', TUE_10AM)).toEqual({
      open: true,
      today: [{ from: '08:00', to: '17:30' }],
      changeAt: '17:30',
    })
    expect(todayStatus('Mo-Fr 08:00-17:30', TUE_8PM)).toMatchObject({
      open: false,
      changeAt: '08:00',
    })
    expect(todayStatus(null, TUE_10AM)).toEqual({ open: null, today: [], changeAt: null })
  })
})
