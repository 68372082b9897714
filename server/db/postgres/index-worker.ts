import { parentPort, workerData } from 'node:worker_threads'
import pg from 'pg'
import { readStationIndex } from './station-index-read.ts'
import { stationBuffers } from '../station-columns.ts'

// The PostgreSQL store's index thread: on each message, reads the active stations on a
// connection of its own (one per build: builds are rare, and a lost connection never sticks)
// and posts the columns back with their buffers moved, not copied.

const { url } = workerData as { url: string }
parentPort!.on('message', async () => {
  const client = new pg.Client({ connectionString: url, application_name: 'waystation-index' })
  try {
    await client.connect()
    const columns = await readStationIndex(client)
    parentPort!.postMessage({ columns }, stationBuffers(columns.stations))
  } catch (err) {
    parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) })
  } finally {
    await client.end().catch(() => {})
  }
})
