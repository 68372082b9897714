import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { readDataset, seedIfEmpty } from '../../../server/seed.ts'
import { nearbyBruteForce } from '../../../server/geo/nearby-brute-force.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { NearbyStationCollectionSchema } from '../../../server/domain/station.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'

// The API over the data set that ships in data/, seeded the way `npm start` seeds it.

const dataset = readDataset('data')
const active = dataset.stations.filter((s) => s.status === 'active')
let store: SqliteStore
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-shipped-'))
  store = await SqliteStore.open(path.join(dir, 'db.sqlite'))
  expect(await seedIfEmpty(store, 'data')).toBe(true)
  expect(await seedIfEmpty(store, 'data')).toBe(false)
  app = createApp(store)
})
afterAll(() => store.close())

async function nearbyIds(origin: LonLat, radiusM: number, limit: number) {
  const res = await app.request(
    `/api/stations/nearby?lon=${origin[0]}&lat=${origin[1]}&radius=${radiusM}&limit=${limit}`,
  )
  expect(res.status).toBe(200)
  return NearbyStationCollectionSchema.parse(await res.json()).features.map((f) => f.id)
}

const oracle = (origin: LonLat, radiusM: number, limit: number) =>
  nearbyBruteForce(
    active,
    (s) => [s.lon, s.lat],
    origin,
    { radiusM, limit },
    (s) => s.id,
  ).map((h) => h.item.id)

it('seeds every county, station and class on first start', async () => {
  const res = await app.request('/api/health')
  expect(await res.json()).toMatchObject({
    counties: dataset.counties.length,
    stations: dataset.stations.length,
    classes: dataset.classes.length,
    sampleData: true,
  })
})

it('ranks nearby stations as brute force does at random points across the province', async () => {
  const rnd = createRandom(2026)
  for (let i = 0; i < 150; i++) {
    const origin: LonLat = [rnd.uniform(118.0, 123.2), rnd.uniform(27.0, 31.2)]
    const radiusM = rnd.pick([500, 3000, 15_000, 50_000])
    const limit = rnd.pick([1, 20, 200])
    expect(await nearbyIds(origin, radiusM, limit)).toEqual(oracle(origin, radiusM, limit))
  }
})

it('cuts exactly at the radius: kept at radius ⌈d⌉, dropped at ⌊d⌋ (index-level tests go to 1 cm)', async () => {
  const rnd = createRandom(11)
  for (let i = 0; i < 40; i++) {
    const s = rnd.pick(active)
    const origin: LonLat = [s.lon + rnd.uniform(-0.02, 0.02), s.lat + rnd.uniform(-0.02, 0.02)]
    const d = distanceM(origin, [s.lon, s.lat])
    const inside = await nearbyIds(origin, Math.ceil(d), 200)
    expect(inside).toContain(s.id)
    const outside = await nearbyIds(origin, Math.floor(d), 200)
    expect(outside).not.toContain(s.id)
    expect(inside).toEqual(oracle(origin, Math.ceil(d), 200))
  }
})

it('agrees with brute force at the province border and beyond it', async () => {
  // Points on or just outside the outer border: Shanghai/Jiangsu/Anhui/Jiangxi/Fujian sides
  // and the open sea east of Zhoushan.
  const border: LonLat[] = [
    [121.0, 30.95],
    [120.5, 31.2],
    [119.6, 31.15],
    [118.5, 30.3],
    [118.1, 29.2],
    [118.4, 28.2],
    [119.6, 27.4],
    [120.6, 27.1],
    [122.8, 30.5],
    [123.5, 29.0],
  ]
  for (const origin of border) {
    for (const radiusM of [3000, 20_000, 50_000]) {
      expect(await nearbyIds(origin, radiusM, 200)).toEqual(oracle(origin, radiusM, 200))
    }
  }
})

it('lists every station of a real county by distance and counts them exactly', async () => {
  // 鄞州区 from its label point: the finder's county search must never say "none".
  for (const adcode of ['330212', '330782', '330300']) {
    const res = await app.request(`/api/stations/nearby?lon=121.55&lat=29.82&adcode=${adcode}`)
    const fc = NearbyStationCollectionSchema.parse(await res.json())
    const inArea = active.filter((s) =>
      adcode.endsWith('00') ? s.adcode.startsWith(adcode.slice(0, 4)) : s.adcode === adcode,
    )
    expect(inArea.length).toBeGreaterThan(20)
    expect(fc.total).toBe(inArea.length)
    expect(fc.features.length).toBe(20)
    const byDistance = inArea
      .map((s) => ({ id: s.id, d: distanceM([121.55, 29.82], [s.lon, s.lat]) }))
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    expect(fc.features.map((f) => f.id)).toEqual(byDistance.slice(0, 20).map((s) => s.id))
  }
})
