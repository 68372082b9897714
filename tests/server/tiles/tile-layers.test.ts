import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { TILE_LAYER_SOURCES } from '../../../server/tiles/tile-layers.ts'
import { makeDataset } from '../../fixtures/dataset.ts'

let store: SqliteStore
const dataset = makeDataset(2600, 10)

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-tile-layers-'))
  store = await SqliteStore.open(path.join(dir, 'tiles.sqlite'))
  await store.replaceDataset(dataset)
})
afterAll(() => store.close())

test('the stations layer lets the event loop turn between pages while it reads the store', async () => {
  // A store's answers are settled promises: awaited back to back they would starve every
  // timer and socket until the whole layer was read (4 s at 150,000 stations).
  let turns = 0
  const timer = setInterval(() => turns++, 0)
  const points = await TILE_LAYER_SOURCES.stations.load(store).finally(() => clearInterval(timer))
  expect(points.length).toBe(dataset.stations.filter((s) => s.status === 'active').length)
  // 2,600 stations are at least five pages.
  expect(turns).toBeGreaterThanOrEqual(4)
})
