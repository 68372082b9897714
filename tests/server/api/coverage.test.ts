import OpeningHours from 'opening_hours'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { createApp } from '../../../server/app.ts'
import { CoverageService } from '../../../server/coverage/coverage-service.ts'
import {
  CoverageReportSchema,
  GapCollectionSchema,
  SuggestionCollectionSchema,
} from '../../../server/domain/coverage.ts'
import type { Station } from '../../../server/domain/station.ts'
import { distanceM, initialBearingDeg } from '../../../server/geo/geodesic.ts'

const data = makeDataset(120, 30)
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

const report = async (query = '') =>
  CoverageReportSchema.parse((await t.get(`/api/coverage${query}`)).body)

describe('GET /api/coverage', () => {
  it('gives one row per county with counts, densities and covered land', async () => {
    const r = await report('?radius=1000')
    expect(r).toMatchObject({ radiusM: 1000, layer: 'stations', sampleData: true })
    expect(r.counties.map((c) => c.adcode)).toEqual(['330102', '330106'])
    for (const row of r.counties) {
      const active = data.stations.filter((s) => s.status === 'active' && s.adcode === row.adcode)
      expect(row.count).toBe(active.length)
      expect(row.perTenThousand).toBeCloseTo((active.length / 1_000_000) * 10_000, 9)
      expect(row.per100Km2).toBeCloseTo((active.length / row.areaKm2) * 100, 9)
      expect(row.coveredKm2 + row.uncoveredKm2).toBeCloseTo(row.areaKm2, 6)
      expect(row.coveredPct).toBeGreaterThan(0)
      expect(row.coveredPct).toBeLessThan(100)
      expect(row.populationCoveredPct).toBeNull()
    }
    expect(r.cities).toHaveLength(1)
    expect(r.province.count).toBe(r.counties[0]!.count + r.counties[1]!.count)
    expect(r.province.coveredKm2).toBeCloseTo(
      r.counties[0]!.coveredKm2 + r.counties[1]!.coveredKm2,
      6,
    )
  })

  it('covers more land at a larger radius, and classes form their own layer', async () => {
    const walk = await report('?radius=1000')
    const ebike = await report('?radius=3000')
    for (let i = 0; i < 2; i++) {
      expect(ebike.counties[i]!.coveredPct).toBeGreaterThan(walk.counties[i]!.coveredPct)
    }
    const classes = await report('?radius=1000&layer=classes')
    expect(classes.province.count).toBe(data.classes.length)
  })

  it('recomputes after a write instead of serving stale figures', async () => {
    const before = await report('?radius=1000')
    const fewer = { ...data, stations: data.stations.slice(0, 40) }
    await t.store.replaceDataset(fewer)
    const after = await report('?radius=1000')
    expect(after.dataVersion).toBe(before.dataVersion + 1)
    expect(after.province.count).toBe(fewer.stations.filter((s) => s.status === 'active').length)
    expect(after.province.coveredPct).toBeLessThan(before.province.coveredPct)
    await t.store.replaceDataset(data)
  })
})

describe('gaps and suggestions', () => {
  it('returns gaps largest first, adding up to no more than the uncovered land', async () => {
    const row = (await report('?radius=1000')).counties.find((c) => c.adcode === '330106')!
    const { status, body } = await t.get('/api/coverage/330106/gaps?radius=1000')
    expect(status).toBe(200)
    const areas = (body.features as Array<{ properties: { areaKm2: number } }>).map(
      (f) => f.properties.areaKm2,
    )
    expect(areas.length).toBeGreaterThan(0)
    expect(areas).toEqual([...areas].sort((a, b) => b - a))
    const total = areas.reduce((a, b) => a + b, 0)
    expect(total).toBeLessThanOrEqual(row.uncoveredKm2 + 1e-6)
    // Cells more than half covered are left out of the gaps (see gaps.ts), so some land is missing.
    expect(total).toBeGreaterThan(0.6 * row.uncoveredKm2)
  })

  it('suggests sites whose promised coverage is what building them gives', async () => {
    const { body } = await t.get('/api/coverage/330106/suggestions?radius=1000&count=3')
    const sites = body.features as Array<{
      geometry: { coordinates: [number, number] }
      properties: { rank: number; addedCoverageKm2: number; coveredPct: number }
    }>
    expect(sites.map((s) => s.properties.rank)).toEqual([1, 2, 3])
    const gains = sites.map((s) => s.properties.addedCoverageKm2)
    expect(gains).toEqual([...gains].sort((a, b) => b - a))
    const template = data.stations[0]!
    const built: Station[] = sites.map((s, i) => ({
      ...template,
      id: `st-new-${i}`,
      adcode: '330106',
      status: 'active',
      lon: s.geometry.coordinates[0],
      lat: s.geometry.coordinates[1],
    }))
    await t.store.replaceDataset({ ...data, stations: [...data.stations, ...built] })
    const after = (await report('?radius=1000')).counties.find((c) => c.adcode === '330106')!
    expect(after.coveredPct).toBeCloseTo(sites[2]!.properties.coveredPct, 6)
    await t.store.replaceDataset(data)
  })

  it('answers 404 for a county that does not exist', async () => {
    for (const path of ['gaps', 'suggestions']) {
      const { status, type } = await t.get(`/api/coverage/330999/${path}`)
      expect(status).toBe(404)
      expect(type).toContain('application/problem+json')
    }
  })
})

describe('exports', () => {
  it('exports the table as CSV with a BOM, counties then cities then the province', async () => {
    const res = await t.app.request('/api/coverage.csv?radius=3000')
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain(
      'waystation-coverage-stations-3000m.csv',
    )
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).trim().split('\r\n')
    expect(lines[0]).toMatch(/^level,adcode,name,city,count,/)
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'county',
      'county',
      'city',
      'province',
    ])
    expect(lines[1]).toContain('上城区')
  })

  it('exports county polygons with their figures as GeoJSON', async () => {
    const res = await t.app.request('/api/coverage.geojson?radius=3000&layer=classes')
    expect(res.headers.get('content-type')).toContain('application/geo+json')
    const fc = (await res.json()) as {
      features: Array<{
        geometry: { type: string }
        properties: { adcode: string; coveredPct: number }
      }>
    }
    expect(fc.features.map((f) => [f.geometry.type, f.properties.adcode])).toEqual([
      ['Polygon', '330102'],
      ['Polygon', '330106'],
    ])
  })
})

describe('bad input', () => {
  const cases: Array<[string, string]> = [
    ['/api/coverage?radius=199', 'radius'],
    ['/api/coverage?radius=10001', 'radius'],
    ['/api/coverage?radius=walk', 'radius'],
    ['/api/coverage?layer=parks', 'layer'],
    ['/api/coverage.csv?radius=0', 'radius'],
    ['/api/coverage/3301/gaps', 'adcode'],
    ['/api/coverage/330106/gaps?minAreaKm2=-1', 'minAreaKm2'],
    ['/api/coverage/330106/suggestions?count=0', 'count'],
    ['/api/coverage/330106/suggestions?count=21', 'count'],
    ['/api/coverage?at=weekday-24:00', 'at'],
    ['/api/coverage?at=monday-10:00', 'at'],
    ['/api/coverage?at=weekday-7:00', 'at'],
    ['/api/coverage?at=2026-07-15T10:00:00', 'at'],
    ['/api/coverage/330106/gaps?at=night', 'at'],
    ['/api/coverage.csv?lang=fr', 'lang'],
    ['/api/coverage?lang=zh-CN', 'lang'],
  ]
  for (const [url, parameter] of cases) {
    it(`${url} → 400 naming ${parameter}`, async () => {
      const { status, body } = await t.get(url)
      expect(status).toBe(400)
      expect(body).toMatchObject({ parameter })
    })
  }
})

describe('radius steps', () => {
  it('rounds the radius to 100 m and says which it used; 1000 and 3000 stay exact', async () => {
    for (const [asked, used] of [
      [1049, 1000],
      [1051, 1100],
      [250, 300],
      [3000, 3000],
      [9999, 10000],
    ]) {
      expect((await report(`?radius=${asked}`)).radiusM).toBe(used)
    }
    const gaps = GapCollectionSchema.parse(
      (await t.get('/api/coverage/330106/gaps?radius=1049')).body,
    )
    expect(gaps.radiusM).toBe(1000)
    const res = await t.app.request('/api/coverage.csv?radius=2960')
    expect(res.headers.get('content-disposition')).toContain('stations-3000m.csv')
  })
})

describe('coverage at a time of day', () => {
  // The opening_hours library reads a Date's local fields: local 02:00 on the reference
  // Wednesday is what Shanghai's clock shows then, whatever the process time zone.
  const wednesday2am = new Date(2025, 10, 19, 2, 0)
  const openAt2am = (hours: string | null) =>
    hours !== null && new OpeningHours(hours).getState(wednesday2am)

  it('counts only stations open at weekday-02:00, and echoes at', async () => {
    const night = await report('?at=weekday-02:00')
    const anyTime = await report('')
    expect(night.at).toBe('weekday-02:00')
    expect(anyTime.at).toBeNull()
    for (const row of night.counties) {
      const open = data.stations.filter(
        (s) => s.status === 'active' && s.adcode === row.adcode && openAt2am(s.openingHours),
      )
      expect(row.count).toBe(open.length)
      const all = anyTime.counties.find((r) => r.adcode === row.adcode)!
      expect(row.count).toBeGreaterThan(0)
      expect(row.count).toBeLessThan(all.count)
      expect(row.coveredPct).toBeLessThan(all.coveredPct)
    }
    // Unknown hours never count at a specific time; 24/7 always does.
    const unknown = data.stations.filter((s) => s.status === 'active' && s.openingHours === null)
    expect(unknown.length).toBeGreaterThan(0)
    const noon = await report('?at=weekday-12:00')
    expect(noon.province.count).toBe(
      data.stations.filter((s) => s.status === 'active' && s.openingHours !== null).length -
        data.stations.filter((s) => s.status === 'active' && s.openingHours === '22:00-06:00')
          .length,
    )
  })

  it('takes an ISO date-time with offset as that instant', async () => {
    // 2025-11-18T18:00Z is 02:00 on the reference Wednesday in Shanghai.
    const iso = await report('?at=2025-11-18T18:00:00Z')
    const token = await report('?at=weekday-02:00')
    expect(iso.at).toBe('2025-11-18T18:00:00Z')
    expect(iso.counties.map((r) => r.count)).toEqual(token.counties.map((r) => r.count))
  })

  it('counts classes on their schedule, and on their term for a dated instant', async () => {
    const classes = (q: string) => report(`?layer=classes&${q}`).then((r) => r.province.count)
    expect(await classes('at=weekday-10:00')).toBe(data.classes.length)
    expect(await classes('at=weekday-20:00')).toBe(0)
    expect(await classes('at=weekend-10:00')).toBe(0)
    // Monday 6 July 2026: only the terms starting on 1 July have begun.
    expect(await classes('at=2026-07-06T10:00:00%2B08:00')).toBe(
      data.classes.filter((c) => c.termStart <= '2026-07-06').length,
    )
    expect(await classes('at=2026-12-01T10:00:00%2B08:00')).toBe(0)
  })

  it('applies at to gaps, suggestions and exports', async () => {
    const gaps = async (q: string) =>
      GapCollectionSchema.parse((await t.get(`/api/coverage/330106/gaps?radius=1000${q}`)).body)
    const night = await gaps('&at=weekday-02:00')
    expect(night.at).toBe('weekday-02:00')
    const area = (g: typeof night) => g.features.reduce((a, f) => a + f.properties.areaKm2, 0)
    expect(area(night)).toBeGreaterThan(area(await gaps('')))
    const sites = SuggestionCollectionSchema.parse(
      (await t.get('/api/coverage/330106/suggestions?at=weekday-02:00&count=2')).body,
    )
    expect(sites.at).toBe('weekday-02:00')
    const csv = await (await t.app.request('/api/coverage.csv?at=weekday-02:00')).text()
    expect(csv.split('\r\n')[1]).toMatch(/,weekday-02:00$/)
    const geo = await t.app.request('/api/coverage.geojson?at=weekday-02:00')
    expect(geo.headers.get('content-disposition')).toContain('1000m-weekday-0200.geojson')
    expect(((await geo.json()) as { at: string }).at).toBe('weekday-02:00')
  })
})

describe('CSV language', () => {
  it('gives a Chinese header row with lang=zh-CN and the same rows', async () => {
    const lines = async (q: string) =>
      // text() drops the BOM (the first test checks it is sent).
      (await (await t.app.request(`/api/coverage.csv${q}`)).text()).split('\r\n')
    const [en, zh] = [await lines(''), await lines('?lang=zh-CN')]
    expect(en[0]).toBe(
      'level,adcode,name,city,count,population,per_10k_residents,per_100_km2,area_km2,' +
        'covered_pct,covered_km2,uncovered_km2,population_covered_pct,radius_m,layer,sample_data,at',
    )
    expect(zh[0]).toMatch(/^层级,行政区划代码,名称,所属地市,数量,常住人口,/)
    expect(zh[0]!.split(',')).toHaveLength(en[0]!.split(',').length)
    expect(zh.slice(1)).toEqual(en.slice(1))
    expect(await lines('?lang=en')).toEqual(en)
  })
})

describe('nearest station of a suggested site', () => {
  it('is the nearest active station by brute-force geodesic search', async () => {
    const sites = SuggestionCollectionSchema.parse(
      (await t.get('/api/coverage/330102/suggestions?radius=500&count=8')).body,
    )
    expect(sites.features).toHaveLength(8)
    const active = data.stations.filter((s) => s.status === 'active')
    for (const f of sites.features) {
      const site = f.geometry.coordinates as [number, number]
      const ranked = active
        .map((s) => ({ s, d: distanceM([s.lon, s.lat], site) }))
        .sort((a, b) => a.d - b.d || a.s.id.localeCompare(b.s.id))
      const { s, d } = ranked[0]!
      expect(f.properties.nearestStation).toEqual({
        id: s.id,
        name: s.name,
        distanceM: expect.closeTo(d, 6),
        bearingDeg: expect.closeTo(initialBearingDeg([s.lon, s.lat], site), 9),
      })
    }
  })
})

describe('work queue', () => {
  it('answers 503 problem+json with Retry-After when too much work is queued', async () => {
    const coverage = new CoverageService(t.store, { maxPendingJobs: 1, threads: 1 })
    const app = createApp(t.store, { coverage })
    try {
      const [a, b] = await Promise.all([
        app.request('/api/coverage?radius=4000'),
        app.request('/api/coverage?radius=4500'),
      ])
      const busy = [a, b].find((r) => r.status === 503)!
      expect([a.status, b.status].sort()).toEqual([200, 503])
      expect(busy.headers.get('content-type')).toContain('application/problem+json')
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(await busy.json()).toMatchObject({ status: 503, title: 'Service unavailable' })
    } finally {
      await coverage.close()
    }
  })
})
