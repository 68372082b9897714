import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from './env.ts'
import { jsonResponse } from './responses.ts'

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
  responses: jsonResponse(HealthSchema, 'The service is up'),
})

export const healthApi = createRouter().openapi(healthRoute, async (c) => {
  const { store } = c.var
  const [counts, dataVersion, sampleData] = await Promise.all([
    store.counts(),
    store.dataVersion(),
    store.hasSampleData(),
  ])
  return c.json(
    { status: 'ok' as const, ...counts, store: store.engine, dataVersion, sampleData },
    200,
  )
})
