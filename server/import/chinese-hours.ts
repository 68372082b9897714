/**
 * Chinese hours phrases to OpenStreetMap `opening_hours`. This minimal reading (all day, or one
 * daily span) lets the register reader be built and tested; the full converter replaces it.
 */
export type HoursReading = { ok: true; value: string } | { ok: false; reason: string }

const ALL_DAY = /^(24小时|全天)$/
const DAILY_SPAN = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/

export function chineseHoursToOsm(text: string): HoursReading {
  const t = text.trim()
  if (ALL_DAY.test(t)) return { ok: true, value: '24/7' }
  const m = DAILY_SPAN.exec(t)
  if (m) {
    const [from, to] = [
      [m[1], m[2]],
      [m[3], m[4]],
    ].map(([h, min]) => `${h!.padStart(2, '0')}:${min}`)
    if (from! < to! && to! <= '24:00') return { ok: true, value: `${from}-${to}` }
  }
  return { ok: false, reason: 'not a phrasing this reader knows' }
}
