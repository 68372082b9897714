import { describe, expect, test } from 'vitest'
import { AMENITIES, STATION_KINDS } from '../../server/domain/vocabularies.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { calendarCandidates } from '../fixtures/calendar-days.ts'
import {
  DEFAULT_STATE,
  parseUrlState,
  RADII_M,
  serializeUrlState,
  TABS,
} from '../../web/map/url-state.ts'
import type { FinderState } from '../../web/map/url-state.ts'

const round = (v: number, d: number) => Number(v.toFixed(d))

function randomState(seed: number): FinderState {
  const r = createRandom(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r.next() * list.length)]!
  const maybe = <T>(v: T) => (r.chance(0.5) ? v : null)
  const origin = maybe([round(118 + r.next() * 5, 6), round(27 + r.next() * 4, 6)] as [
    number,
    number,
  ])
  return {
    view: maybe({
      lon: round(118 + r.next() * 5, 5),
      lat: round(27 + r.next() * 4, 5),
      zoom: round(r.next() * 18, 2),
    }),
    origin,
    originSource: origin === null ? null : pick(['user', 'picked'] as const),
    radiusM: pick(RADII_M),
    amenities: AMENITIES.filter(() => r.chance(0.2)),
    kind: maybe(pick(STATION_KINDS)),
    openNow: r.chance(0.5),
    tab: pick(TABS),
    age: maybe(Math.floor(r.next() * 19)),
    date: maybe(`2026-0${1 + Math.floor(r.next() * 9)}-1${Math.floor(r.next() * 9)}`),
    station: maybe(`st-${Math.floor(r.next() * 1e6)}`),
    lang: pick(['zh-CN', 'en'] as const),
    area: maybe(pick(['330212', '330782', '330200'])),
    seats: r.chance(0.5),
  }
}

describe('URL state', () => {
  test('every state survives serialize → parse unchanged (200 random states)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const state = randomState(seed)
      expect(parseUrlState(`?${serializeUrlState(state)}`), `seed ${seed}`).toEqual(state)
    }
  })

  test('the default state is the empty query, so plain links stay short', () => {
    expect(serializeUrlState(DEFAULT_STATE)).toBe('')
    expect(parseUrlState('')).toEqual(DEFAULT_STATE)
  })

  test('a mangled link falls back value by value instead of failing', () => {
    const s = parseUrlState(
      '?map=99/31/120&at=120.1,95&r=1234&am=toilet,sauna,toilet&kind=spa&open=yes&tab=admin&age=30&date=2026-13-45&lang=fr&area=3302&seats=yes',
    )
    expect(s).toEqual({ ...DEFAULT_STATE, amenities: ['toilet'] })
  })

  test('keeps commas and slashes readable in the query', () => {
    const q = serializeUrlState({
      ...DEFAULT_STATE,
      view: { zoom: 12, lat: 30.25, lon: 120.15 },
      amenities: ['wifi', 'toilet'],
    })
    expect(q).toBe('map=12/30.25/120.15&am=wifi,toilet')
  })
})

describe('URL state dates', () => {
  test('keeps exactly the real calendar days, as the API does (no roll-over of 2026-02-30)', () => {
    const candidates = calendarCandidates()
    expect(candidates.filter((c) => c.real).length).toBeGreaterThan(1500)
    for (const { date, real } of candidates) {
      expect(parseUrlState(`?date=${date}`).date, date).toBe(real ? date : null)
    }
  })

  test('refuses dates in other shapes', () => {
    for (const date of ['2026-7-05', '2026-07-05T00:00', '20260705', ' 2026-07-05', '2026-07-5']) {
      expect(parseUrlState(`?date=${encodeURIComponent(date)}`).date, date).toBeNull()
    }
  })
})
