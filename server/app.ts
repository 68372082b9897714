import { HTTPException } from 'hono/http-exception'
import type { Store } from './db/store.ts'
import { createRouter, minuteOf } from './api/env.ts'
import { problemResponse } from './api/problem.ts'
import { healthApi } from './api/health.ts'
import { stationsApi } from './api/stations.ts'
import { classesApi } from './api/classes.ts'
import { countiesApi } from './api/counties.ts'
import { docsApi } from './api/docs.ts'
import { coverageApi } from './api/coverage.ts'
import { parksApi } from './api/parks.ts'
import { kioskApi } from './api/kiosk.ts'
import { importApi, type ImportApiOptions } from './api/import.ts'
import { DEFAULT_KIOSK_SETTINGS, type KioskSettings } from './settings.ts'
import { tilesApi } from './api/tiles.ts'
import { TileService } from './tiles/tile-service.ts'
import { CoverageService } from './coverage/coverage-service.ts'
import { basemapApi, basemapOptionsFromEnv } from './api/basemap.ts'
import { securityHeaders } from './http/security-headers.ts'
import { crossOrigin } from './http/cross-origin.ts'
import { writeBodyLimit } from './http/write-body-limit.ts'
import { routeNotFound } from './http/not-found.ts'
import { errorLog } from './http/error-log.ts'
import { declaredQueryOnly } from './api/middleware/declared-query.ts'
import { cachedAnswers, contentValidators, streamedAnswers } from './api/middleware/http-cache.ts'
import { ResponseCache } from './api/middleware/response-cache.ts'
import { EXPORT_PATHS, exportsApi } from './api/exports.ts'
import { reportsApi, reportsApiOptions, type ReportsApiOptions } from './api/reports.ts'
import { digest } from './auth/secret.ts'
import { sessionApi } from './api/session.ts'
import { editsApi } from './api/edits.ts'
import { auditApi } from './api/audit.ts'
import { reportInboxApi } from './api/report-inbox.ts'
import { StationHeads } from './api/station-heads.ts'

// Large, repetitive answers (station pages, county polygons, coverage) that depend only on the
// data version, path and query: kept per data version and gzipped once (~8× smaller). Patterns
// must not overlap (`/api/coverage/*` also matches `/api/coverage`).
const CACHED_ROUTES = [
  '/api/counties',
  '/api/coverage/*',
  '/api/coverage.csv',
  '/api/coverage.geojson',
  '/api/parks',
  '/api/tiles/*',
]
// Answers made per request (nearby depends on the point, a record on the minute): validators,
// and gzip per request for clients that accept it; nothing kept.
const VALIDATED_ROUTES = [
  '/api/stations/:id', // and /api/stations/nearby
  '/api/classes/:id', // and /api/classes/nearby
  '/basemap/style.json',
  '/api/parks/:id',
  '/api/kiosk/config',
]
const RESPONSE_CACHE_BYTES = 48 * 1024 * 1024
/** Every station's nearby feature: ~95 MB at 150,000 stations, ~120 MB at 186,100 (national). */
const STATION_HEAD_BYTES = 160 * 1024 * 1024
/** Largest body of a write other than an import (which has its own, larger, setting). */
const WRITE_BODY_MAX_BYTES = 2 ** 20
const IMPORT_PATH = '/api/import'

/** What the app is made with beyond its store; each has a default fit for tests. */
export interface AppOptions {
  coverage?: CoverageService
  cache?: ResponseCache
  kiosk?: KioskSettings
  /** `POST /api/import`: off unless the server has an importer. */
  importing?: ImportApiOptions
  /** WAYSTATION_ADMIN_TOKEN: a bearer token acting as an admin without an account. */
  adminToken?: string | null
  tiles?: TileService
  stationHeads?: StationHeads
  /** Origins besides our own whose pages may write (WAYSTATION_ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[]
  /** Worker reports: the rate limiter, trusted proxies and clock. */
  reports?: ReportsApiOptions
}

const IMPORT_OFF: ImportApiOptions = { importer: null, maxBytes: 0 }

/** The whole HTTP API over one store. Tests call `createApp(store).request(...)` directly. */
export function createApp(
  store: Store,
  {
    coverage = new CoverageService(store),
    cache = new ResponseCache(RESPONSE_CACHE_BYTES),
    kiosk = DEFAULT_KIOSK_SETTINGS,
    importing = IMPORT_OFF,
    tiles = new TileService(store),
    stationHeads = new StationHeads(STATION_HEAD_BYTES),
    allowedOrigins = [],
    reports = reportsApiOptions(),
    adminToken = null,
  }: AppOptions = {},
) {
  const app = createRouter()
  const auth = { bootstrapDigest: adminToken === null ? null : digest(adminToken) }
  app.use(securityHeaders({ styleUrl: basemapOptionsFromEnv().styleUrl }))
  app.use('/api/*', crossOrigin({ allowedOrigins }))
  const bodyLimit = writeBodyLimit(WRITE_BODY_MAX_BYTES)
  app.use('/api/*', (c, next) => (c.req.path === IMPORT_PATH ? next() : bodyLimit(c, next)))
  app.use('/api/*', async (c, next) => {
    c.set('now', minuteOf(new Date()))
    await next()
  })
  const declaredQuery = declaredQueryOnly(app.openAPIRegistry)
  app.use('/api/*', declaredQuery)
  app.use('/basemap/*', declaredQuery)
  // Whole-layer exports are too big to keep: tagged by data version, streamed, gzipped on the way.
  for (const path of EXPORT_PATHS) app.use(path, streamedAnswers({ store }))
  for (const path of CACHED_ROUTES) app.use(path, cachedAnswers({ store, cache, etag: 'version' }))
  // Station pages carry each station's hours evaluated now and its trust: kept per minute and
  // per set of open reports as well.
  app.use(
    '/api/stations',
    cachedAnswers({ store, cache, etag: 'version', perMinute: true, trust: true }),
  )
  // The basemap's shapes change only with the counties, not with every write: tag the content.
  app.use('/api/basemap/*', cachedAnswers({ store, cache, etag: 'content' }))
  for (const path of VALIDATED_ROUTES) app.use(path, contentValidators())
  app.use('/api/*', async (c, next) => {
    c.set('store', store)
    c.set('coverage', coverage)
    c.set('kiosk', kiosk)
    c.set('tiles', tiles)
    c.set('stationHeads', stationHeads)
    c.set('auth', auth)
    await next()
  })

  const api = app
    .route('/', healthApi)
    .route('/', stationsApi)
    .route('/', classesApi)
    .route('/', countiesApi)
    .route('/', coverageApi)
    .route('/', exportsApi)
    .route('/', tilesApi)
    .route('/', docsApi)
    .route('/', basemapApi)
    .route('/', parksApi)
    .route('/', kioskApi)
    .route('/', importApi(importing))
    .route('/', reportsApi(reports))
    .route('/', sessionApi)
    .route('/', editsApi)
    .route('/', auditApi)
    .route('/', reportInboxApi)

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Waystation API',
      version: '1',
      description:
        'Outdoor-worker service stations and union childcare classes in Zhejiang. ' +
        'All geometry is GeoJSON in WGS-84 ([lon, lat]); distances are geodesic metres. ' +
        'Records flagged `sample: true` are generated sample data, not real stations.',
    },
  })

  app.notFound(routeNotFound(app))
  const logError = errorLog()
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      return err.res ?? problemResponse(err.status, err.message)
    }
    logError(err, `${c.req.method} ${c.req.path}`)
    return problemResponse(500, 'unexpected error')
  })
  return api
}

export type AppType = ReturnType<typeof createApp>
