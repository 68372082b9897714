/**
 * PointIndex.nearby against the brute-force scan it must agree with, on 150 000 random points
 * over Zhejiang's bounding box. Run: npx tsx bench/nearby-index.ts (about 30 s; the brute-force scan is most of it).
 * Writes bench/results/nearby-index.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LonLat } from '../server/domain/geojson.ts'
import { nearbyBruteForce } from '../server/geo/nearby-brute-force.ts'
import { PointIndex } from '../server/geo/spatial-index.ts'
import { randomLonLatIn, seededRandom, ZHEJIANG_BBOX } from '../tests/server/geo/seeded-random.ts'

const POINTS = 150_000
const INDEX_QUERIES = 10_000
const BRUTE_FORCE_QUERIES = 120
const RADIUS_M = 3000
const LIMIT = 20

type Pt = { id: number; lonLat: LonLat }
const getLonLat = (p: Pt) => p.lonLat
const getId = (p: Pt) => p.id

const random = seededRandom(150_000)
const points: Pt[] = Array.from({ length: POINTS }, (_, id) => ({
  id,
  lonLat: randomLonLatIn(random, ZHEJIANG_BBOX),
}))
const origins: LonLat[] = Array.from({ length: INDEX_QUERIES }, () =>
  randomLonLatIn(random, ZHEJIANG_BBOX),
)
const opts = { radiusM: RADIUS_M, limit: LIMIT }

const heapBeforeMb = heapMb()
let t0 = performance.now()
const index = new PointIndex(points, getLonLat, getId)
const buildMs = performance.now() - t0
const heapAfterBuildMb = heapMb()

// Warm up the JIT on both paths before timing.
for (const o of origins.slice(0, 200)) index.nearby(o, opts)
for (const o of origins.slice(0, 5)) nearbyBruteForce(points, getLonLat, o, opts, getId)

let hits = 0
t0 = performance.now()
for (const o of origins) hits += index.nearby(o, opts).length
const indexMs = performance.now() - t0

t0 = performance.now()
let mismatches = 0
for (const o of origins.slice(0, BRUTE_FORCE_QUERIES)) {
  const want = nearbyBruteForce(points, getLonLat, o, opts, getId)
  const got = index.nearby(o, opts)
  const same = want.length === got.length && want.every((h, i) => h.item === got[i]?.item)
  if (!same) mismatches++
}
// The check re-runs the index query; its cost (< 0.1 % of the total) is left in the scan's time.
const bruteMs = performance.now() - t0

const perIndexQueryMs = indexMs / INDEX_QUERIES
const perBruteQueryMs = bruteMs / BRUTE_FORCE_QUERIES
const results = {
  points: POINTS,
  radiusM: RADIUS_M,
  limit: LIMIT,
  node: process.version,
  // Heap figures are exact only under `node --expose-gc --import tsx bench/nearby-index.ts`.
  gcExposed: typeof globalThis.gc === 'function',
  buildMs: round(buildMs),
  heapMb: {
    beforeBuild: round(heapBeforeMb),
    afterBuild: round(heapAfterBuildMb),
    index: round(heapAfterBuildMb - heapBeforeMb),
  },
  index: {
    queries: INDEX_QUERIES,
    msPerQuery: round(perIndexQueryMs, 4),
    queriesPerS: Math.round(1000 / perIndexQueryMs),
    meanHits: round(hits / INDEX_QUERIES),
  },
  bruteForce: {
    queries: BRUTE_FORCE_QUERIES,
    msPerQuery: round(perBruteQueryMs, 3),
    queriesPerS: round(1000 / perBruteQueryMs),
  },
  speedup: Math.round(perBruteQueryMs / perIndexQueryMs),
  mismatchesWithBruteForce: mismatches,
}

const row = (ms: number, msPerQuery: number | string, queriesPerS: number | string) => ({
  ms: round(ms),
  'ms/query': msPerQuery,
  'queries/s': queriesPerS,
})
console.table({
  'index build': row(buildMs, '', ''),
  [`index nearby ×${INDEX_QUERIES}`]: row(
    indexMs,
    results.index.msPerQuery,
    results.index.queriesPerS,
  ),
  [`brute force ×${BRUTE_FORCE_QUERIES}`]: row(
    bruteMs,
    results.bruteForce.msPerQuery,
    results.bruteForce.queriesPerS,
  ),
})
console.log(
  `heap ${results.heapMb.afterBuild} MB after build (+${results.heapMb.index} MB), ` +
    `mean hits ${results.index.meanHits}, speed-up ×${results.speedup}, mismatches ${mismatches}`,
)

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'nearby-index.json')
mkdirSync(dirname(out), { recursive: true })
writeFileSync(out, JSON.stringify(results, null, 2) + '\n')
console.log(`wrote ${out}`)
if (mismatches > 0) process.exitCode = 1

function heapMb(): number {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

function round(x: number, digits = 1): number {
  return Number(x.toFixed(digits))
}
