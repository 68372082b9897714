import { createRoute } from '@hono/zod-openapi'
import { CountyCollectionSchema } from '../domain/county.ts'
import { createRouter } from './env.ts'
import { jsonResponse } from './responses.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/api/counties',
  summary: 'County polygons (WGS-84) with census facts and geodesic land area',
  responses: jsonResponse(CountyCollectionSchema, 'All county-level divisions'),
})

export const countiesApi = createRouter().openapi(listRoute, async (c) => {
  const features = await c.var.store.listCounties()
  return c.json({ type: 'FeatureCollection' as const, features }, 200)
})
