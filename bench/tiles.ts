/**
 * Vector tiles: building the clustered index of the station layer, and the tiles it cuts, at
 * the shipped 6,000 stations and at 150,000 (the shipped ones repeated with a few km of
 * jitter, so the clustering stays realistic). Reference: the nearby kd-tree built over the
 * same points in the same run. Also the event loop's stalls while TileService builds at
 * 150,000 (the build runs in its thread; the points are copied to it a chunk at a time), beside
 * those of an idle loop over the same time.
 * Run: npx tsx bench/tiles.ts (about a minute). Writes bench/results/tiles.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { readDataset } from '../server/seed.ts'
import { amenityMask } from '../server/domain/amenity-mask.ts'
import { STATION_KINDS } from '../server/domain/vocabularies.ts'
import { PointIndex } from '../server/geo/spatial-index.ts'
import { buildPointTiles, encodeTile } from '../server/tiles/point-tiles.ts'
import type { TilePoint } from '../server/tiles/point-tiles.ts'
import { TileService } from '../server/tiles/tile-service.ts'
import type { Store } from '../server/db/store.ts'
import { seededRandom } from '../tests/server/geo/seeded-random.ts'
import { tileXY } from './tile-xy.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const shipped: TilePoint[] = readDataset(join(root, 'data'))
  .stations.filter((s) => s.status === 'active')
  .map((s) => ({
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
  }))
const random = seededRandom(16)
const national: TilePoint[] = Array.from({ length: 150_000 }, (_, i) => {
  const p = shipped[i % shipped.length]!
  const jitter = () => (random() - 0.5) * 0.06
  return {
    lon: p.lon + jitter(),
    lat: p.lat + jitter(),
    properties: { ...p.properties, id: `${p.properties.id}-${i}` },
  }
})
const countBy = { property: 'kind', values: STATION_KINDS }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now()
  const out = f()
  return [out, performance.now() - t0]
}

function measure(points: TilePoint[]) {
  buildPointTiles(points.slice(0, 2000), countBy) // warm the JIT
  const builds = [0, 1, 2].map(() => time(() => buildPointTiles(points, countBy))[1])
  const index = buildPointTiles(points, countBy)
  const kdMs = median(
    [0, 1, 2].map(
      () =>
        time(
          () =>
            new PointIndex(
              points,
              (p) => [p.lon, p.lat],
              (p) => String(p.properties.id),
            ),
        )[1],
    ),
  )
  // Tiles of every kind the maps ask for: the distinct tiles holding stations at z 7, 10, 14.
  const tiles: Record<string, unknown> = {}
  for (const z of [7, 10, 14]) {
    const keys = [...new Set(points.map((p) => tileXY(p.lon, p.lat, z).join('/')))]
    const sample = keys.filter((_, i) => i % Math.ceil(keys.length / 400) === 0)
    const raw: number[] = []
    const gz: number[] = []
    const ms: number[] = []
    for (const k of sample) {
      const [x, y] = k.split('/').map(Number)
      const [bytes, t] = time(() => encodeTile(index, 'stations', z, x!, y!))
      raw.push(bytes.byteLength)
      gz.push(gzipSync(bytes).byteLength)
      ms.push(t)
    }
    tiles[`z${z}`] = {
      tilesWithStations: keys.length,
      sampled: sample.length,
      medianBytes: median(raw),
      maxBytes: Math.max(...raw),
      medianGzipBytes: median(gz),
      maxGzipBytes: Math.max(...gz),
      medianCutMs: +median(ms).toFixed(3),
    }
  }
  return {
    points: points.length,
    buildMs: +median(builds).toFixed(1),
    referenceKdTreeBuildMs: +kdMs.toFixed(1),
    tiles,
  }
}

/** The event loop's longest stall while TileService loads and indexes `points` in its thread. */
async function eventLoopDuringBuild(points: TilePoint[]) {
  const sources = {
    stations: {
      async *pages() {
        yield points
      },
      countBy,
    },
    classes: {
      async *pages() {},
    },
  }
  const store = { dataVersion: async () => 1 } as unknown as Store
  const service = new TileService(store, sources)
  await service.tile('classes', 0, 0, 0) // start the thread first: its boot is not the build
  const h = monitorEventLoopDelay({ resolution: 5 })
  h.enable()
  const t0 = performance.now()
  const threadMs = await service.indexed('stations', 1)
  const wallMs = performance.now() - t0
  h.disable()
  await service.close()
  // Reference: the same wait with nothing to do, since a busy machine delays an idle loop too.
  const idle = monitorEventLoopDelay({ resolution: 5 })
  idle.enable()
  await new Promise((resolve) => setTimeout(resolve, wallMs))
  idle.disable()
  return {
    wallMs: +wallMs.toFixed(0),
    threadBuildMs: +threadMs.toFixed(0),
    eventLoopMaxDelayMs: +(h.max / 1e6).toFixed(1),
    eventLoopP99DelayMs: +(h.percentile(99) / 1e6).toFixed(1),
    referenceIdleMaxDelayMs: +(idle.max / 1e6).toFixed(1),
    referenceIdleP99DelayMs: +(idle.percentile(99) / 1e6).toFixed(1),
  }
}

// The service first, while the heap holds only the points (the measurements leave garbage).
const serviceAt150k = await eventLoopDuringBuild(national)
const result = {
  name: 'tiles',
  measuredAt: new Date().toISOString(),
  node: process.version,
  shipped: measure(shipped),
  national: measure(national),
  serviceAt150k,
}
console.log(JSON.stringify(result, null, 2))
const out = join(root, 'bench', 'results', 'tiles.json')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`)
