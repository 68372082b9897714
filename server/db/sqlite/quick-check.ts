import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// PRAGMA quick_check reads every page: ~50 ms for the shipped 8 MB file, seconds for a large
// one. It runs on its own read-only connection in a worker thread so the event loop keeps
// serving meanwhile (WAL lets a reader run beside the writer). The worker is plain CommonJS
// passed as a string, so it needs no TypeScript loader in the thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file, { readonly: true, fileMustExist: true })
let rows
try {
  rows = db.pragma('quick_check', { simple: false }).map((r) => r.quick_check)
} catch (err) {
  // Damage bad enough stops the scan itself (SQLITE_CORRUPT): that is the finding.
  rows = [err.message]
} finally {
  db.close()
}
parentPort.postMessage(rows)
`

const driver = createRequire(import.meta.url).resolve('better-sqlite3')

/** Problems PRAGMA quick_check finds in a SQLite file: [] when every page is sound. */
export function quickCheck(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver },
      // Not the parent's loaders (tsx, vitest): the script needs none, and they cost ~0.8 s.
      execArgv: [],
    })
    worker.once('message', (rows: string[]) => resolve(rows.filter((r) => r !== 'ok')))
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`quick_check worker exited with ${code}`)))
  })
}
