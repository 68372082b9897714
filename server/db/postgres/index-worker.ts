import { workerData } from 'node:worker_threads'
import pg from 'pg'
import { serveIndexBuilds } from '../index-thread.ts'
import { stationBuffers } from '../station-columns.ts'
import { readStationIndex } from './station-index-read.ts'

// The PostgreSQL store's index thread: reads the active stations on a connection of its own,
// one per build (builds are rare, and a lost connection never sticks).

const { url } = workerData as { url: string }
serveIndexBuilds(
  async () => {
    const client = new pg.Client({ connectionString: url, application_name: 'waystation-index' })
    try {
      await client.connect()
      return await readStationIndex(client)
    } finally {
      await client.end().catch(() => {})
    }
  },
  (columns) => stationBuffers(columns.stations),
)
