import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { CoverageReportSchema } from '../../../server/domain/coverage.ts'
import {
  MAX_SCENARIO_SITES,
  ScenarioAnswerSchema,
  type CoverageScenarioInput,
} from '../../../server/domain/coverage-scenario.ts'

// The scenario route against the coverage route: on the same store for the live figures, and
// on a second store where the scenario is actually built for the scenario's.

const ADCODE = '330102' // the fixture's east square, 120.15–120.25 E, 30.2–30.3 N
const data = makeDataset(120, 30)
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

const post = (app: typeof t.app, body: unknown, adcode = ADCODE, query = '') =>
  app.request(`/api/coverage/${adcode}/scenario${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

async function scenario(body: CoverageScenarioInput) {
  const res = await post(t.app, body)
  expect(res.status).toBe(200)
  return ScenarioAnswerSchema.parse(await res.json())
}

async function coverageRow(app: typeof t.app, query: string) {
  const report = CoverageReportSchema.parse(
    await (await app.request(`/api/coverage${query}`)).json(),
  )
  return report.counties.find((c) => c.adcode === ADCODE)!
}

const active = data.stations.filter((s) => s.status === 'active' && s.adcode === ADCODE)
const sites = [
  { lon: 120.16, lat: 30.21 },
  { lon: 120.24, lat: 30.29 },
  { lon: 120.2, lat: 30.25 },
]

/** The dataset with the scenario built: stations removed, sites opened as stations. */
function built(removed: readonly string[], added: typeof sites, hours = new Map<string, string>()) {
  const base = active[0]!
  const stations = [
    ...data.stations
      .filter((s) => !removed.includes(s.id))
      .map((s) => ({ ...s, openingHours: hours.get(s.id) ?? s.openingHours })),
    ...added.map((p, i) => ({ ...base, id: `new-${i}`, ...p, adcode: ADCODE })),
  ]
  return { ...data, stations }
}

describe('POST /api/coverage/{adcode}/scenario', () => {
  it('answers the live figures exactly for an empty scenario', async () => {
    for (const [body, query] of [
      [{}, '?radius=1000'],
      [{ radius: 3000, at: 'weekday-03:00' }, '?radius=3000&at=weekday-03:00'],
    ] as const) {
      const answer = await scenario(body)
      const row = await coverageRow(t.app, query)
      expect(answer.live).toEqual(row)
      expect(answer.scenario).toEqual(row)
      expect(answer.difference).toEqual({
        count: 0,
        coveredKm2: 0,
        coveredPp: 0,
        populationCoveredPp: null,
      })
      expect(answer.gained).toEqual({ type: 'FeatureCollection', areaKm2: 0, features: [] })
      expect(answer.lost).toEqual({ type: 'FeatureCollection', areaKm2: 0, features: [] })
    }
  })

  it('gives the figures of the scenario built in a store', async () => {
    const removed = [active[0]!.id, active[1]!.id, active[2]!.id]
    const answer = await scenario({ radius: 1000, added: sites, removed })
    const other = await makeTestApp(built(removed, sites))
    try {
      const row = await coverageRow(other.app, '?radius=1000')
      expect(answer.scenario.count).toBe(row.count)
      expect(answer.scenario.coveredKm2).toBeCloseTo(row.coveredKm2, 9)
      expect(answer.scenario.coveredPct).toBeCloseTo(row.coveredPct, 9)
      expect(answer.difference.count).toBe(sites.length - removed.length)
      expect(answer.difference.coveredKm2).toBeCloseTo(row.coveredKm2 - answer.live.coveredKm2, 9)
    } finally {
      other.close()
    }
  })

  it('counts a station given other hours as it would be counted with them', async () => {
    // At 03:00 only 24/7 stations count: open one that is closed then.
    const closed = active.find((s) => s.openingHours !== '24/7')!
    const hours = [{ id: closed.id, openingHours: '24/7' }]
    const answer = await scenario({ at: 'weekday-03:00', hours })
    expect(answer.difference.count).toBe(1)
    const other = await makeTestApp(built([], [], new Map([[closed.id, '24/7']])))
    try {
      const row = await coverageRow(other.app, '?radius=1000&at=weekday-03:00')
      expect(answer.scenario.count).toBe(row.count)
      expect(answer.scenario.coveredKm2).toBeCloseTo(row.coveredKm2, 9)
    } finally {
      other.close()
    }
    // At any time every active station counts already: other hours change nothing.
    expect((await scenario({ hours })).difference.coveredKm2).toBe(0)
  })

  it('draws gained and lost land that add up to the change in covered land', async () => {
    const answer = await scenario({ added: sites.slice(0, 2), removed: [active[3]!.id] })
    expect(answer.gained.areaKm2).toBeGreaterThan(0)
    expect(answer.lost.areaKm2).toBeGreaterThan(0)
    expect(answer.gained.areaKm2 - answer.lost.areaKm2).toBeCloseTo(answer.difference.coveredKm2, 9)
    expect(answer.gained.features[0]?.properties.areaKm2).toBe(answer.gained.areaKm2)
    // Each site's own land is at most its disc and at most everything gained.
    for (const s of answer.sites) {
      expect(s.addedCoverageKm2).toBeGreaterThan(0)
      expect(s.addedCoverageKm2).toBeLessThanOrEqual(Math.PI * 1.0001)
      expect(s.addedCoverageKm2).toBeLessThanOrEqual(answer.gained.areaKm2 + 1e-9)
    }
  })

  it('refuses bad bodies with a 400 naming the field', async () => {
    const far = { lon: 121.5, lat: 30.25 }
    const cases: [unknown, string][] = [
      ['{"added": [', 'body'],
      [{ radius: 50 }, 'radius'],
      [{ at: 'noon' }, 'at'],
      [{ added: [{ lon: 200, lat: 30.25 }] }, 'added[0].lon'],
      [{ added: [{ lon: 120.2 }] }, 'added[0].lat'],
      [{ added: Array.from({ length: MAX_SCENARIO_SITES + 1 }, () => sites[0]) }, 'added'],
      [{ added: [sites[0], far] }, 'added[1]'],
      [{ removed: ['st-nope'] }, 'removed[0]'],
      [{ hours: [{ id: active[0]!.id, openingHours: 'whenever' }] }, 'hours[0].openingHours'],
      [{ hours: [{ id: 'st-nope', openingHours: '24/7' }] }, 'hours[0].id'],
      [{ added: [], colour: 'red' }, 'colour'],
      [[], 'body'],
    ]
    for (const [body, field] of cases) {
      const res = await post(t.app, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(await res.json(), JSON.stringify(body)).toMatchObject({ parameter: field })
    }
    expect((await post(t.app, {}, '339999')).status).toBe(404)
    const query = await post(t.app, {}, ADCODE, '?radius=1000')
    expect(query.status).toBe(400)
    expect(await query.json()).toMatchObject({ parameter: 'radius' })
  })
})
