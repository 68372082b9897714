import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openStore } from '../server/db/open-store.ts'
import { readDataset } from '../server/seed.ts'
import type { Dataset } from '../server/db/store.ts'
import { generateSample } from '../data/scripts/sample/generate-sample.ts'
import { freePort } from '../tests/e2e/free-port.ts'

/** Servers for the benches that load them from outside: a seeded data directory, a process. */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** Grids are keyed by county outline: kept across runs so a start does not rebuild them. */
const GRID_CACHE = path.join(os.tmpdir(), 'waystation-bench-coverage-grids')
const shipped = readDataset(path.join(ROOT, 'data'))

/**
 * BENCH_DATABASE_URL: the served data goes into this PostgreSQL database (its data is replaced)
 * instead of the data directory's SQLite file; `serverEnv` points server/main.ts at it.
 */
const DATABASE_URL = process.env.BENCH_DATABASE_URL || null

/** A data directory holding the shipped stations, or that many generated ones. */
export async function seededDataDir(stations: number) {
  const dataset: Dataset & { stations: { lon: number; lat: number }[] } =
    stations === shipped.stations.length
      ? shipped
      : {
          counties: shipped.counties,
          ...generateSample({ seed: 1, stations, classes: 1400, counties: shipped.counties }),
        }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-bench-'))
  const store = await openStore(DATABASE_URL ?? path.join(dataDir, 'waystation.sqlite'))
  await store.replaceDataset(dataset)
  await store.close()
  fs.mkdirSync(GRID_CACHE, { recursive: true })
  fs.symlinkSync(GRID_CACHE, path.join(dataDir, 'coverage-grids'))
  const serverEnv: Record<string, string> = {
    WAYSTATION_DATA_DIR: dataDir,
    ...(DATABASE_URL === null ? {} : { DATABASE_URL }),
  }
  return { dataset, dataDir, serverEnv }
}

export interface Child {
  base: string
  /** The server's process id, to read its CPU time and memory from /proc. */
  pid: number
  stop: () => Promise<void>
}

/** A server script in its own process, once `ready` answers 200 (a 503 means not yet). */
export async function start(script: string, env: Record<string, string>, ready: string[]) {
  const port = await freePort()
  const flags = process.env.BENCH_CPU_PROF && script.endsWith('main.ts')
  const child = spawn(
    process.execPath,
    [
      ...(flags ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF!] : []),
      '--import',
      'tsx',
      script,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const base = `http://127.0.0.1:${port}`
  for (const url of ready) {
    for (let tries = 0; ; tries++) {
      if (child.exitCode !== null) throw new Error(`${script} exited early`)
      const status = await fetch(base + url).then(
        (r) => r.arrayBuffer().then(() => r.status),
        () => 0,
      )
      if (status === 200) break
      if (tries > 1200) throw new Error(`${script}: ${url} not ready after 10 minutes`)
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  return {
    base,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  } satisfies Child
}
