import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { IndexColumns } from './index-columns.ts'

const BOOT = fileURLToPath(new URL('./index-worker-boot.mjs', import.meta.url))

type Reply = { columns: IndexColumns } | { error: string }

/**
 * The thread that reads and builds the in-memory indexes of one SQLite file, started on the
 * first rebuild and kept for the next. One build at a time: the store shares a build in flight.
 */
export class IndexThread {
  readonly #file: string
  #worker: Worker | null = null

  constructor(file: string) {
    this.#file = file
  }

  build(): Promise<IndexColumns> {
    const worker = (this.#worker ??= this.#start())
    // Held while it builds (a CLI awaiting a rebuild must not exit under it), not while idle.
    worker.ref()
    return new Promise<IndexColumns>((resolve, reject) => {
      const onExit = (code: number) => {
        this.#worker = null
        reject(new Error(`the index thread exited with ${code}`))
      }
      worker.once('exit', onExit)
      worker.once('error', reject)
      worker.once('message', (reply: Reply) => {
        worker.off('exit', onExit)
        worker.off('error', reject)
        if ('error' in reply) reject(new Error(`index rebuild failed: ${reply.error}`))
        else resolve(reply.columns)
      })
      worker.postMessage('build')
    }).finally(() => worker.unref())
  }

  async close(): Promise<void> {
    const worker = this.#worker
    this.#worker = null
    await worker?.terminate()
  }

  #start(): Worker {
    const worker = new Worker(BOOT, { workerData: { file: this.#file } })
    // Idle, it must not keep the process alive; build() holds it while it works.
    worker.unref()
    return worker
  }
}
