import fs from 'node:fs'
import { readSettings, type Settings } from './settings.ts'
import { prepareDataDir } from './data-dir.ts'
import { quickCheck } from './db/sqlite/quick-check.ts'
import { isPostgres, storeLocation } from './db/store-location.ts'
import { fail } from './fail.ts'

// Reads the environment and starts the server (serve.ts). Only what checking the settings and
// the data directory needs is imported before that: see `pageCheck`.

let settings: Settings
try {
  settings = readSettings(process.env)
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(2)
}
try {
  prepareDataDir(settings.dataDir)
} catch (err) {
  fail('WAYSTATION_DATA_DIR is unusable', err)
}
// PRAGMA quick_check of an existing SQLite file (1.2 s at 150,000 stations) starts in its own
// thread before the server's modules load (about as long), so the two overlap; serve() still
// awaits it before listening. A new file is checked once created, as a PostgreSQL store is.
const location = storeLocation(settings)
const pageCheck =
  !isPostgres(location) && fs.existsSync(location) ? quickCheck(location) : undefined
// Its failure is reported where serve() awaits it, not as an unhandled rejection meanwhile.
pageCheck?.catch(() => {})
const { serve } = await import('./serve.ts')
await serve(settings, pageCheck)
