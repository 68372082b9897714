import type { HoursSummary, OpenInterval } from '../../server/domain/station.ts'
import type { BaseMessages } from '../i18n/messages.ts'

/**
 * Opening hours in words, from the summary the server evaluated (server/domain/opening-hours.ts):
 * the `opening_hours` parser and its holiday tables stay on the server.
 */

// China has kept UTC+8 all year since 1991: a Shanghai wall clock is UTC shifted by 8 hours.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** The Shanghai date ('YYYY-MM-DD') and wall clock ('HH:MM') at an instant. */
function shanghaiWall(at: Date): { date: string; clock: string } {
  const iso = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString()
  return { date: iso.slice(0, 10), clock: iso.slice(11, 16) }
}

const inside = (clock: string, iv: OpenInterval) => iv.from <= clock && clock < iv.to

/** Monday = 0 … Sunday = 6, of a 'YYYY-MM-DD' date. */
const weekdayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7

/**
 * Open at `at`? The server's answer holds until its `nextChange`; after that (a page left open),
 * the day's intervals decide, and a day beyond the summary's week is unknown.
 */
export function openAt(h: HoursSummary, at: Date): boolean | null {
  if (h.openNow === null) return null
  if (h.nextChange === null || at.getTime() < Date.parse(h.nextChange)) return h.openNow
  const { date, clock } = shanghaiWall(at)
  const day = h.week.find((d) => d.date === date)
  return day ? day.intervals.some((iv) => inside(clock, iv)) : null
}

export interface TodayStatus {
  /** null when the hours are unknown or unparseable */
  open: boolean | null
  today: OpenInterval[]
  /** 'HH:MM' Shanghai time of the next change, or null (none, or not known from the summary) */
  changeAt: string | null
}

export function todayStatus(h: HoursSummary, at: Date): TodayStatus {
  const { date } = shanghaiWall(at)
  const fresh = h.nextChange !== null && at.getTime() < Date.parse(h.nextChange)
  return {
    open: openAt(h, at),
    today: h.week.find((d) => d.date === date)?.intervals ?? [],
    changeAt: fresh ? shanghaiWall(new Date(h.nextChange!)).clock : null,
  }
}

/** "08:00–12:00, 13:30–17:30"; a whole day reads as "24 小时" / "24 hours". */
export function intervalsText(intervals: OpenInterval[], t: BaseMessages): string {
  if (intervals.length === 1 && intervals[0]!.from === '00:00' && intervals[0]!.to === '24:00')
    return t.allDay
  return intervals.map((iv) => `${iv.from}–${iv.to}`).join(', ')
}

/**
 * The coming week's hours in words, Monday first, consecutive days with the same hours grouped:
 * "周一至周五 08:00–20:00; 周六 09:00–17:00; 周日 休息", or "每天 00:00–24:00".
 */
export function weeklySummary(h: HoursSummary, t: BaseMessages): string[] {
  const week: string[] = Array.from({ length: 7 }, () => '')
  for (const d of h.week) week[weekdayIndex(d.date)] = intervalsText(d.intervals, t)
  if (week.every((d) => d === week[0]) && week[0] !== '') return [`${t.everyDay} ${week[0]}`]
  const lines: string[] = []
  let start = 0
  for (let i = 1; i <= 7; i++) {
    if (i < 7 && week[i] === week[start]) continue
    const days =
      i - 1 === start ? t.weekdays[start]! : t.dayRange(t.weekdays[start]!, t.weekdays[i - 1]!)
    lines.push(`${days} ${week[start] || t.closed}`)
    start = i
  }
  return lines
}
