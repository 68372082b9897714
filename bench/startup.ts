import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { freePort } from '../tests/e2e/free-port.ts'
import os from 'node:os'
import path from 'node:path'
import { SqliteStore } from '../server/db/sqlite/sqlite-store.ts'
import { readDataset } from '../server/seed.ts'
import { generateSample } from '../data/scripts/sample/generate-sample.ts'
import { percentile, report, round, type Row } from './bench-report.ts'

/**
 * Restart time: `node --import tsx server/main.ts` over a data dir that already holds the
 * stations, to the first 200 from /api/health, and its RSS then and once settled; beside the
 * same server stack answering a hello route (node + tsx + hono, nothing of ours). While it
 * settles, /api/health is asked every 20 ms, one at a time: its latency over the warm-ups (the
 * tile index, then the coverage grids at R = 1,000 m, built anew: the data dir has no grid
 * cache) shows any stretch the event loop is held, beside the same polling of the hello route.
 * `STARTUP_KEEP=DIR` keeps the 150,000-station data dir there for profiling runs;
 * BENCH_RUNS (3) per case, BENCH_SETTLE_S (20) of polling after the first answer.
 */

const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const SETTLE_MS = 1000 * Number(process.env.BENCH_SETTLE_S ?? 20)
const POLL_MS = 20

const rssMb = (pid: number) => {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return round(Number(kb) / 1024, 0)
}

const HELLO = `
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
serve({ fetch: new Hono().get('/api/health', (c) => c.text('ok')).fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
`

/** Spawns one process, polls /api/health every 10 ms, answers ms to the first 200 and RSS. */
async function timeStart(args: string[], env: Record<string, string>) {
  // Every start builds the coverage grids anew, as the first start of a deployment does.
  if (env.WAYSTATION_DATA_DIR) {
    fs.rmSync(path.join(env.WAYSTATION_DATA_DIR, 'coverage-grids'), {
      recursive: true,
      force: true,
    })
  }
  const port = await freePort()
  const t0 = performance.now()
  const child = spawn(process.execPath, args, {
    env: { ...process.env, WAYSTATION_BASEMAP_STYLE: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}`)
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      if (performance.now() - t0 > 120_000) throw new Error('no answer in 120 s')
      await new Promise((r) => setTimeout(r, 10))
    }
    const ms = performance.now() - t0
    const rssFirst = rssMb(child.pid!)
    const latencies: number[] = []
    const settled = performance.now() + SETTLE_MS
    while (performance.now() < settled) {
      const asked = performance.now()
      await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.arrayBuffer())
      latencies.push(performance.now() - asked)
      await new Promise((r) => setTimeout(r, POLL_MS))
    }
    return { ms, rssFirst, rssSettled: rssMb(child.pid!), latencies }
  } finally {
    child.kill('SIGTERM')
    await exited
  }
}

async function dataDirWith(stations: number, keep?: string): Promise<string> {
  const dir = keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-startup-'))
  const file = path.join(dir, 'waystation.sqlite')
  if (keep && fs.existsSync(file)) return dir
  fs.mkdirSync(dir, { recursive: true })
  const shipped = readDataset('data')
  const dataset =
    stations === shipped.stations.length
      ? shipped
      : {
          counties: shipped.counties,
          ...generateSample({ seed: 1, stations, classes: 1400, counties: shipped.counties }),
        }
  const store = await SqliteStore.open(file)
  await store.replaceDataset(dataset)
  await store.close()
  return dir
}

async function measure(label: string, args: string[], env: Record<string, string>) {
  const runs = []
  await timeStart(args, env) // warm the file cache and tsx's transform cache
  for (let i = 0; i < RUNS; i++) runs.push(await timeStart(args, env))
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b)
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  return {
    case: label,
    'median ms': round(ms[Math.floor(RUNS / 2)]!, 0),
    'min ms': round(ms[0]!, 0),
    'RSS first MB': Math.max(...runs.map((r) => r.rssFirst)),
    'RSS settled MB': Math.max(...runs.map((r) => r.rssSettled)),
    'health while settling p50 ms': round(percentile(latencies, 50), 1),
    'p99 ms': round(percentile(latencies, 99), 1),
    'max ms': round(latencies.at(-1)!, 0),
  } satisfies Row
}

const server = ['--import', 'tsx', 'server/main.ts']
const shippedCount = readDataset('data').stations.length
const rows: Row[] = [
  await measure(
    'hello route, node + tsx + hono (reference)',
    ['--import', 'tsx', '--input-type=module', '--eval', HELLO],
    {},
  ),
]
for (const [label, count, keep] of [
  [`${shippedCount.toLocaleString('en')} stations`, shippedCount, undefined],
  ['150,000 stations', 150_000, process.env.STARTUP_KEEP],
] as const) {
  const dir = await dataDirWith(count, keep)
  rows.push(await measure(label, server, { WAYSTATION_DATA_DIR: dir }))
  if (!keep) fs.rmSync(dir, { recursive: true, force: true })
}
report('startup', rows, {
  runsPerCase: RUNS,
  settleMs: SETTLE_MS,
  cpus: os.cpus().length,
  loadAverageAtEnd: os.loadavg().map((l) => round(l, 2)),
})
