import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { createRandom } from '../data/scripts/sample/random.ts'
import { percentile, report, round, type Row } from './bench-report.ts'
import { tileXY } from './tile-xy.ts'
import { seededDataDir, start, type Child } from './server-process.ts'

/**
 * The API over real HTTP, measured from outside: server/main.ts in a process of its own over a
 * data directory seeded with the shipped 6,000 stations and with 150,000 generated ones, loaded
 * by autocannon from this process at concurrency 1 and 32. Every request of nearby, list and
 * tiles asks something new (random points where stations are, random tiles at z 8–14). The
 * reference is bench/reference-server.ts: the same app and HTTP server in a third process,
 * answering a fixed body: the median nearby answer (by size). Cases alternate with the
 * reference in rounds, and each ratio is to the reference of its own round and concurrency.
 * Nearby's floor, on the reference's server, is the fixed body behind nearby's route and query
 * validation: what no search or body, however fast, could raise nearby above.
 *
 * Beside throughput, each run reports the server's CPU time per request (utime + stime of its
 * process over the run, from /proc): on a shared machine wall-clock rates swing with the
 * neighbours' load, CPU per request far less.
 *
 * Before the rounds each case runs unreported for BENCH_WARM_S: the JIT settles, and so do the
 * caches the figures are meant to include — tiles per data version, and the nearby route's kept
 * station features (StationHeads), which fill as stations are first met (at 150,000 stations a
 * cold nearby answer costs about twice the CPU of a warm one).
 *
 *   BENCH_SECONDS (5) per run, BENCH_WARM_S (20), BENCH_ROUNDS (2), BENCH_SIZES (6000,150000),
 *   BENCH_CPU_PROF=<dir>: the API server runs with --cpu-prof and writes its profile there.
 *   BENCH_DATABASE_URL=postgres://…: the API server runs on that PostgreSQL (its data replaced).
 */

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARM_SECONDS = Number(process.env.BENCH_WARM_S ?? 20)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2)
const SIZES = (process.env.BENCH_SIZES ?? '6000,150000').split(',').map(Number)
const CONCURRENCY = [1, 32]
/** The reference's route, outside the product's API; nearby's floor is below it. */
const REFERENCE_PATH = '/api/reference'
const FLOOR_CASE = "floor: nearby's route and query checks, then the fixed body"

interface Measured {
  rps: number
  p50: number
  p99: number
  bytes: number
  cpuUs: number
}

/** CPU time (user + system) a process has used, in µs; /proc counts in clock ticks (10 ms). */
function cpuUs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10_000
}

/** One run: `connections` clients asking `next()` back to back for `seconds`. */
async function load(
  server: Child,
  next: () => string,
  connections: number,
  seconds = SECONDS,
): Promise<Measured> {
  const base = server.base
  const cpuBefore = cpuUs(server.pid)
  const latencies: number[] = []
  let bytes = 0
  let finished!: (r: autocannon.Result) => void
  let failed!: (err: unknown) => void
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve
    failed = reject
  })
  const instance = autocannon(
    {
      url: base,
      connections,
      duration: seconds,
      // As a browser asks: answers the server keeps gzipped are sent so.
      headers: { 'accept-encoding': 'gzip' },
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
    },
    (err, result) => (err ? failed(err) : finished(result)),
  )
  // autocannon's own histogram keeps whole milliseconds; the response events carry fractions.
  instance.on('response', (_client, status, size, ms) => {
    if (status !== 200) failed(new Error(`${status} from ${base}`))
    latencies.push(ms)
    bytes += size
  })
  const result = await done
  const cpu = cpuUs(server.pid) - cpuBefore
  if (result.errors > 0 || result.timeouts > 0) throw new Error(`errors loading ${base}`)
  latencies.sort((a, b) => a - b)
  return {
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    bytes: bytes / latencies.length,
    cpuUs: cpu / latencies.length,
  }
}

async function benchSize(stations: number): Promise<Row[]> {
  const { dataset, dataDir, serverEnv } = await seededDataDir(stations)
  const rnd = createRandom(3)
  const near = () => {
    const s = rnd.pick(dataset.stations)
    return [s.lon + rnd.normal(0, 0.01), s.lat + rnd.normal(0, 0.01)] as const
  }
  const nearbyQuery = () => {
    const [lon, lat] = near()
    return `?lat=${lat.toFixed(5)}&lon=${lon.toFixed(5)}`
  }
  const nearby = () => `/api/stations/nearby${nearbyQuery()}`
  const list = () => {
    const [lon, lat] = near()
    const box = [lon - 0.02, lat - 0.02, lon + 0.02, lat + 0.02].map((v) => v.toFixed(4))
    return `/api/stations?bbox=${box.join(',')}`
  }
  const tile = () => {
    const [lon, lat] = near()
    const z = rnd.int(8, 14)
    const [x, y] = tileXY(lon, lat, z)
    return `/api/tiles/stations/${z}/${x}/${y}.mvt`
  }
  const coverage = () => '/api/coverage?radius=1000'

  // Ready once the tile index and the default radius's coverage are built (main.ts warms both).
  const api = await start('server/main.ts', serverEnv, [
    '/api/health',
    '/api/tiles/stations/8/213/105.mvt',
    coverage(),
  ])
  // The reference body: the median nearby answer here (by size), itself, so that it compresses
  // as nearby answers do (both are gzipped per request).
  const answers: Buffer[] = []
  for (let i = 0; i < 301; i++) {
    answers.push(Buffer.from(await (await fetch(api.base + nearby())).arrayBuffer()))
  }
  answers.sort((a, b) => a.length - b.length)
  const referenceBody = answers[answers.length >> 1]!
  const referenceBytes = referenceBody.length
  const bodyFile = path.join(dataDir, 'reference-body.json')
  fs.writeFileSync(bodyFile, referenceBody)
  const reference = await start(
    'bench/reference-server.ts',
    { REFERENCE_BODY_FILE: bodyFile, REFERENCE_PATH },
    [REFERENCE_PATH],
  )
  const cases: [string, Child, () => string][] = [
    ['nearby (r 3 km, k 20)', api, nearby],
    ['list (bbox ±0.02°, 100)', api, list],
    ['tiles (z 8–14)', api, tile],
    ['coverage (R 1 km, kept)', api, coverage],
    // On the reference's server: nearby's route up to its search (reference-server.ts).
    [FLOOR_CASE, reference, () => `${REFERENCE_PATH}/nearby${nearbyQuery()}`],
  ]
  const runs: { round: number; c: number; name: string; m: Measured }[] = []
  const warm: [string, Measured][] = []
  try {
    for (const [name, server, next] of cases)
      warm.push([name, await load(server, next, 8, WARM_SECONDS)])
    for (let round = 1; round <= ROUNDS; round++) {
      for (const c of CONCURRENCY) {
        for (const [name, server, next] of cases) {
          runs.push({
            round,
            c,
            name: 'reference',
            m: await load(reference, () => REFERENCE_PATH, c),
          })
          runs.push({ round, c, name, m: await load(server, next, c) })
        }
      }
    }
  } finally {
    await reference.stop()
    await api.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }

  // The warm-up of nearby as a row of its own: what answers cost while the kept features fill.
  const [, cold] = warm[0]!
  const rows: Row[] = [
    {
      stations,
      c: 8,
      case: `${cases[0]![0]}, first ${WARM_SECONDS} s after start (warm-up)`,
      'req/s': Math.round(cold.rps),
      'p50 ms': round(cold.p50, 2),
      'p99 ms': round(cold.p99, 2),
      'avg bytes': Math.round(cold.bytes),
      'server CPU µs/req': Math.round(cold.cpuUs),
      'vs reference': '',
    },
  ]
  for (const c of CONCURRENCY) {
    for (const name of ['reference', ...cases.map(([n]) => n)]) {
      const mine = runs.filter((r) => r.c === c && r.name === name)
      // Each case's ratio is to the reference run just before it.
      const ratios =
        name === 'reference' ? [] : mine.map((r) => r.m.rps / runs[runs.indexOf(r) - 1]!.m.rps)
      const med = (f: (m: Measured) => number) =>
        percentile(
          mine.map((r) => f(r.m)).sort((a, b) => a - b),
          50,
        )
      rows.push({
        stations,
        c,
        case: name === 'reference' ? `reference: fixed ${referenceBytes} B` : name,
        'req/s': Math.round(med((m) => m.rps)),
        'p50 ms': round(
          med((m) => m.p50),
          2,
        ),
        'p99 ms': round(
          med((m) => m.p99),
          2,
        ),
        'avg bytes': Math.round(med((m) => m.bytes)),
        'server CPU µs/req': Math.round(med((m) => m.cpuUs)),
        'vs reference':
          name === 'reference' ? '' : ratios.map((r) => `${(100 * r).toFixed(1)} %`).join(', '),
      })
    }
  }
  return rows
}

const rows: Row[] = []
for (const n of SIZES) rows.push(...(await benchSize(n)))
report('http', rows, {
  secondsPerRun: SECONDS,
  rounds: ROUNDS,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
})
