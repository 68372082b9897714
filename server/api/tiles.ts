import { createRoute, z } from '@hono/zod-openapi'
import { TILE_MEDIA_TYPE } from '../domain/tile-format.ts'
import { TileParamsSchema, TileQuerySchema } from '../domain/tiles.ts'
import { createRouter } from './env.ts'
import { badParameter } from './problem.ts'
import { problemResponses } from './responses.ts'

const tileRoute = createRoute({
  method: 'get',
  path: '/api/tiles/{layer}/{z}/{x}/{y}',
  summary: 'A Mapbox Vector Tile of a point layer: /api/tiles/stations/10/856/417.mvt',
  description:
    "One layer named after the path's. Up to zoom 12 nearby points are clustered: a cluster " +
    'has `point_count`, `point_count_abbreviated`, `expansion_zoom` and, for stations, ' +
    '`count_<kind>` per station kind; beyond it every point is its own feature. Stations ' +
    '(active only) carry `id, kind, tier, name, sample, amenities` (a bit set: bit i is the ' +
    'i-th amenity of the vocabulary); classes `id, name, seatsLeft, ageMin, ageMax, sample`. ' +
    'An empty tile is an empty 200. Tagged with the data version: revalidate with If-None-Match. ' +
    '`cluster=false` leaves every point on its own at every zoom; `openAt` (stations) keeps only ' +
    'the stations open at that instant, clusters counting only them.',
  request: { params: TileParamsSchema, query: TileQuerySchema },
  responses: {
    200: {
      description: 'The tile (protobuf); empty when nothing falls in it',
      content: { [TILE_MEDIA_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problemResponses,
  },
})

export const tilesApi = createRouter().openapi(tileRoute, async (c) => {
  const { layer, z, x, y } = c.req.valid('param')
  const side = 2 ** z
  if (x >= side) throw badParameter('x', `must be below 2^z = ${side} at zoom ${z}`)
  if (y >= side) throw badParameter('y', `must be below 2^z = ${side} at zoom ${z}`)
  const { openAt, cluster } = c.req.valid('query')
  if (openAt !== undefined && layer !== 'stations')
    throw badParameter('openAt', 'only the stations layer has opening hours')
  const bytes = await c.var.tiles.tile(layer, z, x, y, {
    cluster,
    openAt: openAt === undefined ? undefined : new Date(openAt),
  })
  return c.body(bytes, 200, { 'content-type': TILE_MEDIA_TYPE })
})
