import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.ts'
import { Importer } from './import/importer.ts'
import { describeLocation, openStore, storeLocation } from './db/open-store.ts'
import { seedIfEmpty } from './seed.ts'
import { CoverageService } from './coverage/coverage-service.ts'
import { TileService } from './tiles/tile-service.ts'
import { WALK_RADIUS_M } from './domain/coverage.ts'
import { serveWebApp } from './web-static.ts'
import type { Settings } from './settings.ts'
import { fail } from './fail.ts'
import { startHttpServer } from './http-server.ts'
import { reportsApiOptions } from './api/reports.ts'

// Opens (and on first run seeds) the store, serves API and web app; main.ts calls it.

/** How long after listening the warm-ups start. */
const WARM_UP_DELAY_MS = 1000

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** `pageCheck`: a quick_check of the SQLite file main.ts started (see SqliteStore.open). */
export async function serve(settings: Settings, pageCheck?: Promise<string[]>): Promise<void> {
  const { dataDir } = settings
  // SQLite under the data directory, or PostgreSQL when DATABASE_URL is set.
  const location = storeLocation(settings)
  const where = describeLocation(location)
  const store = await openStore(location, { serving: true, pageCheck }).catch((err) =>
    fail(`cannot open ${where}`, err),
  )
  // The check main.ts started, else the store's own (a new file, PostgreSQL).
  const problems = await (pageCheck ?? store.verify()).catch((err) =>
    fail(`cannot check ${where}`, err),
  )
  if (problems.length > 0) {
    fail(
      `${where} is damaged (${settings.databaseUrl === null ? 'PRAGMA quick_check' : 'PostgreSQL'}: ${problems[0]}); restore it from a backup, or delete it to reseed`,
    )
  }
  const seeded = await seedIfEmpty(store, path.join(root, 'data'), settings.seed).catch((err) =>
    fail(`cannot seed ${where} from data/`, err),
  )
  if (seeded) {
    const what =
      settings.seed === 'sample' ? 'counties, sample stations and classes' : 'counties only'
    console.log(`seeded ${where} from data/ (${what})`)
  }

  const coverage = new CoverageService(store, { gridDir: path.join(dataDir, 'coverage-grids') })
  const tiles = new TileService(store)
  const app = createApp(store, {
    coverage,
    tiles,
    kiosk: settings.kiosk,
    allowedOrigins: settings.allowedOrigins,
    adminToken: settings.adminToken,
    importing: {
      importer: new Importer(location),
      maxBytes: settings.importMaxBytes,
    },
    reports: reportsApiOptions({ trustedProxies: settings.trustedProxies }),
  })
  const webDir = path.join(root, 'dist/web')
  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    serveWebApp(app, webDir)
  } else {
    console.warn('dist/web is missing: run `npm run build` to serve the web app')
  }

  const server = await startHttpServer(app.fetch, settings).catch((err) =>
    fail(`cannot listen on ${settings.host ?? 'every interface'} port ${settings.port}`, err),
  )
  const { address, port } = server.address
  const shown =
    settings.host === undefined ? 'localhost' : address.includes(':') ? `[${address}]` : address
  console.log(`Waystation on http://${shown}:${port} (data: ${dataDir})`)
  let stopping = false
  // Warm-ups read every station on the event loop in slices: started at once, they would delay
  // the first requests (a health check, a restarted finder's) by seconds at 150,000 stations.
  // Once those are answered, one after the other: the maps' tiles (so the first map need not wait
  // for the tile thread to index the layers), then the planner's default radius's county grids.
  setTimeout(async () => {
    for (const [what, warm] of [
      ['tile index', () => tiles.warm()],
      ['coverage', () => coverage.warm(WALK_RADIUS_M)],
    ] as const) {
      await warm().catch((err: unknown) => {
        if (!stopping) console.error(`${what} warm-up failed`, err)
      })
    }
  }, WARM_UP_DELAY_MS).unref()

  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    console.log(
      `${signal}: stopped accepting; finishing ${server.inFlight} requests in flight ` +
        `(grace ${settings.shutdownGraceMs} ms)`,
    )
    const { requests, cut } = await server.stop(settings.shutdownGraceMs)
    await coverage.close()
    await tiles.close()
    await store.close()
    const cutNote = cut > 0 ? `; ${cut} cut at the end of the grace period` : ''
    console.log(`stopped after serving ${requests} requests${cutNote}`)
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}
