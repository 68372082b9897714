import { HTTPException } from 'hono/http-exception'
import { compress } from 'hono/compress'
import type { Store } from './db/store.ts'
import { createRouter } from './api/env.ts'
import { problemResponse } from './api/problem.ts'
import { healthApi } from './api/health.ts'
import { stationsApi } from './api/stations.ts'
import { classesApi } from './api/classes.ts'
import { countiesApi } from './api/counties.ts'
import { docsApi } from './api/docs.ts'
import { coverageApi } from './api/coverage.ts'
import { CoverageService } from './coverage/coverage-service.ts'
import { basemapApi } from './api/basemap.ts'
import { declaredQueryOnly } from './api/middleware/declared-query.ts'

const BULKY_ROUTES = [
  '/api/stations',
  '/api/counties',
  '/api/coverage',
  '/api/coverage.csv',
  '/api/coverage.geojson',
  '/api/coverage/*',
]

/** The whole HTTP API over one store. Tests call `createApp(store).request(...)` directly. */
export function createApp(store: Store, coverage = new CoverageService(store)) {
  const app = createRouter()
  const declaredQuery = declaredQueryOnly(app.openAPIRegistry)
  app.use('/api/*', declaredQuery)
  app.use('/basemap/*', declaredQuery)
  // Large, repetitive JSON (station pages, county polygons, coverage) shrinks ~8× with gzip.
  // Small latency-sensitive answers (nearby, health) are left alone: hono's compress can't see
  // their size up front, and gzipping a 10 KB answer costs more than it saves on loopback.
  for (const path of BULKY_ROUTES) app.use(path, compress())
  app.use('/api/*', async (c, next) => {
    c.set('store', store)
    c.set('coverage', coverage)
    await next()
  })

  const api = app
    .route('/', healthApi)
    .route('/', stationsApi)
    .route('/', classesApi)
    .route('/', countiesApi)
    .route('/', coverageApi)
    .route('/', docsApi)
    .route('/', basemapApi)

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

  app.notFound((c) => problemResponse(404, `no route for ${c.req.method} ${c.req.path}`))
  app.onError((err) => {
    if (err instanceof HTTPException) {
      return err.res ?? problemResponse(err.status, err.message)
    }
    console.error(err)
    return problemResponse(500, 'unexpected error; it has been logged')
  })
  return api
}

export type AppType = ReturnType<typeof createApp>
