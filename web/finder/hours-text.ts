import { hoursOn, isOpenAt, nextChange, toWallDate } from '../../server/domain/opening-hours.ts'
import type { OpenInterval } from '../../server/domain/opening-hours.ts'
import type { Messages } from '../i18n/messages.ts'

export { isOpenAt }

const DAY_MS = 86_400_000

/** Intervals for Monday..Sunday of the Shanghai week containing `at`. */
export function weekHours(value: string | null, at: Date): OpenInterval[][] {
  const wall = toWallDate(at)
  const mondayOffset = (wall.getDay() + 6) % 7
  // Shanghai keeps no daylight saving, so whole days are exactly 86 400 s apart.
  const monday = new Date(at.getTime() - mondayOffset * DAY_MS)
  return Array.from({ length: 7 }, (_, i) =>
    hoursOn(value, new Date(monday.getTime() + i * DAY_MS)),
  )
}

/** "08:00–12:00, 13:30–17:30"; a whole day reads as "24 小时" / "24 hours". */
export function intervalsText(intervals: OpenInterval[], t: Messages): string {
  if (intervals.length === 1 && intervals[0]!.from === '00:00' && intervals[0]!.to === '24:00')
    return t.allDay
  return intervals.map((iv) => `${iv.from}–${iv.to}`).join(', ')
}

/**
 * A week's hours in words, consecutive days with the same hours grouped:
 * "周一至周五 08:00–20:00; 周六 09:00–17:00; 周日 休息", or "每天 00:00–24:00".
 */
export function weeklySummary(value: string | null, at: Date, t: Messages): string[] {
  const week = weekHours(value, at).map((d) => intervalsText(d, t))
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

export interface TodayStatus {
  /** null when the hours are unknown or unparseable */
  open: boolean | null
  today: OpenInterval[]
  /** 'HH:MM' Shanghai time of the next change today or later, or null */
  changeAt: string | null
}

export function todayStatus(value: string | null, at: Date): TodayStatus {
  const change = nextChange(value, at)
  const wall = change ? toWallDate(change) : null
  return {
    open: isOpenAt(value, at),
    today: hoursOn(value, at),
    changeAt: wall
      ? `${String(wall.getHours()).padStart(2, '0')}:${String(wall.getMinutes()).padStart(2, '0')}`
      : null,
  }
}
