import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { SqliteStore } from './db/sqlite/sqlite-store.ts'
import { seedIfEmpty } from './seed.ts'
import { CoverageService } from './coverage/coverage-service.ts'
import { WALK_RADIUS_M } from './domain/coverage.ts'
import { serveWebApp } from './web-static.ts'

// Reads the environment, opens (and on first run seeds) the store, serves API and web app.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 8080
  const port = Number(value)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`PORT must be an integer from 1 to 65535, got ${JSON.stringify(value)}`)
    process.exit(2)
  }
  return port
}

const port = portFromEnv(process.env.PORT)
const dataDir = path.resolve(process.env.WAYSTATION_DATA_DIR ?? 'var')
const dbFile = path.join(dataDir, 'waystation.sqlite')

/** Start-up failures are the operator's to fix: say what failed, without a stack trace. */
function fail(what: string, err: unknown): never {
  console.error(`${what}: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
}

const store = await SqliteStore.open(dbFile).catch((err) => fail(`cannot open ${dbFile}`, err))
const seeded = await seedIfEmpty(store, path.join(root, 'data')).catch((err) =>
  fail(`cannot seed ${dbFile} from data/`, err),
)
if (seeded) console.log(`seeded ${dbFile} from data/ (sample stations and classes)`)

const coverage = new CoverageService(store, { gridDir: path.join(dataDir, 'coverage-grids') })
const app = createApp(store, coverage)
const webDir = path.join(root, 'dist/web')
if (fs.existsSync(path.join(webDir, 'index.html'))) {
  serveWebApp(app, webDir)
} else {
  console.warn('dist/web is missing: run `npm run build` to serve the web app')
}

const server = serve({ fetch: app.fetch, port }, (info) => {
  console.log(`Waystation on http://localhost:${info.port} (data: ${dataDir})`)
  // The planner's default radius: build its county grids now rather than on the first request.
  coverage
    .warm(WALK_RADIUS_M)
    .catch((err: unknown) => console.error('coverage warm-up failed', err))
})

server.on('error', (err) => fail(`cannot listen on port ${port}`, err))

function shutdown() {
  server.close()
  void store.close().then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
