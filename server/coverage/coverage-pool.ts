import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type * as Tasks from './coverage-worker.ts'

/**
 * Worker threads running coverage-worker.ts. The tasks are TypeScript: the entry,
 * coverage-worker-boot.mjs, registers tsx in each thread, the same under `tsx server/main.ts`,
 * `node --import tsx` and vitest. The threads get none of the parent's flags (vitest's and tsx's
 * are of no use there, and would register tsx twice where Node passes hooks on).
 */

const WORKER_FILE = fileURLToPath(new URL('./coverage-worker-boot.mjs', import.meta.url))

/**
 * One thread per core, at most 4 (a whole set of grids builds in under a minute with two). The
 * event loop keeps up beside them: it sleeps between requests, and Linux schedules a waking
 * thread ahead of CPU-bound ones. One thread on the 2-core machine would queue every request
 * behind a grid build of up to ~15 CPU-seconds.
 */
export const DEFAULT_COVERAGE_THREADS = Math.min(4, os.availableParallelism())

/**
 * A thread idle this long ends (~50 MB each at 150,000 stations, most of it garbage from grid
 * builds that an idle thread never collects). The grids stay in the service's shared memory, so
 * a new thread, started on the next task in ~0.2 s, reads them without a copy.
 */
export const COVERAGE_THREAD_IDLE_MS = 10_000

type TaskName = 'grid' | 'figures' | 'gaps' | 'suggestions' | 'scenario' | 'openAt'
type Task<N extends TaskName> = Parameters<(typeof Tasks)[N]>[0]
type Result<N extends TaskName> = ReturnType<(typeof Tasks)[N]>

export class CoveragePool {
  readonly #pool: Piscina

  constructor(threads: number, idleMs = COVERAGE_THREAD_IDLE_MS) {
    this.#pool = new Piscina({
      filename: WORKER_FILE,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: idleMs,
      execArgv: [],
    })
  }

  run<N extends TaskName>(name: N, task: Task<N>): Promise<Result<N>> {
    return this.#pool.run(task, { name }) as Promise<Result<N>>
  }

  close(): Promise<void> {
    return this.#pool.destroy()
  }
}
