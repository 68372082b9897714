import { isValidOpeningHours } from '../domain/opening-hours.ts'
import { chineseHoursToOsm, type HoursReading } from './chinese-hours.ts'

const ASCII = /^[\x20-\x7e]*$/

/**
 * Reads hours cells: text already in `opening_hours` syntax that parses is kept as written,
 * Chinese phrasings go through chineseHoursToOsm, and whatever is not certain is refused with
 * its reason. A register repeats a handful of phrasings, so each distinct text is read once.
 */
export function createHoursReader(): (text: string) => HoursReading {
  const memo = new Map<string, HoursReading>()
  return (text) => {
    const t = text.trim()
    let reading = memo.get(t)
    if (reading === undefined) {
      reading =
        ASCII.test(t) && isValidOpeningHours(t) ? { ok: true, value: t } : chineseHoursToOsm(t)
      if (reading.ok && !isValidOpeningHours(reading.value)) {
        reading = { ok: false, reason: `"${reading.value}" is not valid opening_hours` }
      }
      memo.set(t, reading)
    }
    return reading
  }
}
