import { createRoute, z } from '@hono/zod-openapi'
import {
  AdcodeParamSchema,
  CoverageQuerySchema,
  CoverageReportSchema,
  CoverageRowSchema,
  GapsQuerySchema,
  SuggestionsQuerySchema,
} from '../domain/coverage.ts'
import { createRouter } from './env.ts'
import { notFound } from './problem.ts'
import { jsonResponse, notFoundResponse, problemResponses } from './responses.ts'
import { coverageCsv } from './coverage-csv.ts'

const GapCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({
        type: z.enum(['Polygon', 'MultiPolygon']),
        coordinates: z.array(z.any()),
      }),
      properties: z.object({ areaKm2: z.number(), cells: z.number().int() }),
    }),
  ),
})

const SuggestionCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).length(2) }),
      properties: z.object({
        rank: z.number().int(),
        /** H3 cell whose centre is the site. */
        cell: z.string(),
        addedCoverageKm2: z.number(),
        coveredPct: z.number(),
      }),
    }),
  ),
})

const reportRoute = createRoute({
  method: 'get',
  path: '/api/coverage',
  summary: 'Coverage per county at one service radius, with city subtotals and the province',
  description:
    'coveredPct is the share of land within `radius` (geodesic) of at least one active station ' +
    '(or class), computed on an H3 grid to within 1 percentage point of exact geometry.',
  request: { query: CoverageQuerySchema.strict() },
  responses: { ...jsonResponse(CoverageReportSchema, 'Coverage figures'), ...problemResponses },
})

const csvRoute = createRoute({
  method: 'get',
  path: '/api/coverage.csv',
  summary: 'The coverage table as CSV (UTF-8 with BOM)',
  request: { query: CoverageQuerySchema.strict() },
  responses: {
    200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
    ...problemResponses,
  },
})

const geojsonRoute = createRoute({
  method: 'get',
  path: '/api/coverage.geojson',
  summary: 'County polygons with their coverage figures as properties',
  request: { query: CoverageQuerySchema.strict() },
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
  },
})

const gapsRoute = createRoute({
  method: 'get',
  path: '/api/coverage/{adcode}/gaps',
  summary: "A county's uncovered areas as merged hexagons, largest first",
  request: { params: AdcodeParamSchema, query: GapsQuerySchema.strict() },
  responses: {
    ...jsonResponse(GapCollectionSchema, 'Uncovered areas'),
    ...problemResponses,
    ...notFoundResponse,
  },
})

const suggestionsRoute = createRoute({
  method: 'get',
  path: '/api/coverage/{adcode}/suggestions',
  summary: 'Sites that would cover the most uncovered land (greedy maximal covering)',
  request: { params: AdcodeParamSchema, query: SuggestionsQuerySchema.strict() },
  responses: {
    ...jsonResponse(SuggestionCollectionSchema, 'Suggested sites, best first'),
    ...problemResponses,
    ...notFoundResponse,
  },
})

const fileName = (radius: number, layer: string, ext: string) =>
  `waystation-coverage-${layer}-${radius}m.${ext}`

export const coverageApi = createRouter()
  .openapi(reportRoute, async (c) => {
    const { radius, layer } = c.req.valid('query')
    return c.json(await c.var.coverage.report(radius, layer), 200)
  })
  .openapi(csvRoute, async (c) => {
    const { radius, layer } = c.req.valid('query')
    const csv = coverageCsv(await c.var.coverage.report(radius, layer))
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(radius, layer, 'csv')}"`,
    })
  })
  .openapi(geojsonRoute, async (c) => {
    const { radius, layer } = c.req.valid('query')
    const [report, counties] = await Promise.all([
      c.var.coverage.report(radius, layer),
      c.var.store.listCounties(),
    ])
    const rows = new Map(report.counties.map((r) => [r.adcode, r]))
    const body = {
      type: 'FeatureCollection' as const,
      radiusM: radius,
      layer,
      sampleData: report.sampleData,
      features: counties.map((f) => ({ ...f, properties: rows.get(f.properties.adcode)! })),
    }
    return c.json(body, 200, {
      'content-type': 'application/geo+json; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName(radius, layer, 'geojson')}"`,
    })
  })
  .openapi(gapsRoute, async (c) => {
    const { adcode } = c.req.valid('param')
    const { radius, layer, minAreaKm2 } = c.req.valid('query')
    const gaps = await c.var.coverage.gaps(adcode, radius, layer, minAreaKm2)
    if (!gaps) throw notFound(`no county with adcode ${adcode}`)
    return c.json(gaps, 200)
  })
  .openapi(suggestionsRoute, async (c) => {
    const { adcode } = c.req.valid('param')
    const { radius, layer, count } = c.req.valid('query')
    const sites = await c.var.coverage.suggestions(adcode, radius, layer, count)
    if (!sites) throw notFound(`no county with adcode ${adcode}`)
    return c.json(sites, 200)
  })
