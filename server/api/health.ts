import { createRoute, z } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { createRouter } from './env.ts'
import { jsonResponse, unavailableResponse } from './responses.ts'
import { problemResponse } from './problem.ts'

const HealthSchema = z.object({
  status: z.literal('ok'),
  stations: z.number().int(),
  classes: z.number().int(),
  counties: z.number().int(),
  store: z.string(),
  dataVersion: z.number().int(),
  /** True while the records are generated sample data rather than real ones. */
  sampleData: z.boolean(),
})

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness and record counts',
  responses: {
    ...jsonResponse(HealthSchema, 'The service is up'),
    ...unavailableResponse('The store is damaged or failing; `detail` says how'),
  },
})

const unavailable = (detail: string) =>
  new HTTPException(503, {
    res: problemResponse(503, `store failing: ${detail}`, { title: 'Service unavailable' }),
  })

export const healthApi = createRouter().openapi(healthRoute, async (c) => {
  const { store } = c.var
  // Counts alone can pass on a damaged file (SQLite counts rows from an index), so ask the
  // store what it has seen and found.
  const fault = await store.fault()
  if (fault !== null) throw unavailable(fault)
  try {
    const [counts, dataVersion, sampleData] = await Promise.all([
      store.counts(),
      store.dataVersion(),
      store.hasSampleData(),
    ])
    return c.json(
      { status: 'ok' as const, ...counts, store: store.engine, dataVersion, sampleData },
      200,
    )
  } catch (err) {
    throw unavailable(err instanceof Error ? err.message : String(err))
  }
})
