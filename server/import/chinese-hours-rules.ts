/**
 * The rules read from a Chinese opening-hours text, checked against each other and written as
 * one OpenStreetMap `opening_hours` value (server/import/chinese-hours.ts reads them).
 */
import { DAY_BITS, fail, PH } from './chinese-hours-tokens.ts'

export const ALL_MONTHS = 0xfff
/** Days in each month, February as in a leap year: a season may end on 2月28日 or 2月29日. */
export const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const DAY_NAMES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su']
const MONTH_NAMES = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ')

export interface Interval {
  from: number
  /** Minutes after the day's midnight; past 1440 when the interval runs into the next day. */
  to: number
}

export interface Rule {
  months: number
  days: number
  /** null: closed on these days. */
  intervals: Interval[] | null
  /** Written as an exception (除…外, （节假日除外）): overrides the other rules, wherever written. */
  exception: boolean
}

export const pad2 = (n: number) => String(n).padStart(2, '0')
export const clock = (min: number) => `${pad2(Math.floor(min / 60))}:${pad2(min % 60)}`

/**
 * The rules as one value: weekday rules in the text's order (a closure after the hours it
 * overrides), exceptions (除…外) after them, holidays last; contradictions are refused.
 */
export function compose(rules: Rule[]): string {
  const weekly: Rule[] = []
  const closed: Rule[] = []
  const exceptions: Rule[] = []
  let holiday: Interval[] | null | undefined // undefined: 节假日 not mentioned
  for (const rule of rules) {
    if (rule.days & PH) {
      if (rule.months !== ALL_MONTHS) fail('holiday hours (节假日) for some months only')
      if (holiday !== undefined && !sameIntervals(holiday, rule.intervals)) {
        fail('holidays (节假日) given two different hours')
      }
      holiday = rule.intervals
    }
    const days = rule.days & DAY_BITS
    if (days === 0) continue
    const part = { ...rule, days }
    if (rule.exception) exceptions.push(part)
    else if (part.intervals === null) {
      closed.push(part)
      if (weekly.some((r) => overlaps(r, part))) weekly.push(closing(weekly, part))
    } else if (closed.some((r) => overlaps(r, part))) {
      fail('hours given for days already said to be closed')
    } else addOpen(weekly, part)
  }
  for (const ex of exceptions) {
    if (weekly.some((r) => r.intervals !== null && overlaps(r, ex)))
      weekly.push(closing(weekly, ex))
  }
  if (!weekly.some((r) => r.intervals !== null) && !holiday) fail('no opening times')
  const parts = weekly.map(formatRule)
  if (holiday !== undefined) parts.push(holiday === null ? 'PH off' : `PH ${intervals(holiday)}`)
  return parts.join('; ')
}

/**
 * A closure that overrides part of the hours given (每天…，周一休息); one that would cancel every
 * day of a rule (周一 9:00-12:00，周一休息) contradicts it.
 */
function closing(weekly: Rule[], off: Rule): Rule {
  for (const r of weekly) {
    const cancelled = (r.days & ~off.days) === 0 && (r.months & ~off.months) === 0
    if (r.intervals !== null && cancelled) {
      fail(`${formatDays(r.days)} given hours and said to be closed`)
    }
  }
  return off
}

/** Adds an open rule; the same days twice (上午, 下午 written apart) join into one rule. */
function addOpen(weekly: Rule[], rule: Rule) {
  for (const r of weekly) {
    if (!overlaps(r, rule) || r.intervals === null) continue
    if (r.days !== rule.days || r.months !== rule.months) {
      fail(`${formatDays(r.days)} and ${formatDays(rule.days)} overlap with different hours`)
    }
    for (const iv of rule.intervals!) {
      if (r.intervals.some((o) => iv.from < o.to && o.from < iv.to)) {
        fail(`${formatDays(r.days)} given overlapping hours`)
      }
    }
    r.intervals = [...r.intervals, ...rule.intervals!].sort((a, b) => a.from - b.from)
    return
  }
  weekly.push(rule)
}

const overlaps = (a: Rule, b: Rule) => (a.days & b.days) !== 0 && (a.months & b.months) !== 0

function sameIntervals(a: Interval[] | null, b: Interval[] | null): boolean {
  return a === b || (a !== null && b !== null && intervals(a) === intervals(b))
}

function formatRule(rule: Rule): string {
  const times = rule.intervals === null ? 'off' : intervals(rule.intervals)
  if (times === '00:00-24:00' && rule.days === DAY_BITS && rule.months === ALL_MONTHS) return '24/7'
  const selectors = [
    rule.months === ALL_MONTHS ? '' : formatMonths(rule.months),
    rule.days === DAY_BITS ? '' : formatDays(rule.days),
    times,
  ]
  return selectors.filter(Boolean).join(' ')
}

function intervals(list: Interval[]): string {
  return list
    .map((iv) => `${clock(iv.from)}-${clock(iv.to > 1440 ? iv.to - 1440 : iv.to)}`)
    .join(',')
}

/** Runs of consecutive bits, written a-b (or a alone), joined by commas: Mo-Fr, Sa,Su. */
function formatRuns(mask: number, names: string[]): string {
  const runs: string[] = []
  for (let a = 0; a < names.length; a++) {
    if (!(mask & (1 << a))) continue
    let b = a
    while (b + 1 < names.length && mask & (1 << (b + 1))) b++
    runs.push(b - a >= 2 ? `${names[a]}-${names[b]}` : names.slice(a, b + 1).join(','))
    a = b
  }
  return runs.join(',')
}

function formatDays(mask: number): string {
  return formatRuns(mask, DAY_NAMES)
}

/** Months, a season across the new year as one wrapping range (Oct-May). */
function formatMonths(mask: number): string {
  const wraps = mask & 1 && mask & (1 << 11) && mask !== ALL_MONTHS
  if (wraps) {
    let a = 11
    while (mask & (1 << (a - 1))) a--
    let b = 0
    while (mask & (1 << (b + 1))) b++
    const inside = mask & ~(((1 << (b + 1)) - 1) | (ALL_MONTHS & ~((1 << a) - 1)))
    if (inside === 0) return `${MONTH_NAMES[a]}-${MONTH_NAMES[b]}`
  }
  return formatRuns(mask, MONTH_NAMES)
}
