import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApp } from '../server/app.ts'
import { SqliteStore } from '../server/db/sqlite/sqlite-store.ts'
import { readDataset } from '../server/seed.ts'
import { generateSample } from '../data/scripts/sample/generate-sample.ts'
import { report, round, type Row } from './bench-report.ts'

/**
 * Whole-layer exports at 150,000 generated stations: how long each file takes, how big it is,
 * and the longest the event loop was held meanwhile (bar: 50 ms), beside the reference of
 * reading the same stations page by page from the store without writing a file.
 * One request per case, gzip accepted, through the app's middleware, its body read as it comes.
 */

const STATIONS = 150_000

/**
 * Runs `work` while a 1 ms timer measures the longest gap between its ticks: the longest the
 * event loop was held. On a shared machine a gap also counts time the process was not
 * scheduled at all, so beside it is the most CPU time the process used within one gap
 * (all threads: an upper bound on what the loop itself did).
 */
async function withLoopProbe<T>(
  work: () => Promise<T>,
): Promise<[T, { wallMs: number; cpuMs: number }]> {
  let last = performance.now()
  let lastCpu = process.cpuUsage()
  const max = { wallMs: 0, cpuMs: 0 }
  const timer = setInterval(() => {
    const now = performance.now()
    const cpu = process.cpuUsage(lastCpu)
    max.wallMs = Math.max(max.wallMs, now - last)
    max.cpuMs = Math.max(max.cpuMs, (cpu.user + cpu.system) / 1000)
    last = now
    lastCpu = process.cpuUsage()
  }, 1)
  try {
    return [await work(), max]
  } finally {
    clearInterval(timer)
  }
}

const shipped = readDataset('data')
const dataset = {
  counties: shipped.counties,
  ...generateSample({ seed: 1, stations: STATIONS, classes: 1400, counties: shipped.counties }),
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-bench-'))
const store = await SqliteStore.open(path.join(dir, 'bench.sqlite'))
await store.replaceDataset(dataset)
const app = createApp(store)

const rows: Row[] = []
{
  const t0 = performance.now()
  const [records, maxGap] = await withLoopProbe(async () => {
    let afterId: string | undefined
    let n = 0
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve))
      const page = await store.listStations({ limit: 500, afterId })
      n += page.stations.length
      if (page.lastId === null) return n
      afterId = page.lastId
    }
  })
  rows.push({
    case: 'reference: read every station, pages of 500',
    records,
    ms: round(performance.now() - t0, 0),
    'max loop gap ms': round(maxGap.wallMs, 1),
    'max CPU ms in a gap': round(maxGap.cpuMs, 1),
    'MB sent (gzip)': 0,
  })
}

for (const url of [
  '/api/stations.csv',
  '/api/stations.geojson',
  '/api/stations.xlsx',
  '/api/stations.csv?amenities=drinking_water,toilet',
  '/api/classes.xlsx',
]) {
  const t0 = performance.now()
  const [bytes, maxGap] = await withLoopProbe(async () => {
    const res = await app.request(url, { headers: { 'accept-encoding': 'gzip' } })
    if (res.status !== 200 || !res.body) throw new Error(`${res.status} for ${url}`)
    // Read as a client would, chunk by chunk, keeping nothing.
    const reader = res.body.getReader()
    let n = 0
    for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.byteLength
    return n
  })
  rows.push({
    case: url,
    records: '',
    ms: round(performance.now() - t0, 0),
    'max loop gap ms': round(maxGap.wallMs, 1),
    'max CPU ms in a gap': round(maxGap.cpuMs, 1),
    'MB sent (gzip)': round(bytes / 1e6, 1),
  })
}
await store.close()
fs.rmSync(dir, { recursive: true, force: true })
// The load average says how far the wall-clock figures can be trusted on a shared machine.
report('exports', rows, { stations: STATIONS, cpus: os.cpus().length, loadAverage: os.loadavg() })
