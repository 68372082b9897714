import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { hoursSummary } from '../../server/domain/opening-hours.ts'
import { AMENITIES, STATION_KINDS } from '../../server/domain/vocabularies.ts'
import { distanceM } from '../../server/geo/geodesic.ts'
import { createRandom } from '../../data/scripts/sample/random.ts'
import { makeDataset } from '../fixtures/dataset.ts'
import { stationMatches } from '../../web/finder/station-filter.ts'
import { openAt } from '../../web/finder/hours-text.ts'
import type { StationFilters } from '../../web/finder/station-filter.ts'
import type { Dataset } from '../../server/db/store.ts'

// The map filters every station in the browser; the list asks the store. They must agree.

let store: SqliteStore
let dataset: Dataset
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-web-filter-'))
  store = await SqliteStore.open(path.join(dir, 'filter.sqlite'))
  dataset = makeDataset(400, 10, 21)
  await store.replaceDataset(dataset)
})
afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the map filter matches the store filter', () => {
  test('for 150 random filters, times and points', async () => {
    const r = createRandom(5)
    for (let i = 0; i < 150; i++) {
      const filters: StationFilters = {
        amenities: AMENITIES.filter(() => r.chance(0.12)),
        kind: r.chance(0.4) ? STATION_KINDS[r.int(0, STATION_KINDS.length - 1)]! : null,
        openNow: r.chance(0.5),
      }
      const at = new Date(Date.UTC(2026, 2, 1 + r.int(0, 13), r.int(0, 23), r.int(0, 59)))
      const origin: [number, number] = [r.uniform(120.05, 120.25), r.uniform(30.2, 30.3)]
      const radiusM = r.int(500, 8000)
      const fromStore = await store.nearbyStations(origin, {
        radiusM,
        limit: 10_000,
        filter: {
          amenities: filters.amenities,
          kind: filters.kind ?? undefined,
          openAt: filters.openNow ? at : undefined,
        },
      })
      // As the browser has them: with the hours summary the list API sent, up to 2 hours earlier.
      const sent = new Date(at.getTime() - r.int(0, 120) * 60_000)
      const fromMap = dataset.stations
        .filter((s) => distanceM(origin, [s.lon, s.lat]) <= radiusM)
        .map((s) => ({ ...s, hours: hoursSummary(s.openingHours, sent) }))
        .filter((s) => stationMatches(s, filters, at, (x, t) => openAt(x.hours, t)))
      expect(fromStore.hits.map((h) => h.item.id).sort(), `case ${i}`).toEqual(
        fromMap.map((s) => s.id).sort(),
      )
    }
  })

  test('suspended and closed stations never show', () => {
    const s = { amenities: [], kind: 'courier_station' as const }
    const none: StationFilters = { amenities: [], kind: null, openNow: false }
    const open = () => true
    expect(stationMatches({ ...s, status: 'active' }, none, new Date(), open)).toBe(true)
    expect(stationMatches({ ...s, status: 'suspended' }, none, new Date(), open)).toBe(false)
    expect(stationMatches({ ...s, status: 'closed' }, none, new Date(), open)).toBe(false)
  })
})
