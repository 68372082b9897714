import { createRoute, z } from '@hono/zod-openapi'
import {
  ListClassesQuerySchema,
  NearbyClassesQuerySchema,
  nearbyRadiusM,
} from '../domain/queries.ts'
import {
  ClassFeatureSchema,
  ClassPageSchema,
  NearbyClassCollectionSchema,
} from '../domain/childcare-class.ts'
import { textParam } from '../domain/params.ts'
import { createRouter } from './env.ts'
import { badParameter, notFound } from './problem.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { jsonResponse, notFoundResponse, problemResponses } from './responses.ts'
import { nearbyFields } from './nearby-fields.ts'
import { recordVersion } from './record-version.ts'
import { validatedJson } from './middleware/http-cache.ts'
import { classFeature } from './record-features.ts'

const nearbyRoute = createRoute({
  method: 'get',
  path: '/api/classes/nearby',
  summary: 'Childcare classes near a point, nearest first',
  description:
    '`age` must fall within the age range and `date` within the term. `total` is how many ' +
    'classes matched within the radius; `features` holds the nearest `limit`. With `adcode` ' +
    'and no `radius`, the distance is not limited.',
  request: { query: NearbyClassesQuerySchema },
  responses: {
    ...jsonResponse(NearbyClassCollectionSchema, 'Classes sorted by distance'),
    ...problemResponses,
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/api/classes',
  summary: 'A page of classes by county and text, in id order',
  request: { query: ListClassesQuerySchema },
  responses: { ...jsonResponse(ClassPageSchema, 'A page of classes'), ...problemResponses },
})

const getRoute = createRoute({
  method: 'get',
  path: '/api/classes/{id}',
  summary: 'One childcare class',
  request: { params: z.object({ id: textParam(100) }) },
  responses: {
    ...jsonResponse(
      ClassFeatureSchema,
      "The class. Its ETag carries the record's version, for If-Match on writes",
    ),
    ...problemResponses,
    ...notFoundResponse,
  },
})

export const classesApi = createRouter()
  .openapi(nearbyRoute, async (c) => {
    const q = c.req.valid('query')
    const { hits, total } = await c.var.store.nearbyClasses([q.lon, q.lat], {
      radiusM: nearbyRadiusM(q),
      limit: q.limit,
      filter: { age: q.age, date: q.date, hasSeats: q.hasSeats, adcode: q.adcode },
    })
    const { now } = c.var
    const features = hits.map(({ item, distanceM, bearingDeg }) => {
      const feature = classFeature(item, now)
      const near = nearbyFields(distanceM, bearingDeg)
      return { ...feature, properties: { ...feature.properties, ...near } }
    })
    return c.json({ type: 'FeatureCollection' as const, features, total, limit: q.limit }, 200)
  })
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const afterId = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
    if (afterId === null) throw badParameter('cursor', 'not a cursor this API returned')
    const page = await c.var.store.listClasses({
      adcode: q.adcode,
      q: q.q,
      limit: q.limit,
      afterId,
    })
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features: page.classes.map((k) => classFeature(k, c.var.now)),
        nextCursor: page.lastId === null ? null : encodeCursor(page.lastId),
      },
      200,
    )
  })
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param')
    const klass = await c.var.store.getClass(id)
    if (!klass) throw notFound(`no class with id ${id}`)
    return validatedJson(c, classFeature(klass, c.var.now), recordVersion(klass))
  })
