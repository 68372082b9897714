/**
 * The hours helper's model: weekdays and one daily interval, written as OpenStreetMap
 * `opening_hours` ("Mo-Fr 08:00-18:00"), and read back from strings of that simple form.
 */

export const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const

export interface WeeklyHours {
  /** Monday first. */
  days: readonly boolean[]
  /** 'HH:MM', 24 h; `to` may be '24:00', or earlier than `from` for a night past midnight. */
  from: string
  to: string
}

/** The days as OSM writes them: runs of three or more as ranges (Mo-Fr), others listed. */
function daySelector(days: readonly boolean[]): string {
  const parts: string[] = []
  for (let i = 0; i < 7; i++) {
    if (!days[i]) continue
    let j = i
    while (j + 1 < 7 && days[j + 1]) j++
    if (j - i >= 2) parts.push(`${OSM_DAYS[i]}-${OSM_DAYS[j]}`)
    else for (let k = i; k <= j; k++) parts.push(OSM_DAYS[k]!)
    i = j
  }
  return parts.join(',')
}

/** The `opening_hours` string; null when no day is chosen. Every day round the clock: 24/7. */
export function weeklyHoursString(h: WeeklyHours): string | null {
  if (!h.days.some(Boolean)) return null
  if (h.days.every(Boolean) && h.from === '00:00' && h.to === '24:00') return '24/7'
  const selector = h.days.every(Boolean) ? 'Mo-Su' : daySelector(h.days)
  return `${selector} ${h.from}-${h.to}`
}

const TIME = '([01]\\d|2[0-4]):([0-5]\\d)'
const SIMPLE = new RegExp(
  `^((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su))*) (${TIME})-(${TIME})$`,
)

/** The helper's fields for a string it could have written; null for anything else. */
export function parseWeeklyHours(value: string): WeeklyHours | null {
  const v = value.trim()
  if (v === '24/7') return { days: Array(7).fill(true), from: '00:00', to: '24:00' }
  const m = SIMPLE.exec(v)
  if (m === null) return null
  const days = Array<boolean>(7).fill(false)
  for (const part of m[1]!.split(',')) {
    const [a, b = a] = part.split('-').map((d) => OSM_DAYS.indexOf(d as (typeof OSM_DAYS)[number]))
    if (a! > b!) return null
    for (let k = a!; k <= b!; k++) days[k] = true
  }
  return { days, from: m[2]!, to: m[5]! }
}
