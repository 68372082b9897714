import { workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { serveIndexBuilds } from '../index-thread.ts'
import { stationBuffers } from '../station-columns.ts'
import { readIndexColumns } from './index-columns.ts'

// The SQLite store's index thread: reads the index data on its own read-only connection (WAL
// lets it read beside the writer).

const db = new Database((workerData as { file: string }).file, {
  readonly: true,
  fileMustExist: true,
})
serveIndexBuilds(
  () => readIndexColumns(db),
  (columns) => stationBuffers(columns.stations),
)
