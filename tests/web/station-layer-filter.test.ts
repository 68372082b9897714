import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { featureFilter } from '@maplibre/maplibre-gl-style-spec'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { AMENITIES, STATION_KINDS } from '../../server/domain/vocabularies.ts'
import { TILE_LAYER_SOURCES } from '../../server/tiles/tile-layers.ts'
import type { TilePoint } from '../../server/tiles/point-tiles.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { makeDataset } from '../fixtures/dataset.ts'
import { stationPointFilter } from '../../web/map/layers.ts'
import type { StationLayerFilter } from '../../web/map/layers.ts'

// The map filters the tiles' station points with a MapLibre expression; the list asks the
// store. Evaluated by MapLibre's own filter code, they must pick the same stations.

let store: SqliteStore
let dir: string
let points: TilePoint[]

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-web-filter-'))
  store = await SqliteStore.open(path.join(dir, 'filter.sqlite'))
  await store.replaceDataset(makeDataset(400, 10, 21))
  points = []
  for await (const page of TILE_LAYER_SOURCES.stations.pages(store)) points.push(...page)
})
afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the map filter on tile points matches the store filter', () => {
  test('for 150 random kind and amenity filters', async () => {
    const r = createRandom(5)
    for (let i = 0; i < 150; i++) {
      const f: StationLayerFilter = {
        amenities: AMENITIES.filter(() => r.chance(0.12)),
        kind: r.chance(0.4) ? STATION_KINDS[r.int(0, STATION_KINDS.length - 1)]! : null,
        visible: true,
      }
      const fromStore = await store.nearbyStations([120.15, 30.25], {
        radiusM: Infinity,
        limit: 10_000,
        filter: { amenities: f.amenities, kind: f.kind ?? undefined },
      })
      const { filter } = featureFilter(stationPointFilter(f))
      const fromMap = points.filter((p) =>
        filter({ zoom: 14 }, { type: 1, properties: p.properties }),
      )
      expect(fromMap.map((p) => p.properties.id).sort(), `case ${i}`).toEqual(
        fromStore.hits.map((h) => h.item.id).sort(),
      )
    }
  })

  test('the filter leaves clusters to the cluster layers', () => {
    const { filter } = featureFilter(
      stationPointFilter({ amenities: [], kind: null, visible: true }),
    )
    expect(filter({ zoom: 10 }, { type: 1, properties: { point_count: 3 } })).toBe(false)
  })
})
