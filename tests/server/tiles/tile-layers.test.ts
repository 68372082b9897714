import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { TILE_LAYER_SOURCES } from '../../../server/tiles/tile-layers.ts'
import type { TilePoint } from '../../../server/tiles/point-tiles.ts'
import { amenityMask } from '../../../server/domain/amenity-mask.ts'
import { makeDataset } from '../../fixtures/dataset.ts'

let store: SqliteStore
const dataset = makeDataset(2600, 10)

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-tile-layers-'))
  store = await SqliteStore.open(path.join(dir, 'tiles.sqlite'))
  await store.replaceDataset(dataset)
})
afterAll(() => store.close())

async function stationPoints(): Promise<TilePoint[]> {
  const points: TilePoint[] = []
  for await (const page of TILE_LAYER_SOURCES.stations.pages(store)) points.push(...page)
  return points
}

test('the stations layer lets the event loop turn between pages while it reads the store', async () => {
  // A store's answers are settled promises: awaited back to back they would starve every
  // timer and socket until the whole layer was read (4 s at 150,000 stations).
  let turns = 0
  const timer = setInterval(() => turns++, 0)
  const points = await stationPoints().finally(() => clearInterval(timer))
  expect(points.length).toBe(dataset.stations.filter((s) => s.status === 'active').length)
  // 2,600 stations are three pages.
  expect(turns).toBeGreaterThanOrEqual(2)
})

test('a station point is an active station as the map draws it, amenities as a bit set', async () => {
  const active = dataset.stations.filter((s) => s.status === 'active')
  const expected = active.map((s) => ({
    lon: s.lon,
    lat: s.lat,
    properties: {
      id: s.id,
      kind: s.kind,
      tier: s.tier,
      name: s.name,
      sample: s.sample,
      amenities: amenityMask(s.amenities),
    },
    hours: s.openingHours,
  }))
  const byId = (a: TilePoint, b: TilePoint) =>
    String(a.properties.id).localeCompare(String(b.properties.id))
  expect(await stationPoints()).toEqual(expected.sort(byId))
})
