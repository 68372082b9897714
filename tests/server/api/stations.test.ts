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

describe('GET /api/stations/nearby: total, areas and text', () => {
  const active = data.stations.filter((s) => s.status === 'active')
  const get = async (query: string) =>
    NearbyStationCollectionSchema.parse((await t.get(`/api/stations/nearby?${query}`)).body)

  it('says how many matched within the radius beside the page, exactly', async () => {
    const fc = await get('lat=30.25&lon=120.15&radius=4000&limit=20')
    const within = active.filter((s) => distanceM([120.15, 30.25], [s.lon, s.lat]) <= 4000)
    expect(within.length).toBeGreaterThan(20) // the page was cut
    expect(fc.features.length).toBe(20)
    expect(fc.total).toBe(within.length)
    expect(fc.limit).toBe(20)
  })

  it('lists every station of a county by distance, however far, when no radius is given', async () => {
    // From a point outside the county: a 3 km default would have found none.
    const fc = await get('lat=30.25&lon=120.30&adcode=330106&limit=200')
    const inCounty = active.filter((s) => s.adcode === '330106')
    expect(fc.total).toBe(inCounty.length)
    expect(fc.features.map((f) => f.id).sort()).toEqual(inCounty.map((s) => s.id).sort())
    const d = fc.features.map((f) => f.properties.distanceM)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    expect(Math.max(...d)).toBeGreaterThan(3000)
  })

  it('keeps an explicit radius with an area, and a city code takes in its counties', async () => {
    const capped = await get('lat=30.25&lon=120.10&adcode=330106&radius=2000&limit=200')
    expect(capped.features.every((f) => f.properties.distanceM <= 2000)).toBe(true)
    expect(capped.total).toBeLessThan(active.filter((s) => s.adcode === '330106').length)
    const city = await get('lat=30.25&lon=120.10&adcode=330100&limit=1')
    expect(city.total).toBe(active.length)
    expect((await get('lat=30.25&lon=120.10&adcode=330300')).total).toBe(0)
  })

  it('matches q in name or address, ranked by distance', async () => {
    const fc = await get(`lat=30.25&lon=120.15&q=${encodeURIComponent('100%_')}&limit=5`)
    const want = active.filter((s) => s.name.includes('100%_'))
    expect(fc.total).toBe(want.length)
    const d = fc.features.map((f) => f.properties.distanceM)
    expect(d).toEqual([...d].sort((a, b) => a - b))
    expect(fc.features[0]!.properties.distanceM).toBe(
      Math.round(Math.min(...want.map((s) => distanceM([120.15, 30.25], [s.lon, s.lat])))),
    )
  })

  it('rejects a malformed adcode or an empty q with a 400 naming it', async () => {
    for (const [query, parameter] of [
      ['lat=30&lon=120&adcode=3301', 'adcode'],
      ['lat=30&lon=120&adcode=abcdef', 'adcode'],
      ['lat=30&lon=120&q=%20', 'q'],
    ] as const) {
      const res = await t.get(`/api/stations/nearby?${query}`)
      expect(res.status, query).toBe(400)
      expect(res.type).toContain('application/problem+json')
      expect(res.body).toMatchObject({ parameter })
    }
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
