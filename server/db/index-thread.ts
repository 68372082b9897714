import { fileURLToPath } from 'node:url'
import { parentPort, Worker } from 'node:worker_threads'

const BOOT = fileURLToPath(new URL('./index-worker-boot.mjs', import.meta.url))

type Reply<T> = { columns: T } | { error: string }

/**
 * An idle thread ends after this long: a build at 150,000 stations leaves ~140 MB of garbage in
 * its heap that an idle thread never collects. A new one costs the next build ~0.3 s.
 */
const IDLE_MS = 30_000

/**
 * The thread that reads a store's rows and builds its in-memory indexes, started on the first
 * rebuild and kept for the next. `worker` is the module it runs (a message asks it for a build;
 * it answers `{ columns }` with their buffers moved, or `{ error }`), `data` its workerData.
 * One build at a time: the store shares a build in flight. After `idleMs` without one the
 * thread ends, and the next build starts another.
 */
export class IndexThread<T> {
  readonly #data: Record<string, unknown>
  readonly #idleMs: number
  #worker: Worker | null = null
  #idle: NodeJS.Timeout | undefined
  #building = 0

  constructor(worker: URL, data: Record<string, unknown>, { idleMs = IDLE_MS } = {}) {
    this.#data = { ...data, module: worker.href }
    this.#idleMs = idleMs
  }

  /** Whether a thread is running (between builds, until it has been idle `idleMs`). */
  get running(): boolean {
    return this.#worker !== null
  }

  build(): Promise<T> {
    clearTimeout(this.#idle)
    this.#building++
    const worker = (this.#worker ??= this.#start())
    // Held while it builds (a CLI awaiting a rebuild must not exit under it), not while idle.
    worker.ref()
    return new Promise<T>((resolve, reject) => {
      const onExit = (code: number) => {
        this.#worker = null
        reject(new Error(`the index thread exited with ${code}`))
      }
      worker.once('exit', onExit)
      worker.once('error', reject)
      worker.once('message', (reply: Reply<T>) => {
        worker.off('exit', onExit)
        worker.off('error', reject)
        if ('error' in reply) reject(new Error(`index rebuild failed: ${reply.error}`))
        else resolve(reply.columns)
      })
      worker.postMessage('build')
    }).finally(() => {
      worker.unref()
      if (--this.#building === 0) {
        this.#idle = setTimeout(() => void this.#end(worker), this.#idleMs).unref()
      }
    })
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle)
    const worker = this.#worker
    if (worker) await this.#end(worker)
  }

  async #end(worker: Worker): Promise<void> {
    if (this.#worker === worker) this.#worker = null
    await worker.terminate()
  }

  #start(): Worker {
    const worker = new Worker(BOOT, { workerData: this.#data })
    // Idle, it must not keep the process alive; build() holds it while it works.
    worker.unref()
    return worker
  }
}

/**
 * The worker's side of IndexThread: answers each build request with `build()`'s columns, the
 * `buffers` among them moved, not copied, or with the error's message.
 */
export function serveIndexBuilds<T>(
  build: () => T | Promise<T>,
  buffers: (columns: T) => ArrayBuffer[],
): void {
  parentPort!.on('message', async () => {
    let reply: Reply<T>
    try {
      reply = { columns: await build() }
    } catch (err) {
      reply = { error: err instanceof Error ? err.message : String(err) }
    }
    parentPort!.postMessage(reply, 'columns' in reply ? buffers(reply.columns) : [])
  })
}
