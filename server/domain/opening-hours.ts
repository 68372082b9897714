import OpeningHours from 'opening_hours'
import type { nominatim_object } from 'opening_hours'
import type { HoursSummary, OpenInterval } from './station.ts'

/**
 * OpenStreetMap `opening_hours` values evaluated in China Standard Time, whatever the process
 * time zone. The opening_hours library reads a Date's *local* fields (getDay, getHours), so every
 * instant is first turned into a "wall Date" whose local fields equal the Shanghai wall clock,
 * and the library's answers are turned back the same way.
 *
 * Limits, both from that approach:
 * - In a process zone with daylight saving, a Shanghai wall time that falls in the process zone's
 *   spring-forward gap (e.g. 02:30 on New York's switch day) cannot be a local Date: answers for
 *   that hour a year are off by one hour. Run the server with TZ=UTC or Asia/Shanghai to be exact.
 * - The library's holidays for cn are fixed-date only (元旦, 劳动节, 国庆节 1–3 Oct, and the
 *   partial-day 妇女节, 青年节, 儿童节): no 春节, 清明, 端午 or 中秋, and no 调休 working days. It has
 *   no school holidays for cn, so values using SH are treated as unparseable.
 */

const SHANGHAI_TIME_ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MIN = 8 * 60
/** Hangzhou: where sunrise/sunset are computed, and which holiday table applies. */
const SUN_LAT = 30.27
const SUN_LON = 120.15

export type { OpenInterval }

const DAY_MS = 86_400_000
/** True when the value parses and evaluates (the library throws on invalid input). */
export function isValidOpeningHours(value: string): boolean {
  const at = toWallDate(new Date())
  const oh = parse(value, at)
  if (oh === null) return false
  try {
    oh.getState(at)
    return true
  } catch {
    return false
  }
}

/**
 * Open at this instant, in Shanghai time? Null when the value is null, unparseable, or says
 * the state is unknown ('Mo-Fr unknown', or a rule that only carries a comment).
 */
export function isOpenAt(value: string | null, at: Date): boolean | null {
  if (value === null) return null
  const wall = toWallDate(at)
  const oh = parse(value, wall)
  if (oh === null) return null
  try {
    if (oh.getUnknown(wall)) return null
    return oh.getState(wall)
  } catch {
    return null
  }
}

/**
 * The definite opening intervals of the Shanghai calendar day containing `date`, as 'HH:MM'
 * in Shanghai time; an interval running to midnight ends at '24:00' ('24/7' gives 00:00–24:00).
 * Empty when closed all day, when the value is null or unparseable, and for unknown intervals.
 */
export function hoursOn(value: string | null, date: Date): OpenInterval[] {
  if (value === null) return []
  const wall = toWallDate(date)
  const dayStart = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate())
  const dayEnd = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + 1)
  const oh = parse(value, dayStart)
  if (oh === null) return []
  try {
    return oh
      .getOpenIntervals(dayStart, dayEnd)
      .filter(([, , unknown]) => !unknown)
      .map(([from, to]) => ({
        from: wallClock(from),
        to: to.getTime() >= dayEnd.getTime() ? '24:00' : wallClock(to),
      }))
  } catch {
    return []
  }
}

/** The next instant after `at` when the state changes, or null (never, null, or unparseable). */
export function nextChange(value: string | null, at: Date): Date | null {
  if (value === null) return null
  const wall = toWallDate(at)
  const oh = parse(value, wall)
  if (oh === null) return null
  try {
    const change = oh.getNextChange(wall)
    return change === undefined ? null : fromWallDate(change)
  } catch {
    return null
  }
}

/**
 * The state at `at`, when it next changes, and the intervals of today and the six Shanghai days
 * after it: what a client needs to phrase the hours without the parser. Cached per value: the
 * week until the Shanghai date changes, the state until its next change (exact: nothing
 * changes between two changes), so a page of stations sharing a few values costs a few parses.
 */
export function hoursSummary(value: string | null, at: Date): HoursSummary {
  return { ...stateAt(value, at), week: weekFrom(value, at, shanghaiDate(at)) }
}

/** A page of answers shares one instant: its Shanghai date is worked out once, not per value. */
let lastDate = { t: NaN, date: '' }
function shanghaiDate(at: Date): string {
  const t = at.getTime()
  if (lastDate.t !== t) lastDate = { t, date: isoDate(toWallDate(at)) }
  return lastDate.date
}

type State = Omit<HoursSummary, 'week'>
const states = new Map<string | null, { from: number; until: number; state: State }>()
const weeks = new Map<string | null, { date: string; week: HoursSummary['week'] }>()

function stateAt(value: string | null, at: Date): State {
  const t = at.getTime()
  const hit = states.get(value)
  if (hit && hit.from <= t && t < hit.until) return hit.state
  const change = nextChange(value, at)
  const state = { openNow: isOpenAt(value, at), nextChange: change && isoInstant(change) }
  remember(states, value, { from: t, until: change?.getTime() ?? Infinity, state })
  return state
}

function weekFrom(value: string | null, at: Date, date: string): HoursSummary['week'] {
  const hit = weeks.get(value)
  if (hit?.date === date) return hit.week
  // Shanghai keeps no daylight saving, so whole days are exactly 86 400 s apart.
  const week = Array.from({ length: 7 }, (_, i) => {
    const day = new Date(at.getTime() + i * DAY_MS)
    return { date: isoDate(toWallDate(day)), intervals: hoursOn(value, day) }
  })
  remember(weeks, value, { date, week })
  return week
}

function remember<K, V>(cache: Map<K, V>, key: K, entry: V) {
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(key, entry)
}

const pad2 = (n: number) => String(n).padStart(2, '0')

/** 'YYYY-MM-DD' of a wall Date's local fields. */
function isoDate(wall: Date): string {
  return `${wall.getFullYear()}-${pad2(wall.getMonth() + 1)}-${pad2(wall.getDate())}`
}

/** '2026-03-10T17:30:00+08:00': the instant written in Shanghai wall time. */
function isoInstant(instant: Date): string {
  const w = toWallDate(instant)
  return `${isoDate(w)}T${wallClock(w)}:${pad2(w.getSeconds())}+08:00`
}

// --- parsing, cached: the Store calls isOpenAt inside its nearby filter, once per candidate.

const MAX_CACHED = 5000
const cache = new Map<string, OpeningHours | null>()

/**
 * suncalc (inside the library) works on real instants, but the library reads the sunrise it
 * returns through the process zone's local fields. Shifting the longitude by the difference
 * between the process offset and +08:00 (15° an hour) moves sunrise to where the process clock
 * reads what Shanghai's clock reads at Hangzhou; the sun's daily drift makes that < 1 min off.
 */
function parse(value: string, wall: Date): OpeningHours | null {
  const processOffsetMin = -wall.getTimezoneOffset()
  const sunLon = wrapLon(SUN_LON + (processOffsetMin - SHANGHAI_OFFSET_MIN) / 4)
  const key = `${sunLon}|${value}`
  const hit = cache.get(key)
  if (hit !== undefined) return hit
  let oh: OpeningHours | null
  try {
    // The library tests `typeof lat === 'string'`, although its typings say number.
    const location = {
      lat: String(SUN_LAT),
      lon: String(sunLon),
      address: { country_code: 'cn', state: 'Zhejiang' },
    } as unknown as nominatim_object
    oh = new OpeningHours(value, location)
  } catch {
    oh = null
  }
  if (cache.size >= MAX_CACHED) cache.clear()
  cache.set(key, oh)
  return oh
}

function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180
}

// --- Shanghai wall clock <-> Date whose local fields show it.

const shanghaiParts = new Intl.DateTimeFormat('en-US', {
  timeZone: SHANGHAI_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
})

type WallFields = {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function shanghaiFields(instant: Date): WallFields {
  const f: WallFields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of shanghaiParts.formatToParts(instant)) {
    if (part.type in f) f[part.type as keyof WallFields] = Number(part.value)
  }
  return f
}

/** A Date whose local (process-zone) fields equal the Shanghai wall clock at `instant`. */
export function toWallDate(instant: Date): Date {
  const f = shanghaiFields(instant)
  const ms = ((instant.getTime() % 1000) + 1000) % 1000
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, ms)
}

/** Inverse of toWallDate: the instant when Shanghai's wall clock shows `wall`'s local fields. */
export function fromWallDate(wall: Date): Date {
  const wallAsUtcMs = Date.UTC(
    wall.getFullYear(),
    wall.getMonth(),
    wall.getDate(),
    wall.getHours(),
    wall.getMinutes(),
    wall.getSeconds(),
    wall.getMilliseconds(),
  )
  // +08:00 since 1991; measure the real offset anyway (China had summer time 1986–1991).
  const guess = new Date(wallAsUtcMs - SHANGHAI_OFFSET_MIN * 60_000)
  const g = shanghaiFields(guess)
  const offsetMs =
    Date.UTC(g.year, g.month - 1, g.day, g.hour, g.minute, g.second) -
    Math.floor(guess.getTime() / 1000) * 1000
  return new Date(wallAsUtcMs - offsetMs)
}

function wallClock(d: Date): string {
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`
}
