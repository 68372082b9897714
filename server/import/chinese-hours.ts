/**
 * Opening hours as Chinese registers write them (开放时间, 服务时间, 托管时间) read into
 * OpenStreetMap `opening_hours`. The reading is strict: the text is cut into known words and
 * numbers, every one of them must be used by the grammar, and anything unknown, ambiguous or
 * contradictory refuses the whole text with a reason, so the caller keeps it as text.
 *
 * Conventions the output relies on (checked against the `opening_hours` library):
 * - later rules override earlier ones for the days they name, so exceptions come last and
 *   `PH` rules after every weekday rule;
 * - an interval past midnight is written `20:00-08:00` and runs into the next day;
 * - 节假日 is read as public holidays (`PH`), as 节假日除外 on a sign means.
 */

import {
  DAY_BITS,
  fail,
  isWeekday,
  normalise,
  PH,
  Refusal,
  tokenise,
  type Period,
  type Tok,
} from './chinese-hours-tokens.ts'
import {
  ALL_MONTHS,
  clock,
  compose,
  MONTH_DAYS,
  pad2,
  type Interval,
  type Rule,
} from './chinese-hours-rules.ts'

export type HoursReading = { ok: true; value: string } | { ok: false; reason: string }

/** Phrases that say the hours are not fixed: kept as text, with this reason. */
const UNCERTAIN: [RegExp, string][] = [
  [/以实际|为准|视情况|根据情况|具体|另行|通知|详见|公告|咨询|电话/, 'defers to another source'],
  [/不定期|不定时|临时|待定|调整|暂停|暂定|试运行/, 'says the hours are not fixed'],
  [/预约/, 'by appointment'],
  [/左右|大约|约|前后|之前|以前|之后|以后/, 'gives approximate times'],
]

const refuse = (reason: string): HoursReading => ({ ok: false, reason })

interface Time {
  h: number
  m: number
  period: Period | null
  next: boolean
  /** Written as a time (a colon, 点/时, a period of day), not just a number. */
  marked: boolean
}

class Reader {
  private i = 0
  private readonly rules: Rule[] = []
  private months = ALL_MONTHS
  private seasonWithoutMonths = false
  /** Months were just read, and no group has used them yet. */
  private monthsFresh = false
  /** 节假日照常: holidays keep the weekly hours, so no other hours may be given for them. */
  private holidaysAsUsual = false
  /** A season's sentence ended: the next hours must say their months (closures are all year). */
  private monthsUnsaid = false
  // The group being read: its days (null: not said), and what it says about them.
  private days: number | null = null
  private intervals: Interval[] = []
  private allDay = false
  private off = false
  private lunchNoted = false

  constructor(private readonly toks: Tok[]) {}

  read(): Rule[] {
    while (this.i < this.toks.length) this.step()
    this.flush()
    if (this.holidaysAsUsual && this.rules.some((r) => r.days & PH)) {
      fail('holidays (节假日) both as usual and with their own hours')
    }
    return this.rules
  }

  private peek(k = 0): Tok | undefined {
    return this.toks[this.i + k]
  }

  private get hasContent() {
    return this.intervals.length > 0 || this.allDay || this.off
  }

  private step() {
    const tok = this.peek()!
    switch (tok.t) {
      case 'space':
      case 'comma':
      case 'open':
      case 'close':
      case 'join':
        this.i++
        return
      case 'strong':
        this.i++
        // Past the end of a season's sentence, hours must name their months again.
        if (this.months === ALL_MONTHS) return
        if (this.hasContent) this.flush()
        this.monthsUnsaid = true
        return
      case 'num':
        if (this.atMonths()) return this.readMonths()
        return this.readInterval()
      case 'period':
        return this.readInterval()
      case 'next':
        return fail('次日 (next day) before the opening time')
      case 'day':
        return this.readDays()
      case 'allday':
      case 'always':
        this.i++
        if (this.intervals.length > 0 || this.off) fail('全天/24小时 beside other times')
        if (tok.t === 'always') this.days ??= DAY_BITS
        this.allDay = true
        return
      case 'off':
        this.i++
        if (this.days === null || this.hasContent)
          fail('a closing word (休息, 除外) without its days')
        this.off = true
        return this.flush()
      case 'usual':
        this.i++
        if (this.days === PH && !this.hasContent) {
          this.holidaysAsUsual = true
          return this.reset()
        }
        if (this.days === DAY_BITS || (this.days === null && this.hasContent)) return
        return fail('照常/正常 (as usual) for days other than holidays')
      case 'lunch':
        this.i++
        if (this.startsTime()) return this.readInterval(true)
        this.lunchNoted = true
        return
      case 'season':
        this.i++
        if (this.hasContent) this.flush()
        // The season's months must come with it: 夏季（6-9月）.
        this.seasonWithoutMonths = !this.monthsFresh || this.days !== null
        return
      case 'except':
        return this.readException()
      default:
        return fail(`${describe(tok)} out of place`)
    }
  }

  private reset() {
    this.days = null
    this.intervals = []
    this.allDay = false
    this.off = false
    this.lunchNoted = false
  }

  /** Ends the group being read: a rule, or nothing when it said nothing. */
  private flush() {
    if (!this.hasContent) {
      if (this.days !== null) fail('days without times')
      if (this.lunchNoted) fail('a lunch break without times')
      if (this.seasonWithoutMonths) fail('a season (夏季/冬季) without its months and hours')
      return
    }
    if (this.seasonWithoutMonths)
      fail('seasonal hours (夏季/冬季) without the months they apply to')
    if (this.lunchNoted && this.intervals.length < 2) {
      fail('a lunch break (午休) without its times, inside one opening interval')
    }
    if (this.monthsUnsaid && !this.off) {
      fail('hours after seasonal hours, not saying which months they belong to')
    }
    const intervals = this.off ? null : this.allDay ? [{ from: 0, to: 1440 }] : this.intervals
    this.rules.push({
      months: this.monthsUnsaid ? ALL_MONTHS : this.months,
      days: this.days ?? DAY_BITS,
      intervals,
      exception: false,
    })
    this.monthsFresh = false
    this.reset()
  }

  private skipBlanks() {
    while (this.peek()?.t === 'space' || this.peek()?.t === 'comma') this.i++
  }

  /**
   * Days listed together: 周六、周日, 周末及节假日, and single days side by side (周六周日). Ranges
   * and groups join a list only through a list word, so 周一至周五周六日休息 and
   * 周一至周五节假日除外 stay two phrases.
   */
  private readDayList(): number {
    let single = isWeekday(this.peek()) && this.peek(1)?.t !== 'dash'
    let mask = this.readDayRange()
    for (;;) {
      const k = this.lookPast(['space', 'join'])
      const next = this.peek(k)
      if (next?.t !== 'day') return mask
      const listed = this.toks.slice(this.i, this.i + k).some((tok) => tok.t === 'join')
      const nextSingle = isWeekday(next) && this.peek(k + 1)?.t !== 'dash'
      if (!listed && !(single && nextSingle)) return mask
      this.i += k
      mask |= this.readDayRange()
      single = nextSingle
    }
  }

  private readDays() {
    const mask = this.readDayList()
    const k = this.lookPast(['space'])
    const next = this.peek(k)?.t
    if (this.hasContent && this.days === null && next !== 'off' && next !== 'usual') {
      // Days after the times they qualify: 8:30-17:30（周一至周五）. Between two sets of times
      // with nothing to say which they belong to, they are not read.
      const after = this.peek(this.lookPast(['space', 'comma']))?.t
      if (next === 'comma' && (after === 'num' || after === 'period')) {
        fail('days between two sets of times, belonging to either')
      }
      if (next !== 'num' && next !== 'period') {
        this.days = mask
        return this.flush()
      }
    }
    if (this.hasContent) this.flush()
    else if (this.days !== null) {
      // 周一至周五（节假日除外）8:30-17:30: an exception inside the group being read.
      if (next !== 'off') fail('days without times')
      this.i += k + 1
      this.rules.push({ months: ALL_MONTHS, days: mask, intervals: null, exception: true })
      return
    }
    this.days = mask
  }

  /** The offset of the first token, `k` or more ahead, that is not of these kinds. */
  private lookPast(kinds: Tok['t'][], k = 0): number {
    while (kinds.includes(this.peek(k)?.t as Tok['t'])) k++
    return k
  }

  private readDayRange(): number {
    const from = this.peek() as { t: 'day'; mask: number }
    this.i++
    if (this.peek()?.t !== 'dash') return from.mask
    this.i++
    const to = this.peek()
    if (to?.t !== 'day') return fail('a day range without its last day')
    this.i++
    const a = Math.log2(from.mask)
    const b = Math.log2(to.mask)
    if (!Number.isInteger(a) || !Number.isInteger(b) || a > 6 || b > 6) {
      fail('a range between day groups (工作日, 周末, 节假日)')
    }
    let mask = 0
    for (let d = a; ; d = (d + 1) % 7) {
      mask |= 1 << d
      if (d === b) break
    }
    return mask
  }

  private readException() {
    this.i++
    this.skipBlanks()
    if (this.peek()?.t !== 'day') fail('除 (except) without the days it excepts')
    const mask = this.readDayList()
    if (this.peek()?.t === 'outside') this.i++
    this.rules.push({ months: ALL_MONTHS, days: mask, intervals: null, exception: true })
  }

  private atMonths(): boolean {
    const a = this.peek(1)?.t
    return (
      a === 'month' || (a === 'dash' && this.peek(2)?.t === 'num' && this.peek(3)?.t === 'month')
    )
  }

  /** 6-9月, 6月至9月, 6月1日-9月30日: whole months only. */
  private readMonths() {
    const from = this.readMonthDay(true)
    if (this.peek()?.t !== 'dash') return fail('a single month or date; only month ranges are read')
    this.i++
    const to = this.readMonthDay(false)
    const fromMonth = from.month ?? fail('a month range without its first month')
    const toMonth = to.month ?? fail('a month range without its last month')
    if (from.day !== null && from.day !== 1) fail('a season starting inside a month')
    if (to.day !== null && to.day < MONTH_DAYS[toMonth]! - (toMonth === 1 ? 1 : 0)) {
      fail('a season ending inside a month')
    }
    if (this.hasContent) this.flush()
    if (this.days !== null) fail('days without times')
    let mask = 0
    for (let m = fromMonth; ; m = (m + 1) % 12) {
      mask |= 1 << m
      if (m === toMonth) break
    }
    this.months = mask
    this.monthsFresh = true
    this.monthsUnsaid = false
    this.seasonWithoutMonths = false
  }

  private readMonthDay(first: boolean): { month: number | null; day: number | null } {
    const n = this.readNum()
    if (first && this.peek()?.t === 'dash') return { month: monthIndex(n), day: null }
    if (this.peek()?.t !== 'month') return fail('a date without its month')
    this.i++
    const month = monthIndex(n)
    if (this.peek()?.t !== 'num' || this.peek(1)?.t !== 'mday') return { month, day: null }
    const day = this.readNum()
    this.i++
    if (day < 1 || day > MONTH_DAYS[month]!) fail(`no such date: ${n}月${day}日`)
    return { month, day }
  }

  private readNum(): number {
    const tok = this.peek()
    if (tok?.t !== 'num') return fail('a number expected')
    this.i++
    return tok.v
  }

  private startsTime(k = 0): boolean {
    const t = this.peek(k)?.t
    return t === 'num' || t === 'period'
  }

  private readInterval(isBreak = false) {
    if (this.off) fail('times after a closing word')
    if (this.allDay) fail('全天/24小时 beside other times')
    const start = this.readTime()
    let end: Time
    if (this.peek()?.t === 'dash') {
      this.i++
      end = this.readTime()
    } else if (start.period === 'am' && this.peek()?.t === 'period') {
      end = this.readTime() // 早8晚6
    } else {
      return fail(`a time (${start.h}:${pad2(start.m)}) without the other end of its interval`)
    }
    const interval = toInterval(start, end)
    // A break written after its times: 12:00-13:30休息, 12:00-13:30午休 (but not 午休13:00-…).
    const k = this.lookPast(['space'])
    const after = this.peek(k)?.t
    const lunchAfter =
      after === 'lunch' && !this.startsTime(this.lookPast(['space', 'comma'], k + 1))
    if (!isBreak && (after === 'off' || lunchAfter)) this.i += k + 1
    if (isBreak || after === 'off' || lunchAfter) return this.cutBreak(interval)
    // 8:00-11:30，2:00-5:30 is a 12-hour clock without 上午/下午, not an early morning.
    const previous = this.intervals.at(-1)
    if (previous && (interval.from < previous.from || interval.from < previous.to)) {
      fail('times out of order or overlapping (a 12-hour time without 上午/下午?)')
    }
    this.intervals.push(interval)
  }

  /** A lunch break inside one interval: 8:00-17:30（午休12:00-13:30）. */
  private cutBreak(brk: Interval) {
    const at = this.intervals.findIndex((iv) => iv.from < brk.from && brk.to < iv.to)
    if (at < 0) fail('a break that is not inside an opening interval')
    const iv = this.intervals[at]!
    this.intervals.splice(at, 1, { from: iv.from, to: brk.from }, { from: brk.to, to: iv.to })
  }

  private readTime(): Time {
    let period: Period | null = null
    let next = false
    for (let tok = this.peek(); tok?.t === 'period' || tok?.t === 'next'; tok = this.peek()) {
      if (tok.t === 'period') {
        if (period !== null) fail('two periods of day (上午/下午) on one time')
        period = tok.p
      } else next = true
      this.i++
    }
    const hTok = this.peek()
    if (hTok?.t !== 'num') return fail('a period of day (上午/下午) without a time')
    this.i++
    if (hTok.len > 2 || Number.isNaN(hTok.v)) fail('a number that is not an hour')
    let m = 0
    let marked = period !== null || next
    const sep = this.peek()?.t
    if (sep === 'colon') {
      this.i++
      const mTok = this.peek()
      if (mTok?.t !== 'num' || mTok.len !== 2) return fail('minutes must have two digits')
      this.i++
      m = mTok.v
      marked = true
      if (this.peek()?.t === 'colon') fail('seconds in a time')
    } else if (sep === 'hour') {
      this.i++
      marked = true
      if (this.peek()?.t === 'half') {
        this.i++
        m = 30
      } else if (this.peek()?.t === 'num') {
        const mTok = this.peek() as { v: number; len: number }
        this.i++
        m = mTok.v
        if (Number.isNaN(m)) fail('a number that is not a minute')
        if (this.peek()?.t === 'min') this.i++
      }
    }
    const k = this.lookPast(['space'])
    const suffix = this.peek(k)
    if (suffix?.t === 'ampm') {
      if (period !== null) fail('two periods of day on one time')
      if (hTok.v === 12) fail('12am/12pm: noon or midnight')
      period = suffix.p // 8:00am, 5:30 pm
      this.i += k + 1
    }
    if (m > 59) fail(`${hTok.v}:${m}: minutes past 59`)
    if (hTok.v > 24 || (hTok.v === 24 && m > 0)) fail(`${hTok.v}:${pad2(m)}: a time past 24:00`)
    return { h: hTok.v, m, period, next, marked }
  }
}

function monthIndex(n: number): number {
  if (n < 1 || n > 12) fail(`no month ${n}`)
  return n - 1
}

const SPELLING: Partial<Record<Tok['t'], string>> = {
  colon: ':',
  dash: '至/-',
  hour: '点/时',
  min: '分',
  half: '半',
  month: '月',
  mday: '日/号',
  outside: '外',
  ampm: 'am/pm',
}

function describe(tok: Tok): string {
  return tok.t === 'num' ? `the number ${tok.v}` : `"${SPELLING[tok.t] ?? tok.t}"`
}

/** Minutes after midnight of a time read under its period of day. */
function minutesOf(t: Time, period: Period | null): number {
  let h = t.h
  switch (period) {
    case null:
      break
    case 'am':
      if (h > 12) fail(`上午/早 with ${h}:${pad2(t.m)}`)
      break
    case 'early':
      if (h > 6 && h !== 12) fail(`凌晨 with ${h}:${pad2(t.m)}`)
      if (h === 12) h = 0
      break
    case 'noon':
      if (h >= 1 && h <= 2) h += 12
      else if (h < 11 || h > 14) fail(`中午 with ${h}:${pad2(t.m)}`)
      break
    case 'pm':
      if (h < 12) h += 12
      break
    case 'evening':
      if (h === 12) h = 24
      else if (h < 12) h += 12
      if (h < 17) fail(`晚上 with ${t.h}:${pad2(t.m)}`)
      break
  }
  if (h > 24 || (h === 24 && t.m > 0)) fail(`${t.h}:${pad2(t.m)} read as past 24:00`)
  return h * 60 + t.m
}

const EVENING: (Period | null)[] = ['pm', 'evening']
const MORNING: (Period | null)[] = ['am', 'early']

function toInterval(start: Time, end: Time): Interval {
  if (!start.marked && !end.marked) fail(`"${start.h}-${end.h}": numbers without 点 or a colon`)
  if (start.next) fail('次日 (next day) on the opening time')
  const from = minutesOf(start, start.period)
  if (from >= 1440) fail('an interval starting at 24:00')
  // The end shares the start's period (下午2:00-5:30) unless it has its own or is the next day.
  const endPeriod = end.period ?? (end.next ? null : start.period)
  let to = minutesOf(end, endPeriod)
  const label = `${clock(from)}-${end.next ? '次日' : ''}${clock(to)}`
  if (end.next) {
    if (to >= from) fail(`${label} is longer than a day`)
    return { from, to: to + 1440 }
  }
  if (to === 0) to = 1440 // 10:00-0:00 closes at midnight
  if (to > from) return { from, to }
  // Past midnight only when the text says so: 20:00-8:00 (a 24-hour clock), 晚8点-早8点.
  const overnight =
    (start.period === null && end.period === null && start.h > 12) ||
    (EVENING.includes(start.period ?? (start.h > 12 ? 'pm' : null)) && MORNING.includes(end.period))
  if (!overnight) fail(`${label} runs backwards (a 12-hour time without 上午/下午?)`)
  if (to === from) fail(`${label} is a whole day from ${clock(from)}`)
  return { from, to: to + 1440 }
}

/** Reads hours as Chinese registers write them; refuses (never guesses) what it cannot read with certainty. */
export function chineseHoursToOsm(text: string): HoursReading {
  const s = normalise(text)
  if (s === '') return refuse('empty')
  for (const [pattern, why] of UNCERTAIN) {
    const hit = pattern.exec(s)
    if (hit) return refuse(`"${hit[0]}": ${why}`)
  }
  if (!/[0-9]|全天|全日|[〇一二两三四五六七八九十][点时]/.test(s))
    return refuse('no times in the text')
  try {
    return { ok: true, value: compose(new Reader(tokenise(s)).read()) }
  } catch (e) {
    if (e instanceof Refusal) return refuse(e.message)
    throw e
  }
}
