import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { distanceM, initialBearingDeg } from '../../../server/geo/geodesic.ts'
import { isOpenAt } from '../../../server/domain/opening-hours.ts'
import { NearbyStationCollectionSchema, StationPageSchema } from '../../../server/domain/station.ts'

const data = makeDataset()
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

describe('GET /api/stations/nearby', () => {
  it('answers a FeatureCollection of active stations sorted by geodesic distance', async () => {
    const { status, body } = await t.get(
      '/api/stations/nearby?lat=30.25&lon=120.15&radius=5000&limit=50',
    )
    expect(status).toBe(200)
    const fc = NearbyStationCollectionSchema.parse(body)
    expect(fc.features.length).toBe(50)
    const d = fc.features.map((f) => f.properties.distanceM)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    for (const f of fc.features) {
      const exact = distanceM([120.15, 30.25], f.geometry.coordinates)
      expect(f.properties.distanceM).toBe(Math.round(exact))
      expect(f.properties.bearingDeg).toBeCloseTo(
        initialBearingDeg([120.15, 30.25], f.geometry.coordinates),
        1,
      )
      expect(f.properties.walkMinutes).toBe(Math.ceil(exact / (1000 / 15)))
      expect(f.properties.status).toBe('active')
      expect(f.properties.sample).toBe(true)
    }
  })

  it('uses radius 3000 m and limit 20 by default', async () => {
    const { body } = await t.get('/api/stations/nearby?lat=30.25&lon=120.15')
    const fc = NearbyStationCollectionSchema.parse(body)
    expect(fc.features.length).toBe(20)
    expect(Math.max(...fc.features.map((f) => f.properties.distanceM))).toBeLessThanOrEqual(3000)
  })

  it('requires every listed amenity and the kind', async () => {
    const { body } = await t.get(
      '/api/stations/nearby?lat=30.25&lon=120.15&radius=20000&limit=200&amenities=toilet,wifi&kind=courier_station',
    )
    const fc = NearbyStationCollectionSchema.parse(body)
    expect(fc.features.length).toBeGreaterThan(0)
    for (const f of fc.features) {
      expect(f.properties.amenities).toEqual(expect.arrayContaining(['toilet', 'wifi']))
      expect(f.properties.kind).toBe('courier_station')
    }
  })

  it('evaluates openNow in Asia/Shanghai at the given instant', async () => {
    // 23:30 Shanghai = 15:30Z: office-hours stations are closed, 24/7 and overnight ones open.
    const at = '2026-07-07T15:30:00Z'
    const all = NearbyStationCollectionSchema.parse(
      (await t.get(`/api/stations/nearby?lat=30.25&lon=120.15&radius=6000&limit=200&at=${at}`))
        .body,
    )
    expect(all.features.length).toBeLessThan(200) // the open subset below is then complete
    for (const f of all.features) {
      expect(f.properties.openNow).toBe(isOpenAt(f.properties.openingHours, new Date(at)))
    }
    expect(all.features.some((f) => f.properties.openNow === null)).toBe(true)
    const open = NearbyStationCollectionSchema.parse(
      (
        await t.get(
          `/api/stations/nearby?lat=30.25&lon=120.15&radius=6000&limit=200&openNow=true&at=${at}`,
        )
      ).body,
    )
    expect(open.features.length).toBeGreaterThan(0)
    expect(open.features.every((f) => f.properties.openNow === true)).toBe(true)
    expect(open.features.map((f) => f.id)).toEqual(
      all.features.filter((f) => f.properties.openNow === true).map((f) => f.id),
    )
  })
})

describe('GET /api/stations', () => {
  it('pages with a cursor until nextCursor is null', async () => {
    const ids: string[] = []
    let url = '/api/stations?limit=64'
    for (;;) {
      const page = StationPageSchema.parse((await t.get(url)).body)
      ids.push(...page.features.map((f) => f.id))
      if (page.nextCursor === null) break
      url = `/api/stations?limit=64&cursor=${page.nextCursor}`
    }
    expect(ids).toEqual(data.stations.map((s) => s.id).sort())
  })

  it('matches Chinese text in name or address', async () => {
    const page = StationPageSchema.parse(
      (await t.get(`/api/stations?q=${encodeURIComponent('测试路12号')}`)).body,
    )
    expect(page.features.map((f) => f.id)).toEqual(
      data.stations.filter((s) => s.address.includes('测试路12号')).map((s) => s.id),
    )
  })

  it('filters by bbox and county', async () => {
    const page = StationPageSchema.parse(
      (await t.get('/api/stations?bbox=120.1,30.22,120.2,30.27&adcode=330102&limit=1000')).body,
    )
    const want = data.stations.filter(
      (s) =>
        s.adcode === '330102' &&
        s.lon >= 120.1 &&
        s.lon <= 120.2 &&
        s.lat >= 30.22 &&
        s.lat <= 30.27,
    )
    expect(page.features.map((f) => f.id)).toEqual(want.map((s) => s.id))
  })
})

describe('GET /api/stations/:id', () => {
  it('returns the station as a GeoJSON Feature', async () => {
    const s = data.stations[3]!
    const { status, body } = await t.get(`/api/stations/${s.id}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
      properties: { name: s.name, amenities: s.amenities },
    })
  })

  it('answers 404 problem+json for an unknown id', async () => {
    const { status, type, body } = await t.get('/api/stations/st-nope')
    expect(status).toBe(404)
    expect(type).toContain('application/problem+json')
    expect(body).toMatchObject({ status: 404, title: 'Not found' })
  })
})
