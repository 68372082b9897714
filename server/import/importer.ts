import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import type { ImportReport } from '../domain/import-report.ts'
import type { RunImportOptions } from './run-import.ts'
import type { RegisterFile } from './register.ts'
import type { ImportTask } from './import-worker.ts'
import type { OutOfScope } from './import-scope.ts'
import type { StoreLocation } from '../db/open-store.ts'

/** How an import over the API ended; a thrown error is a fault of ours, not of the file. */
export type ImportOutcome =
  | { kind: 'report'; report: ImportReport }
  | { kind: 'bad-file'; file: string; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'out-of-scope'; message: string; records: OutOfScope[] }
  | { kind: 'busy' }

const WORKER_FILE = fileURLToPath(new URL('./import-worker-boot.mjs', import.meta.url))

/**
 * Runs `POST /api/import` uploads against the database, one at a time, each in a fresh
 * worker thread (imports are rare; a thread per import frees its memory when it ends). A second
 * upload while one runs is told so rather than queued: its plan would be made against data
 * about to change.
 */
export class Importer {
  readonly #location: StoreLocation
  #running = false

  constructor(location: StoreLocation) {
    this.#location = location
  }

  async run(
    files: RegisterFile[],
    options: Omit<RunImportOptions, 'onProgress'>,
  ): Promise<ImportOutcome> {
    if (this.#running) return { kind: 'busy' }
    this.#running = true
    try {
      const task: ImportTask = { location: this.#location, files, options }
      return await new Promise<ImportOutcome>((resolve, reject) => {
        const worker = new Worker(WORKER_FILE, { workerData: task, execArgv: [] })
        worker.once('message', resolve)
        worker.once('error', reject)
        worker.once('exit', (code) => reject(new Error(`import worker exited with ${code}`)))
      })
    } finally {
      this.#running = false
    }
  }
}
