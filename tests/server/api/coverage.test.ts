import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { CoverageReportSchema } from '../../../server/domain/coverage.ts'
import type { Station } from '../../../server/domain/station.ts'

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
  ]
  for (const [url, parameter] of cases) {
    it(`${url} → 400 naming ${parameter}`, async () => {
      const { status, body } = await t.get(url)
      expect(status).toBe(400)
      expect(body).toMatchObject({ parameter })
    })
  }
})
