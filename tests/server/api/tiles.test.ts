import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PbfReader } from 'pbf'
import { VectorTile } from '@mapbox/vector-tile'
import { makeDataset } from '../../fixtures/dataset.ts'
import type { FullDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { isOpenAt } from '../../../server/domain/opening-hours.ts'
import { AMENITIES, STATION_KINDS } from '../../../server/domain/vocabularies.ts'
import {
  CLUSTER_MAX_ZOOM,
  TILE_MAX_ZOOM,
  TILE_MEDIA_TYPE,
} from '../../../server/domain/tile-format.ts'

// Tiles decoded as MapLibre decodes them, checked against the records the store was given.

let t: Awaited<ReturnType<typeof makeTestApp>>
let data: FullDataset
beforeAll(async () => {
  data = makeDataset(400, 60)
  t = await makeTestApp(data)
})
afterAll(() => t.close())

const active = () => data.stations.filter((s) => s.status === 'active')

/** Web Mercator tile coordinates (fractional) of a point at zoom z. */
function tileXY(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const sin = Math.sin((lat * Math.PI) / 180)
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)
  return [((lon + 180) / 360) * n, y * n]
}

interface Decoded {
  extent: number
  features: { x: number; y: number; props: Record<string, string | number | boolean> }[]
}

async function fetchTile(
  layer: string,
  z: number,
  x: number,
  y: number,
  query = '',
): Promise<Decoded> {
  const res = await t.app.request(`/api/tiles/${layer}/${z}/${x}/${y}.mvt${query}`)
  expect(res.status).toBe(200)
  const tile = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())))
  const l = tile.layers[layer]
  if (!l) return { extent: 4096, features: [] }
  const features = Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i)
    const p = f.loadGeometry()[0]![0]!
    return { x: p.x, y: p.y, props: f.properties }
  })
  return { extent: l.extent, features }
}

/** Every tile at zoom z over the data's bounds, and the features whose position lies inside it. */
async function ownFeatures(layer: string, z: number, query = '') {
  const pts = [...data.stations, ...data.classes]
  const xs = pts.map((p) => Math.floor(tileXY(p.lon, p.lat, z)[0]))
  const ys = pts.map((p) => Math.floor(tileXY(p.lon, p.lat, z)[1]))
  const own: (Decoded['features'][number] & { tile: [number, number] })[] = []
  for (let x = Math.min(...xs); x <= Math.max(...xs); x++) {
    for (let y = Math.min(...ys); y <= Math.max(...ys); y++) {
      const tile = await fetchTile(layer, z, x, y, query)
      for (const f of tile.features) {
        const inside = f.x >= 0 && f.y >= 0 && f.x < tile.extent && f.y < tile.extent
        // Beyond its edge a tile repeats its neighbours' features, 48 px (384 units) deep.
        if (!inside)
          expect(Math.max(-f.x, -f.y, f.x - tile.extent, f.y - tile.extent)).toBeLessThanOrEqual(
            384,
          )
        if (inside)
          own.push({ ...f, x: x + f.x / tile.extent, y: y + f.y / tile.extent, tile: [x, y] })
      }
    }
  }
  return own
}

const countOf = (p: Record<string, unknown>) =>
  p.point_count === undefined ? 1 : Number(p.point_count)

describe('vector tiles', () => {
  it('at every zoom the clusters and points of all tiles count each active station once, by kind', async () => {
    for (let z = 0; z <= TILE_MAX_ZOOM; z++) {
      const own = await ownFeatures('stations', z)
      expect(
        own.reduce((n, f) => n + countOf(f.props), 0),
        `z${z}`,
      ).toBe(active().length)
      for (const kind of STATION_KINDS) {
        const n = own.reduce(
          (sum, f) =>
            sum +
            (f.props.point_count === undefined
              ? Number(f.props.kind === kind)
              : Number(f.props[`count_${kind}`])),
          0,
        )
        expect(n, `z${z} ${kind}`).toBe(active().filter((s) => s.kind === kind).length)
      }
      // Each cluster's kinds add up to its count, and it splits at a deeper zoom.
      for (const f of own.filter((f) => f.props.point_count !== undefined)) {
        const kinds = STATION_KINDS.reduce((n, k) => n + Number(f.props[`count_${k}`]), 0)
        expect(kinds).toBe(f.props.point_count)
        expect(Number(f.props.expansion_zoom)).toBeGreaterThan(z)
      }
      if (z > CLUSTER_MAX_ZOOM)
        expect(own.every((f) => f.props.point_count === undefined)).toBe(true)
    }
  })

  it('points beyond the cluster zoom are the active stations, within 1/8 px of where they are, with their fields', async () => {
    const z = CLUSTER_MAX_ZOOM + 1
    const own = await ownFeatures('stations', z)
    const byId = new Map(own.map((f) => [String(f.props.id), f]))
    expect(byId.size).toBe(active().length)
    for (const s of active()) {
      const f = byId.get(s.id)!
      const [x, y] = tileXY(s.lon, s.lat, z)
      // One tile unit is 1/4096 of the tile; a pixel is 8 of them.
      expect(Math.abs(f.x - x) * 4096).toBeLessThanOrEqual(0.5 + 1e-6)
      expect(Math.abs(f.y - y) * 4096).toBeLessThanOrEqual(0.5 + 1e-6)
      expect(f.tile).toEqual([Math.floor(x), Math.floor(y)])
      const mask = Number(f.props.amenities)
      expect(AMENITIES.filter((_, i) => (mask >> i) & 1)).toEqual(
        AMENITIES.filter((a) => s.amenities.includes(a)),
      )
      expect(f.props).toMatchObject({ kind: s.kind, tier: s.tier, name: s.name, sample: s.sample })
    }
  })

  it.each([
    ['a weekday morning', '2025-11-19T09:30:00+08:00'],
    ['a weekday night', '2025-11-19T23:30:00+08:00'],
    ['a Saturday noon', '2025-11-22T12:00:00+08:00'],
  ])(
    'openAt on %s: clusters and points count exactly the stations open then, as nearby decides',
    async (_, at) => {
      const open = active().filter((s) => isOpenAt(s.openingHours, new Date(at)) === true)
      // The instants pick different sets, or the test could not tell a filter from none.
      expect(open.length).toBeGreaterThan(0)
      expect(open.length).toBeLessThan(active().length)
      const query = `?openAt=${encodeURIComponent(at)}`
      for (const z of [6, 10, CLUSTER_MAX_ZOOM + 1]) {
        const own = await ownFeatures('stations', z, query)
        expect(
          own.reduce((n, f) => n + countOf(f.props), 0),
          `z${z}`,
        ).toBe(open.length)
      }
      const points = await ownFeatures('stations', CLUSTER_MAX_ZOOM + 1, query)
      expect(points.map((f) => String(f.props.id)).sort()).toEqual(open.map((s) => s.id).sort())
    },
  )

  it('cluster=false: every station on its own even at zoom 6, openAt narrowing it too', async () => {
    const own = await ownFeatures('stations', 6, '?cluster=false')
    expect(own.every((f) => f.props.point_count === undefined)).toBe(true)
    expect(own.map((f) => String(f.props.id)).sort()).toEqual(
      active()
        .map((s) => s.id)
        .sort(),
    )
    const at = '2025-11-19T23:30:00+08:00'
    const night = await ownFeatures(
      'stations',
      6,
      `?cluster=false&openAt=${encodeURIComponent(at)}`,
    )
    const open = active().filter((s) => isOpenAt(s.openingHours, new Date(at)) === true)
    expect(night.map((f) => String(f.props.id)).sort()).toEqual(open.map((s) => s.id).sort())
  })

  it('the classes layer holds every class with its seats left', async () => {
    const own = await ownFeatures('classes', TILE_MAX_ZOOM)
    const got = own.map((f) => [f.props.id, f.props.seatsLeft]).sort()
    const want = data.classes.map((c) => [c.id, Math.max(0, c.capacity - c.enrolled)]).sort()
    expect(got).toEqual(want)
  })

  it('an empty tile is an empty 200, tagged like the others', async () => {
    const res = await t.app.request('/api/tiles/stations/14/0/0.mvt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(TILE_MEDIA_TYPE)
    expect(res.headers.get('etag')).toMatch(/^"v\d+-/)
    expect((await res.arrayBuffer()).byteLength).toBe(0)
  })

  it('is tagged with the data version: If-None-Match gets a 304, gzip when accepted, a write changes the tag', async () => {
    const [x, y] = tileXY(120.15, 30.25, 10).map(Math.floor)
    const url = `/api/tiles/stations/10/${x}/${y}.mvt`
    const plain = await t.app.request(url)
    const etag = plain.headers.get('etag')!
    expect(plain.headers.get('cache-control')).toBe('no-cache')
    const bytes = new Uint8Array(await plain.arrayBuffer())
    expect(bytes.byteLength).toBeGreaterThan(0)
    const again = await t.app.request(url, { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    const z14 = tileXY(120.15, 30.25, 13).map(Math.floor)
    const big = await t.app.request(`/api/tiles/stations/13/${z14[0]}/${z14[1]}.mvt`, {
      headers: { 'accept-encoding': 'gzip' },
    })
    expect(big.headers.get('content-encoding')).toBe('gzip')
    const unzipped = gunzipSync(new Uint8Array(await big.arrayBuffer()))
    expect(new VectorTile(new PbfReader(unzipped)).layers.stations!.length).toBeGreaterThan(10)

    const fewer = { ...data, stations: data.stations.slice(0, 100) }
    await t.store.replaceDataset(fewer)
    try {
      const after = await t.app.request(url, { headers: { 'if-none-match': etag } })
      expect(after.status).toBe(200)
      expect(after.headers.get('etag')).not.toBe(etag)
      const tile = new VectorTile(new PbfReader(new Uint8Array(await after.arrayBuffer())))
      const l = tile.layers.stations!
      const total = Array.from({ length: l.length }, (_, i) =>
        countOf(l.feature(i).properties),
      ).reduce((a, b) => a + b, 0)
      expect(total).toBe(fewer.stations.filter((s) => s.status === 'active').length)
    } finally {
      await t.store.replaceDataset(data)
    }
  })

  it.each([
    ['/api/tiles/stations/15/0/0.mvt', 'z'],
    ['/api/tiles/stations/1.5/0/0.mvt', 'z'],
    ['/api/tiles/stations/-1/0/0.mvt', 'z'],
    ['/api/tiles/stations/1/2/0.mvt', 'x'],
    ['/api/tiles/stations/1/-1/0.mvt', 'x'],
    ['/api/tiles/stations/1/0/2.mvt', 'y'],
    ['/api/tiles/stations/1/0/0.png', 'y'],
    ['/api/tiles/stations/1/0/0', 'y'],
    ['/api/tiles/shops/1/0/0.mvt', 'layer'],
    ['/api/tiles/stations/1/0/0.mvt?openAt=tonight', 'openAt'],
    ['/api/tiles/classes/1/0/0.mvt?openAt=2025-11-19T09:30:00%2B08:00', 'openAt'],
    ['/api/tiles/stations/1/0/0.mvt?cluster=no', 'cluster'],
  ])('%s is a 400 naming %s', async (url, parameter) => {
    const res = await t.app.request(url)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(((await res.json()) as { parameter: string }).parameter).toBe(parameter)
  })
})
