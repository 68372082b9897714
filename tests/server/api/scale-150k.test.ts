import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PbfReader } from 'pbf'
import { VectorTile } from '@mapbox/vector-tile'
import { makeTestApp } from './test-app.ts'
import { readDataset } from '../../../server/seed.ts'
import { generateSample } from '../../../data/scripts/sample/generate-sample.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'
import { distanceM, initialBearingDeg } from '../../../server/geo/geodesic.ts'
import { isOpenAt } from '../../../server/domain/opening-hours.ts'
import { inArea } from '../../../server/db/store.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import type { StationInput } from '../../../server/domain/station.ts'
import { NearbyStationCollectionSchema } from '../../../server/domain/station.ts'
import { AMENITIES, STATION_KINDS } from '../../../server/domain/vocabularies.ts'
import { CLUSTER_MAX_ZOOM, TILE_MAX_ZOOM } from '../../../server/domain/tile-format.ts'

// Issue 16: at the national scale (150,000 generated stations in a real store: SQLite, and
// PostgreSQL + PostGIS in the api-postgres project) a sample of nearby answers and vector tiles
// equals a scan of every station.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const STATIONS = 150_000

let t: Awaited<ReturnType<typeof makeTestApp>>
let active: StationInput[]
let cases: NearbyCase[]
beforeAll(async () => {
  const { counties } = readDataset(path.join(ROOT, 'data'))
  const sample = generateSample({ seed: 16, stations: STATIONS, classes: 1400, counties })
  t = await makeTestApp({ counties, ...sample })
  active = sample.stations.filter((s) => s.status === 'active')
  cases = nearbyCases()
}, 180_000)
afterAll(() => t.close())

// ---- nearby ----

interface NearbyCase {
  query: string
  origin: LonLat
  radiusM: number
  limit: number
  /** The station fields the query filters on. */
  keep: (s: StationInput) => boolean
}

/**
 * Every active station that `keep` passes within radiusM of origin, nearest first, ties by id.
 * Only stations in a box around the circle are measured: one degree of latitude is at least
 * 110.5 km and one of longitude at least 111.3 km·cos(lat), so a box 100 km a degree is wider.
 */
function bruteNearby({ origin, radiusM, keep }: NearbyCase) {
  const [lon0, lat0] = origin
  const dLat = radiusM / 100_000 // Infinity without a radius: no box
  const dLon = Number.isFinite(dLat)
    ? dLat / Math.cos(((Math.abs(lat0) + dLat) * Math.PI) / 180)
    : Infinity
  const hits: { s: StationInput; d: number }[] = []
  for (const s of active) {
    if (Math.abs(s.lat - lat0) > dLat || Math.abs(s.lon - lon0) > dLon || !keep(s)) continue
    const d = distanceM(origin, [s.lon, s.lat])
    if (d <= radiusM) hits.push({ s, d })
  }
  return hits.sort((a, b) => a.d - b.d || (a.s.id < b.s.id ? -1 : a.s.id > b.s.id ? 1 : 0))
}

/** What the answer must say of each station: where it is from the origin, walking at 4 km/h. */
function expectedFields(origin: LonLat, { s, d }: { s: StationInput; d: number }) {
  const bearing = Math.round(initialBearingDeg(origin, [s.lon, s.lat]) * 10) / 10
  return {
    id: s.id,
    distanceM: Math.round(d),
    bearingDeg: bearing === 360 ? 0 : bearing,
    walkMinutes: Math.ceil(d / (1000 / 15)),
  }
}

/**
 * ~40 queries around stations (a station ± 300 m), mixing radius, limit, amenities, openNow,
 * kind and area.
 */
function nearbyCases(): NearbyCase[] {
  const rng = createRandom(1616)
  const cases: NearbyCase[] = []
  /** A station, and a point up to 300 m from it east–west and north–south. */
  const around = () => {
    const near = rng.pick(active)
    const lat = Number((near.lat + rng.uniform(-300, 300) / 111_000).toFixed(6))
    const metresPerLon = 111_000 * Math.cos((near.lat * Math.PI) / 180)
    const lon = Number((near.lon + rng.uniform(-300, 300) / metresPerLon).toFixed(6))
    return { near, origin: [lon, lat] as LonLat }
  }
  const add = (
    params: Record<string, string>,
    radiusM: number,
    keep = (_: StationInput) => true,
    { origin } = around(),
  ) => {
    const [lon, lat] = origin
    const query = new URLSearchParams({ lat: String(lat), lon: String(lon), ...params })
    const limit = Number(params.limit ?? 20)
    cases.push({ query: query.toString(), origin, radiusM, limit, keep })
  }
  for (let i = 0; i < 10; i++) add({}, 3000)
  for (const [radius, limit] of [
    [300, 20],
    [800, 1],
    [1500, 5],
    [5000, 200],
    [12_000, 50],
    [30_000, 200],
    [50_000, 7],
  ] as const)
    add({ radius: String(radius), limit: String(limit) }, radius)
  for (let i = 0; i < 6; i++) {
    const wanted = [rng.pick(AMENITIES), ...(i % 2 ? [rng.pick(AMENITIES)] : [])]
    add({ amenities: wanted.join(','), radius: '6000', limit: '100' }, 6000, (s) =>
      wanted.every((a) => s.amenities.includes(a)),
    )
  }
  for (const at of [
    '2026-07-07T09:30:00+08:00',
    '2026-07-07T23:30:00+08:00',
    '2026-07-11T12:00:00+08:00',
    '2026-07-12T06:15:00+08:00',
    '2026-12-31T18:59:00+08:00',
  ]) {
    const open = (s: StationInput) => isOpenAt(s.openingHours, new Date(at)) === true
    add({ openNow: 'true', at, radius: '5000', limit: '60' }, 5000, open)
  }
  for (const kind of STATION_KINDS)
    add({ kind, radius: '10000', limit: '30' }, 10_000, (s) => s.kind === kind)
  for (let i = 0; i < 5; i++) {
    // An area and no radius: every station of the county (the last time, of the city), however far.
    const at = around()
    const adcode = i === 4 ? `${at.near.adcode.slice(0, 4)}00` : at.near.adcode
    const limit = i % 2 ? '200' : '25'
    add({ limit, adcode }, Infinity, (s) => inArea(s.adcode, adcode), at)
  }
  return cases
}

async function nearbyBytes(query: string) {
  const res = await t.app.request(`/api/stations/nearby?${query}`)
  expect(res.status, query).toBe(200)
  return new Uint8Array(await res.arrayBuffer())
}

const parseNearby = (bytes: Uint8Array) =>
  NearbyStationCollectionSchema.parse(JSON.parse(new TextDecoder().decode(bytes)))

/** Two answers to the same query within one minute (an answer's hours are of its minute). */
async function askedTwice(query: string) {
  for (;;) {
    const minute = Math.floor(Date.now() / 60_000)
    const first = await nearbyBytes(query)
    const second = await nearbyBytes(query)
    if (Math.floor(Date.now() / 60_000) === minute) return { first, second }
  }
}

describe('nearby at 150,000 stations', () => {
  it('equals a scan of every station, and a second answer is the same bytes', async () => {
    let cut = 0
    let compared = 0
    for (const c of cases) {
      const { first, second } = await askedTwice(c.query)
      expect(Buffer.compare(second, first), c.query).toBe(0)
      const answer = parseNearby(first)
      const want = bruteNearby(c)
      expect(answer.total, c.query).toBe(want.length)
      expect(answer.limit, c.query).toBe(c.limit)
      expect(
        answer.features.map((f) => ({
          id: f.id,
          distanceM: f.properties.distanceM,
          bearingDeg: f.properties.bearingDeg,
          walkMinutes: f.properties.walkMinutes,
        })),
        c.query,
      ).toEqual(want.slice(0, c.limit).map((h) => expectedFields(c.origin, h)))
      if (want.length > c.limit) cut++
      compared += answer.features.length
    }
    // The sample is worth something: pages cut short, and thousands of stations compared.
    expect(cut).toBeGreaterThan(cases.length / 2)
    expect(compared).toBeGreaterThan(1500)
  }, 60_000)

  it("an edit through the store shows in the next answer, the other stations' bytes unchanged", async () => {
    // At a fixed instant, so that the hours in both answers are the same.
    const query = `${cases[0]!.query}&at=${encodeURIComponent('2026-07-07T09:30:00+08:00')}`
    const before = parseNearby(await nearbyBytes(query))
    const target = before.features[3]!
    const s = (await t.store.getStation(target.id))!
    const renamed = { ...s, name: `${s.name}（已更名）` }
    await t.store.writeRecord({
      layer: 'stations',
      id: s.id,
      expected: s,
      next: renamed,
      actor: { userId: null, name: 'scale test' },
      action: 'update',
      at: new Date().toISOString(),
    })
    const after = parseNearby(await nearbyBytes(query))
    expect(after.features.map((f) => f.id)).toEqual(before.features.map((f) => f.id))
    expect(after.features[3]!.properties.name).toBe(renamed.name)
    const others = (fc: typeof before) =>
      fc.features.filter((f) => f.id !== s.id).map((f) => JSON.stringify(f))
    expect(others(after)).toEqual(others(before))
  }, 60_000)
})

// ---- tiles ----

const EXTENT = 4096

/**
 * Where a station lies at zoom z in tile units (EXTENT a tile) from the world's top left, Web
 * Mercator: exact, and rounded as a tile stores it (a point rounded onto an edge is the next
 * tile's).
 */
function unitsAt(s: StationInput, z: number) {
  const sin = Math.sin((s.lat * Math.PI) / 180)
  const n = EXTENT * 2 ** z
  const x = ((s.lon + 180) / 360) * n
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n
  return { x, y, tx: Math.floor(Math.round(x) / EXTENT), ty: Math.floor(Math.round(y) / EXTENT) }
}

type Props = Record<string, string | number | boolean>
/** The features a tile holds inside its own bounds (beyond them it repeats its neighbours'). */
async function ownFeatures(z: number, x: number, y: number, query = '') {
  const res = await t.app.request(`/api/tiles/stations/${z}/${x}/${y}.mvt${query}`)
  expect(res.status).toBe(200)
  const layer = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer()))).layers
    .stations
  if (!layer) return []
  expect(layer.extent).toBe(EXTENT)
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i)
    const p = f.loadGeometry()[0]![0]!
    return { x: p.x, y: p.y, props: f.properties as Props }
  }).filter((f) => f.x >= 0 && f.y >= 0 && f.x < EXTENT && f.y < EXTENT)
}

const countByKind = (stations: readonly StationInput[]) =>
  Object.fromEntries(STATION_KINDS.map((k) => [k, stations.filter((s) => s.kind === k).length]))

/** unitsAt of every active station, per zoom: measured once, asked of many tiles. */
const activeUnits = new Map<number, ReturnType<typeof unitsAt>[]>()
function unitsOfActive(z: number) {
  let units = activeUnits.get(z)
  if (!units) activeUnits.set(z, (units = active.map((s) => unitsAt(s, z))))
  return units
}

/**
 * A tile of single points equals the active stations `keep` passes whose position it holds:
 * the same ids, each within half a unit (1/16 px) of where its station is, with its kind.
 */
async function expectPointsTile(
  z: number,
  x: number,
  y: number,
  keep: (s: StationInput) => boolean,
  query = '',
) {
  const units = unitsOfActive(z)
  const inTile = new Map<string, { s: StationInput; u: (typeof units)[number] }>()
  active.forEach((s, i) => {
    const u = units[i]!
    if (u.tx === x && u.ty === y && keep(s)) inTile.set(s.id, { s, u })
  })
  const own = await ownFeatures(z, x, y, query)
  const where = `${z}/${x}/${y}${query}`
  expect(
    own.every((f) => f.props.point_count === undefined),
    where,
  ).toBe(true)
  expect(own.map((f) => String(f.props.id)).sort(), where).toEqual([...inTile.keys()].sort())
  for (const f of own) {
    const { s, u } = inTile.get(String(f.props.id))!
    expect(Math.abs(x * EXTENT + f.x - u.x), `${where} ${s.id}`).toBeLessThanOrEqual(0.5)
    expect(Math.abs(y * EXTENT + f.y - u.y), `${where} ${s.id}`).toBeLessThanOrEqual(0.5)
    expect(f.props.kind, `${where} ${s.id}`).toBe(s.kind)
  }
  return inTile.size
}

/** The tiles at zoom z of `count` stations picked at random (busy places are picked more). */
function sampleTiles(z: number, count: number, seed: number) {
  const rng = createRandom(seed)
  const tiles = new Map<string, [number, number]>()
  while (tiles.size < count) {
    const { tx, ty } = rng.pick(unitsOfActive(z))
    tiles.set(`${tx}/${ty}`, [tx, ty])
  }
  return [...tiles.values()]
}

describe('vector tiles at 150,000 stations', () => {
  it.each([4, 7, 10])(
    'at zoom %i the clusters and points of every tile count each active station once, by kind',
    async (z) => {
      const units = unitsOfActive(z)
      const range = (tile: (u: (typeof units)[number]) => number) => {
        const [min, max] = units.reduce(
          ([lo, hi], u) => [Math.min(lo, tile(u)), Math.max(hi, tile(u))],
          [Infinity, -Infinity],
        )
        return Array.from({ length: max - min + 1 }, (_, i) => min + i)
      }
      const counted = Object.fromEntries(STATION_KINDS.map((k) => [k, 0]))
      let clusters = 0
      const indexOf = new Map(active.map((s, i) => [s.id, i]))
      for (const x of range((u) => u.tx)) {
        for (const y of range((u) => u.ty)) {
          for (const f of await ownFeatures(z, x, y)) {
            if (f.props.point_count === undefined) {
              // A point left on its own is its station, where it is.
              const i = indexOf.get(String(f.props.id))!
              const [s, u] = [active[i]!, units[i]!]
              expect([u.tx, u.ty], s.id).toEqual([x, y])
              expect(Math.abs(x * EXTENT + f.x - u.x), s.id).toBeLessThanOrEqual(0.5)
              expect(Math.abs(y * EXTENT + f.y - u.y), s.id).toBeLessThanOrEqual(0.5)
              counted[s.kind]!++
              continue
            }
            clusters++
            let kinds = 0
            for (const k of STATION_KINDS) {
              counted[k]! += Number(f.props[`count_${k}`])
              kinds += Number(f.props[`count_${k}`])
            }
            expect(kinds).toBe(f.props.point_count)
          }
        }
      }
      expect(clusters).toBeGreaterThan(0)
      expect(counted).toEqual(countByKind(active))
    },
    60_000,
  )

  it('beyond the cluster zoom and at the deepest zoom a tile holds exactly the stations in it', async () => {
    let points = 0
    for (const z of [CLUSTER_MAX_ZOOM + 1, TILE_MAX_ZOOM])
      for (const [x, y] of sampleTiles(z, 12, z))
        points += await expectPointsTile(z, x, y, () => true)
    expect(points).toBeGreaterThan(500)
  }, 60_000)

  it('unclustered at zoom 10, and only those open at an instant, a tile holds exactly its stations', async () => {
    const at = '2026-07-07T23:30:00+08:00'
    const open = (s: StationInput) => isOpenAt(s.openingHours, new Date(at)) === true
    let all = 0
    let opened = 0
    for (const [x, y] of sampleTiles(10, 3, 10)) {
      all += await expectPointsTile(10, x, y, () => true, '?cluster=false')
      const query = `?cluster=false&openAt=${encodeURIComponent(at)}`
      opened += await expectPointsTile(10, x, y, open, query)
    }
    expect(opened).toBeGreaterThan(0)
    expect(opened).toBeLessThan(all)
  }, 60_000)
})
