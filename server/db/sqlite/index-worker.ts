import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { readIndexColumns, transferables } from './index-columns.ts'

// The index thread: on each message, reads the index data on its own read-only connection (WAL
// lets it read beside the writer) and posts it back with its buffers moved, not copied.

const db = new Database((workerData as { file: string }).file, {
  readonly: true,
  fileMustExist: true,
})
parentPort!.on('message', () => {
  try {
    const columns = readIndexColumns(db)
    parentPort!.postMessage({ columns }, transferables(columns))
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) })
  }
})
