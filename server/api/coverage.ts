import { createRoute, z } from '@hono/zod-openapi'
import type { TypedResponse } from 'hono'
import { HTTPException } from 'hono/http-exception'
import {
  AdcodeParamSchema,
  CoverageCsvQuerySchema,
  CoverageQuerySchema,
  CoverageReportSchema,
  CoverageRowSchema,
  GapCollectionSchema,
  type GapCollection,
  GapsQuerySchema,
  SuggestionCollectionSchema,
  SuggestionsQuerySchema,
  type CoverageQuery,
} from '../domain/coverage.ts'
import {
  CoverageScenarioSchema,
  MAX_SCENARIO_SITES,
  MAX_SITE_DISTANCE_M,
  ScenarioAnswerSchema,
} from '../domain/coverage-scenario.ts'
import { ProblemSchema } from '../domain/problem.ts'
import {
  CoverageBusyError,
  ScenarioFieldError,
  type CoverageScope,
} from '../coverage/coverage-service.ts'
import { createRouter } from './env.ts'
import {
  badParameter,
  notFound,
  parameterProblem,
  problemResponse,
  PROBLEM_MEDIA_TYPE,
} from './problem.ts'
import { jsonResponse, notFoundResponse, problemResponses } from './responses.ts'
import { coverageCsv } from './coverage-csv.ts'

const busyResponse = {
  503: {
    description: 'Too much coverage work is queued; retry after the `Retry-After` seconds',
    content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
  },
}

/** Coverage work, or a 503 with Retry-After when the service's queue is full. */
async function orBusy<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    if (!(err instanceof CoverageBusyError)) throw err
    const res = problemResponse(503, err.message, { title: 'Service unavailable' })
    res.headers.set('retry-after', String(err.retryAfterS))
    throw new HTTPException(503, { res })
  }
}

const scopeOf = ({ radius, layer, at }: CoverageQuery): CoverageScope => ({
  radiusM: radius,
  layer,
  at: at ?? null,
})

const reportRoute = createRoute({
  method: 'get',
  path: '/api/coverage',
  summary: 'Coverage per county at one service radius, with city subtotals and the province',
  description:
    'coveredPct is the share of land within `radius` (geodesic) of at least one active station ' +
    '(or class), computed on an H3 grid; tested against exact geometry to within 0.25 ' +
    'percentage points or 3 % of the covered area, whichever is larger.',
  request: { query: CoverageQuerySchema },
  responses: {
    ...jsonResponse(CoverageReportSchema, 'Coverage figures'),
    ...problemResponses,
    ...busyResponse,
  },
})

const csvRoute = createRoute({
  method: 'get',
  path: '/api/coverage.csv',
  summary: 'The coverage table as CSV (UTF-8 with BOM)',
  request: { query: CoverageCsvQuerySchema },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
    ...busyResponse,
  },
})

const geojsonRoute = createRoute({
  method: 'get',
  path: '/api/coverage.geojson',
  summary: 'County polygons with their coverage figures as properties',
  request: { query: CoverageQuerySchema },
  responses: {
    200: {
      description: 'GeoJSON FeatureCollection',
      content: {
        'application/geo+json': {
          schema: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(z.object({ properties: CoverageRowSchema }).passthrough()),
          }),
        },
      },
    },
    ...problemResponses,
    ...busyResponse,
  },
})

const gapsRoute = createRoute({
  method: 'get',
  path: '/api/coverage/{adcode}/gaps',
  summary: "A county's uncovered areas as merged hexagons, largest first",
  request: { params: AdcodeParamSchema, query: GapsQuerySchema },
  responses: {
    ...jsonResponse(GapCollectionSchema, 'Uncovered areas'),
    ...problemResponses,
    ...notFoundResponse,
    ...busyResponse,
  },
})

const suggestionsRoute = createRoute({
  method: 'get',
  path: '/api/coverage/{adcode}/suggestions',
  summary: 'Sites that would cover the most uncovered land (greedy maximal covering)',
  description:
    'Each site names the nearest existing active station (whatever its hours) with the ' +
    'geodesic distance and the bearing from that station to the site.',
  request: { params: AdcodeParamSchema, query: SuggestionsQuerySchema },
  responses: {
    ...jsonResponse(SuggestionCollectionSchema, 'Suggested sites, best first'),
    ...problemResponses,
    ...notFoundResponse,
    ...busyResponse,
  },
})

const scenarioRoute = createRoute({
  method: 'post',
  path: '/api/coverage/{adcode}/scenario',
  summary: "A county's station coverage with proposed sites, removed stations or other hours",
  description:
    "Answers the county's row of GET /api/coverage now (`live`) and with the scenario applied, " +
    "their difference, each proposed site's own contribution, and the land gained and lost " +
    `(H3 cells; gained − lost = the change in coveredKm2). At most ${MAX_SCENARIO_SITES} sites, ` +
    `each in the county or within ${MAX_SITE_DISTANCE_M} m of it. An empty scenario answers the ` +
    'live figures exactly.',
  request: {
    params: AdcodeParamSchema,
    body: {
      required: true,
      content: { 'application/json': { schema: CoverageScenarioSchema } },
    },
  },
  responses: {
    ...jsonResponse(ScenarioAnswerSchema, 'The county now and in the scenario'),
    ...problemResponses,
    ...notFoundResponse,
    ...busyResponse,
  },
})

/** `at` loses ':', '+' and '.' in file names, which some systems refuse. */
const fileName = ({ radiusM, layer, at }: CoverageScope, ext: string) =>
  `waystation-coverage-${layer}-${radiusM}m${at === null ? '' : `-${at.replace(/[^0-9A-Za-z-]/g, '')}`}.${ext}`

const router = createRouter()
// A body that is not JSON at all never reaches the schema: name it here (hono caches the parse).
router.post(scenarioRoute.getRoutingPath(), async (c, next) => {
  try {
    await c.req.json()
  } catch {
    return parameterProblem([{ parameter: 'body', detail: 'is not valid JSON' }])
  }
  await next()
})

export const coverageApi = router
  .openapi(reportRoute, async (c) => {
    const scope = scopeOf(c.req.valid('query'))
    return c.json(await orBusy(c.var.coverage.report(scope)), 200)
  })
  .openapi(csvRoute, async (c) => {
    const query = c.req.valid('query')
    const scope = scopeOf(query)
    const csv = coverageCsv(await orBusy(c.var.coverage.report(scope)), query.lang)
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(scope, 'csv')}"`,
    })
  })
  .openapi(geojsonRoute, async (c) => {
    const scope = scopeOf(c.req.valid('query'))
    const [report, counties] = await Promise.all([
      orBusy(c.var.coverage.report(scope)),
      c.var.store.listCounties(),
    ])
    const rows = new Map(report.counties.map((r) => [r.adcode, r]))
    const body = {
      type: 'FeatureCollection' as const,
      radiusM: scope.radiusM,
      at: scope.at,
      layer: scope.layer,
      sampleData: report.sampleData,
      features: counties.map((f) => ({ ...f, properties: rows.get(f.properties.adcode)! })),
    }
    return c.json(body, 200, {
      'content-type': 'application/geo+json; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(scope, 'geojson')}"`,
    })
  })
  .openapi(gapsRoute, async (c) => {
    const { adcode } = c.req.valid('param')
    const query = c.req.valid('query')
    const gaps = await orBusy(c.var.coverage.gaps(adcode, scopeOf(query), query.minAreaKm2))
    if (gaps === null) throw notFound(`no county with adcode ${adcode}`)
    // Serialised by the worker (a large county's gaps run to megabytes), so typed by hand.
    const res = c.body(gaps, 200, { 'content-type': 'application/json; charset=utf-8' })
    return res as unknown as TypedResponse<GapCollection, 200, 'json'>
  })
  .openapi(suggestionsRoute, async (c) => {
    const { adcode } = c.req.valid('param')
    const query = c.req.valid('query')
    const sites = await orBusy(c.var.coverage.suggestions(adcode, scopeOf(query), query.count))
    if (!sites) throw notFound(`no county with adcode ${adcode}`)
    return c.json(sites, 200)
  })
  .openapi(scenarioRoute, async (c) => {
    const { adcode } = c.req.valid('param')
    try {
      const answer = await orBusy(c.var.coverage.scenario(adcode, c.req.valid('json')))
      if (!answer) throw notFound(`no county with adcode ${adcode}`)
      return c.json(answer, 200)
    } catch (err) {
      if (err instanceof ScenarioFieldError) throw badParameter(err.field, err.message)
      throw err
    }
  })
