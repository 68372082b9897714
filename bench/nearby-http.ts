import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createApp } from '../server/app.ts'
import { SqliteStore } from '../server/db/sqlite/sqlite-store.ts'
import { readDataset } from '../server/seed.ts'
import { generateSample } from '../data/scripts/sample/generate-sample.ts'
import { createRandom } from '../data/scripts/sample/random.ts'
import { heapMb, percentile, report, round, type Row } from './bench-report.ts'

/**
 * Nearby over real HTTP on loopback, beside its reference (GET /api/health, which does no
 * spatial work), at the shipped 6,000 stations and at 150,000 generated ones.
 * Bounded: a fixed number of requests per case, a fixed concurrency, then it stops.
 */

const REQUESTS = 3000
const CONCURRENCY = 8

async function timeRequests(base: string, urls: () => string): Promise<Row> {
  const latencies: number[] = []
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next++
        const t0 = performance.now()
        const res = await fetch(base + urls())
        if (res.status !== 200) throw new Error(`${res.status} for ${res.url}`)
        await res.arrayBuffer()
        latencies.push(performance.now() - t0)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    'req/s': round(latencies.length / seconds, 0),
    'p50 ms': round(percentile(latencies, 50)),
    'p95 ms': round(percentile(latencies, 95)),
    'p99 ms': round(percentile(latencies, 99)),
  }
}

async function benchStore(label: string, stations: number): Promise<Row[]> {
  const shipped = readDataset('data')
  const dataset =
    stations === shipped.stations.length
      ? shipped
      : {
          counties: shipped.counties,
          ...generateSample({ seed: 1, stations, classes: 1400, counties: shipped.counties }),
        }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-bench-'))
  const t0 = performance.now()
  const store = await SqliteStore.open(path.join(dir, 'bench.sqlite'))
  await store.replaceDataset(dataset)
  const loadMs = performance.now() - t0
  const server = serve({ fetch: createApp(store).fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const rnd = createRandom(3)
  // Query points near generated stations, where people actually ask.
  const origins = dataset.stations.map((s) => [
    s.lon + rnd.normal(0, 0.01),
    s.lat + rnd.normal(0, 0.01),
  ])
  const pickOrigin = () => rnd.pick(origins)
  const nearby = (extra: string) => () => {
    const [lon, lat] = pickOrigin()!
    return `/api/stations/nearby?lat=${lat!.toFixed(5)}&lon=${lon!.toFixed(5)}${extra}`
  }
  const rows: Row[] = []
  const cases: Array<[string, () => string]> = [
    ['health (reference)', () => '/api/health'],
    ['nearby r=3000 k=20', nearby('')],
    [
      'nearby r=10000 k=50 toilet+water',
      nearby('&radius=10000&limit=50&amenities=toilet,drinking_water'),
    ],
    ['nearby r=3000 openNow', nearby('&openNow=true')],
  ]
  for (const [name, urls] of cases) {
    await timeRequests(base, urls) // warm-up pass, not reported
    rows.push({ data: label, case: name, ...(await timeRequests(base, urls)) })
  }
  rows.push({
    data: label,
    case: 'load + index build (ms)',
    requests: 0,
    'req/s': 0,
    'p50 ms': round(loadMs, 0),
    'p95 ms': 0,
    'p99 ms': 0,
  })
  rows.push({
    data: label,
    case: 'heap after load (MB)',
    requests: 0,
    'req/s': 0,
    'p50 ms': heapMb(),
    'p95 ms': 0,
    'p99 ms': 0,
  })
  server.close()
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
  return rows
}

const shippedCount = readDataset('data').stations.length
const rows = [
  ...(await benchStore(`${shippedCount} stations`, shippedCount)),
  ...(await benchStore('150,000 stations', 150_000)),
]
report('nearby-http', rows, {
  requestsPerCase: REQUESTS,
  concurrency: CONCURRENCY,
  cpus: os.cpus().length,
})
