import { createRoute } from '@hono/zod-openapi'
import { NearbyClassesQuerySchema, nearbyRadiusM } from '../domain/queries.ts'
import { NearbyClassCollectionSchema } from '../domain/childcare-class.ts'
import { hoursSummary } from '../domain/opening-hours.ts'
import { createRouter } from './env.ts'
import { jsonResponse, problemResponses } from './responses.ts'
import { nearbyFields, pointFeature } from './nearby-fields.ts'

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

export const classesApi = createRouter().openapi(nearbyRoute, async (c) => {
  const q = c.req.valid('query')
  const { hits, total } = await c.var.store.nearbyClasses([q.lon, q.lat], {
    radiusM: nearbyRadiusM(q),
    limit: q.limit,
    filter: { age: q.age, date: q.date, hasSeats: q.hasSeats, adcode: q.adcode },
  })
  const { now } = c.var
  const features = hits.map(({ item, distanceM }) =>
    pointFeature(item, {
      ...nearbyFields([q.lon, q.lat], [item.lon, item.lat], distanceM),
      seatsLeft: Math.max(0, item.capacity - item.enrolled),
      hours: hoursSummary(item.schedule, now),
    }),
  )
  return c.json({ type: 'FeatureCollection' as const, features, total, limit: q.limit }, 200)
})
