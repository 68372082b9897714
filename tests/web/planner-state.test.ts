import { describe, expect, test } from 'vitest'
import { COVERAGE_LAYERS } from '../../server/domain/coverage.ts'
import { MAX_SCENARIO_CHANGES, MAX_SCENARIO_SITES } from '../../server/domain/coverage-scenario.ts'
import type { LonLat } from '../../server/domain/geojson.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import {
  DEFAULT_PLANNER_STATE,
  METRICS,
  nextSort,
  parsePlannerState,
  roundSite,
  serializePlannerState,
  isWorstFirst,
  SORT_KEYS,
  WORST_FIRST,
} from '../../web/planner/planner-state.ts'
import { DAY_TYPES, HOURS, parseCoverageTime } from '../../web/planner/coverage-time.ts'
import type { PlannerState } from '../../web/planner/planner-state.ts'

/** Opening hours a planner might give a station, and ids as registers write them. */
const HOURS_VALUES = ['24/7', 'Mo-Su 06:00-22:00', 'Mo-Fr 08:00-18:00; Sa 09:00-12:00', 'off']
const IDS = ['st-000001', 'st-000002', '西湖区 001', 'a&b=c/d;e,f:g', 'h:st-1']

function randomState(seed: number): PlannerState {
  const r = createRandom(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r.next() * list.length)]!
  const ids = IDS.filter(() => r.chance(0.4))
  return {
    radiusM: r.int(200, 10_000),
    layer: pick(COVERAGE_LAYERS),
    time: r.chance(0.5)
      ? {
          day: pick(DAY_TYPES),
          time: `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
        }
      : null,
    metric: pick(METRICS),
    county: r.chance(0.5) ? String(r.int(330100, 331199)) : null,
    // Sites as a link keeps them (5 decimals), anywhere on Earth.
    sites: Array.from({ length: r.chance(0.5) ? r.int(1, 4) : 0 }, () =>
      roundSite([r.next() * 360 - 180, r.next() * 180 - 90]),
    ),
    removed: ids.filter(() => r.chance(0.5)),
    hours: ids.filter(() => r.chance(0.5)).map((id) => ({ id, openingHours: pick(HOURS_VALUES) })),
    sort: { key: pick(SORT_KEYS), dir: pick(['asc', 'desc'] as const) },
    grouped: r.chance(0.5),
    legendClass: r.chance(0.5) ? r.int(0, 4) : null,
    lang: pick(['zh-CN', 'en'] as const),
  }
}

describe('planner URL state', () => {
  test('every state survives a round trip through the query string', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const s = randomState(seed)
      expect(parsePlannerState(`?${serializePlannerState(s)}`), `seed ${seed}`).toEqual(s)
    }
  })

  test('the default state is the empty query, and an empty query is the default state', () => {
    expect(serializePlannerState(DEFAULT_PLANNER_STATE)).toBe('')
    expect(parsePlannerState('')).toEqual(DEFAULT_PLANNER_STATE)
  })

  test('a shared link reads as written', () => {
    expect(
      parsePlannerState(
        '?r=3000&layer=classes&at=weekend-22:30&m=uncoveredKm2&c=330106&s=120.1,30.25;120.123456,-30&sort=-coveredPct&group=0&cls=0&lang=en',
      ),
    ).toEqual({
      radiusM: 3000,
      layer: 'classes',
      time: { day: 'weekend', time: '22:30' },
      metric: 'uncoveredKm2',
      county: '330106',
      sites: [
        [120.1, 30.25],
        [120.12346, -30],
      ],
      removed: [],
      hours: [],
      sort: { key: 'coveredPct', dir: 'desc' },
      grouped: false,
      legendClass: 0,
      lang: 'en',
    })
  })

  test('proposed sites stay readable in the link; malformed ones are dropped, the rest capped at the API’s limit', () => {
    const sites: LonLat[] = [
      [120.1, 30.2],
      [-1.5, 2],
    ]
    expect(serializePlannerState({ ...DEFAULT_PLANNER_STATE, sites })).toBe('s=120.1,30.2;-1.5,2')
    expect(parsePlannerState('?s=120.1%2C30.2%3B-1.5%2C2').sites).toEqual(sites)
    expect(parsePlannerState('?s=1,;,2;1,2,3;x,y;181,0;0,91;1e3,1;;120,30').sites).toEqual([
      [120, 30],
    ])
    const many = Array.from({ length: MAX_SCENARIO_SITES + 5 }, (_, i) => `120,${i / 100}`)
    expect(parsePlannerState(`?s=${many.join(';')}`).sites).toHaveLength(MAX_SCENARIO_SITES)
  })

  test('removed stations and changed hours stay readable in the link; invalid ones are dropped', () => {
    const s = {
      ...DEFAULT_PLANNER_STATE,
      removed: ['st-000001', 'st-000009'],
      hours: [{ id: 'st-000002', openingHours: '24/7' }],
    }
    const query = 'rm=st-000001&rm=st-000009&h:st-000002=24/7'
    expect(serializePlannerState(s)).toBe(query)
    expect(parsePlannerState(`?${query}`)).toEqual(s)
    // Hours the shared schema refuses, a blank id and a repeat: the last valid hours win.
    expect(
      parsePlannerState(
        '?rm=&rm=st-1&rm=st-1&h:st-2=Mo-Xx%2025:00&h:st-3=24/7&h:=24/7&h:st-3=Mo-Fr+08:00-18:00',
      ),
    ).toEqual({
      ...DEFAULT_PLANNER_STATE,
      removed: ['st-1'],
      hours: [{ id: 'st-3', openingHours: 'Mo-Fr 08:00-18:00' }],
    })
    const many = Array.from({ length: MAX_SCENARIO_CHANGES + 5 }, (_, i) => `rm=st-${i}`)
    expect(parsePlannerState(`?${many.join('&')}`).removed).toHaveLength(MAX_SCENARIO_CHANGES)
  })

  test('the time of day reads as the API writes it, and stays readable in the link', () => {
    const s = { ...DEFAULT_PLANNER_STATE, time: { day: 'weekday' as const, time: '02:00' } }
    expect(serializePlannerState(s)).toBe('at=weekday-02:00')
    expect(parsePlannerState('?at=weekday-02%3A00').time).toEqual(s.time)
    // Every hour the chooser offers parses back to itself.
    for (const h of HOURS)
      expect(parseCoverageTime(`weekend-${h}`)).toEqual({ day: 'weekend', time: h })
  })

  test('a time or legend class the API or the legend cannot take means any time and all counties', () => {
    for (const at of [
      'weekday-24:00',
      'weekday-2:00',
      'holiday-02:00',
      'weekday-02:60',
      'weekday',
      '',
    ]) {
      expect(parsePlannerState(`?at=${at}`).time, at).toBeNull()
    }
    for (const cls of ['5', '-1', '1.5', 'a', '', '01']) {
      expect(parsePlannerState(`?cls=${cls}`).legendClass, cls).toBeNull()
    }
  })

  test('"least covered first" is one flat ranking, lowest share first', () => {
    const s = { ...DEFAULT_PLANNER_STATE, ...WORST_FIRST }
    expect(isWorstFirst(s)).toBe(true)
    expect(parsePlannerState(`?${serializePlannerState(s)}`)).toEqual(s)
    expect(isWorstFirst(DEFAULT_PLANNER_STATE)).toBe(false)
    expect(isWorstFirst({ ...s, grouped: true })).toBe(false)
    expect(isWorstFirst({ ...s, sort: { key: 'coveredPct', dir: 'desc' } })).toBe(false)
  })

  test('values the API would reject fall back to their defaults instead of breaking the page', () => {
    const bad = parsePlannerState('?r=199&layer=parks&m=population&c=33010&sort=-bogus&lang=fr')
    expect(bad).toEqual(DEFAULT_PLANNER_STATE)
    for (const r of ['10001', '1000.5', '1e3', '-1000', '', 'abc']) {
      expect(parsePlannerState(`?r=${r}`).radiusM, r).toBe(1000)
    }
    expect(parsePlannerState('?r=200').radiusM).toBe(200)
    expect(parsePlannerState('?r=10000').radiusM).toBe(10_000)
  })
})

describe('column sorting', () => {
  test('a figure column starts largest first, a name column A to Z; the same column flips', () => {
    expect(nextSort({ key: 'adcode', dir: 'asc' }, 'coveredPct')).toEqual({
      key: 'coveredPct',
      dir: 'desc',
    })
    expect(nextSort({ key: 'coveredPct', dir: 'desc' }, 'coveredPct')).toEqual({
      key: 'coveredPct',
      dir: 'asc',
    })
    expect(nextSort({ key: 'coveredPct', dir: 'desc' }, 'name')).toEqual({
      key: 'name',
      dir: 'asc',
    })
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' })
  })
})
