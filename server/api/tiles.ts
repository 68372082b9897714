import { createRoute, z } from '@hono/zod-openapi'
import { TILE_MEDIA_TYPE } from '../domain/tile-format.ts'
import { TileParamsSchema } from '../domain/tiles.ts'
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
    'An empty tile is an empty 200. Tagged with the data version: revalidate with If-None-Match.',
  request: { params: TileParamsSchema },
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
  const bytes = await c.var.tiles.tile(layer, z, x, y)
  return c.body(bytes, 200, { 'content-type': TILE_MEDIA_TYPE })
})
