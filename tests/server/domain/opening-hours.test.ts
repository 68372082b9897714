import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  fromWallDate,
  hoursOn,
  isOpenAt,
  isValidOpeningHours,
  nextChange,
  toWallDate,
} from '../../../server/domain/opening-hours.ts'
import { evaluateFixtures, FIXTURES, SUN_FIXTURES } from './opening-hours-fixtures.ts'

const FIXTURES_SCRIPT = fileURLToPath(new URL('./opening-hours-fixtures.ts', import.meta.url))
const label = (f: (typeof FIXTURES)[number]) => `${JSON.stringify(f.value)} at ${f.at}`

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))

describe('opening hours in Shanghai time, in this process', () => {
  it.each(FIXTURES.map((f) => [label(f), f] as const))('isOpenAt %s', (_, f) => {
    expect(isOpenAt(f.value, new Date(f.at))).toBe(f.open)
  })

  it.each(FIXTURES.map((f) => [label(f), f] as const))('nextChange %s', (_, f) => {
    expect(nextChange(f.value, new Date(f.at))?.toISOString() ?? null).toBe(f.next)
  })

  it.each(FIXTURES.map((f) => [label(f), f] as const))(
    'hoursOn %s (the Shanghai day, not the UTC day)',
    (_, f) => {
      expect(hoursOn(f.value, new Date(f.at))).toEqual(f.hours)
    },
  )

  it('computes sunrise and sunset for Hangzhou in Shanghai time, not in the process zone', () => {
    for (const s of SUN_FIXTURES) {
      const [interval] = hoursOn('sunrise-sunset', new Date(s.at))
      expect(interval).toBeDefined()
      expect(Math.abs(minutes(interval!.from) - minutes(s.sunrise))).toBeLessThanOrEqual(2)
      expect(Math.abs(minutes(interval!.to) - minutes(s.sunset))).toBeLessThanOrEqual(2)
    }
  })

  it('accepts valid values and rejects invalid ones, including SH (no school holidays for cn)', () => {
    expect(isValidOpeningHours('24/7')).toBe(true)
    expect(isValidOpeningHours('Mo-Fr 08:00-18:00; PH off')).toBe(true)
    expect(isValidOpeningHours('sunrise-sunset')).toBe(true)
    expect(isValidOpeningHours('foo')).toBe(false)
    expect(isValidOpeningHours('')).toBe(false)
    expect(isValidOpeningHours('Mo-Fr 25:00-26:00')).toBe(false)
    expect(isValidOpeningHours('SH off; 08:00-12:00')).toBe(false)
  })

  it('gives the same answer for a value on repeated calls (the parse cache does not leak state)', () => {
    const at = new Date('2026-07-07T02:00:00Z')
    const first = [
      isOpenAt('Mo-Fr 08:00-18:00', at),
      nextChange('Mo-Fr 08:00-18:00', at)?.getTime(),
    ]
    for (let i = 0; i < 3; i++) {
      expect([
        isOpenAt('Mo-Fr 08:00-18:00', at),
        nextChange('Mo-Fr 08:00-18:00', at)?.getTime(),
      ]).toEqual(first)
    }
  })
})

describe('Shanghai wall-clock dates', () => {
  it('shows the Shanghai wall time in local fields and converts back to the same instant', () => {
    const instant = new Date('2026-07-06T23:30:15.250Z')
    const wall = toWallDate(instant)
    expect([wall.getFullYear(), wall.getMonth(), wall.getDate(), wall.getDay()]).toEqual([
      2026, 6, 7, 2,
    ])
    expect([wall.getHours(), wall.getMinutes(), wall.getSeconds(), wall.getMilliseconds()]).toEqual(
      [7, 30, 15, 250],
    )
    expect(fromWallDate(wall).toISOString()).toBe(instant.toISOString())
  })

  it('round-trips every half hour of a year (no off-by-one-day or offset slip)', () => {
    const start = Date.UTC(2026, 0, 1)
    for (let t = start; t < start + 365 * 86_400_000; t += 1_800_000) {
      // Skip wall times that do not exist in this process's zone (a daylight-saving gap).
      const wall = toWallDate(new Date(t))
      const shanghaiHour = new Date(t + 8 * 3_600_000).getUTCHours()
      if (wall.getHours() !== shanghaiHour) continue
      expect(fromWallDate(wall).getTime()).toBe(t)
    }
  })
})

describe('opening hours do not depend on the process time zone', () => {
  // Each zone is a way to get it wrong: UTC and New York (with daylight saving) are the usual
  // server settings, Kolkata has a half-hour offset, Kiritimati is +14 (a different date).
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Asia/Shanghai']
  const inProcess = evaluateFixtures()

  it.each(zones)('gives the hand-checked answers with TZ=%s', (tz) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', FIXTURES_SCRIPT], {
      env: { ...process.env, TZ: tz },
      encoding: 'utf8',
    })
    expect(child.status, child.stderr).toBe(0)
    const got = JSON.parse(child.stdout) as ReturnType<typeof evaluateFixtures>
    const want = FIXTURES.map((f) => ({
      value: f.value,
      at: f.at,
      open: f.open,
      next: f.next,
      hours: f.hours,
    }))
    expect(got.fixtures).toEqual(want)
    // Sunrise may move by well under a minute between zones; the rest must be identical.
    for (const [i, s] of SUN_FIXTURES.entries()) {
      const interval = got.sun[i]?.[0]
      expect(interval).toBeDefined()
      expect(Math.abs(minutes(interval!.from) - minutes(s.sunrise))).toBeLessThanOrEqual(2)
      expect(Math.abs(minutes(interval!.to) - minutes(s.sunset))).toBeLessThanOrEqual(2)
    }
    expect(got.valid).toEqual(inProcess.valid)
  })
})
