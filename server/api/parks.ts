import { createRoute, z } from '@hono/zod-openapi'
import { ListParksQuerySchema } from '../domain/queries.ts'
import { textParam } from '../domain/params.ts'
import { ParkCollectionSchema, ParkFeatureSchema } from '../domain/park.ts'
import { createRouter } from './env.ts'
import { notFound } from './problem.ts'
import { jsonResponse, notFoundResponse, problemResponses } from './responses.ts'
import { pointFeature } from './nearby-fields.ts'

const listRoute = createRoute({
  method: 'get',
  path: '/api/parks',
  summary: 'Logistics parks where kiosks hang, in id order',
  description: '`facingDeg` is the compass direction a person reading the kiosk screen looks in.',
  request: { query: ListParksQuerySchema },
  responses: { ...jsonResponse(ParkCollectionSchema, 'Parks'), ...problemResponses },
})

const getRoute = createRoute({
  method: 'get',
  path: '/api/parks/{id}',
  summary: 'One logistics park',
  request: { params: z.object({ id: textParam(100) }) },
  responses: {
    ...jsonResponse(ParkFeatureSchema, 'The park'),
    ...problemResponses,
    ...notFoundResponse,
  },
})

export const parksApi = createRouter()
  .openapi(listRoute, async (c) => {
    const { adcode } = c.req.valid('query')
    const parks = await c.var.store.listParks(adcode)
    return c.json(
      { type: 'FeatureCollection' as const, features: parks.map((p) => pointFeature(p, {})) },
      200,
    )
  })
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param')
    const park = await c.var.store.getPark(id)
    if (!park) throw notFound(`no park with id ${id}`)
    return c.json(pointFeature(park, {}), 200)
  })
