import { createRoute, z } from '@hono/zod-openapi'
import type { LonLat } from '../domain/geojson.ts'
import {
  ListStationsQuerySchema,
  nearbyRadiusM,
  NearbyStationsQuerySchema,
} from '../domain/queries.ts'
import { textParam } from '../domain/params.ts'
import {
  NearbyStationCollectionSchema,
  StationFeatureSchema,
  StationPageSchema,
} from '../domain/station.ts'
import { createRouter } from './env.ts'
import { badParameter, notFound } from './problem.ts'
import { jsonResponse, notFoundResponse, problemResponses } from './responses.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { nearbyByTrust, TRUST_ORDER_NOTE, trustVariant } from './station-trust.ts'
import { recordVersion } from './record-version.ts'
import { stationFeature } from './record-features.ts'
import { validatedJson, versionTaggedBytes } from './middleware/http-cache.ts'
import { nearbyStationsBody } from './nearby-body.ts'

const nearbyRoute = createRoute({
  method: 'get',
  path: '/api/stations/nearby',
  summary: 'Active stations near a point, nearest first',
  description:
    'Geodesic (WGS-84 ellipsoid) distances. `openNow` is evaluated in Asia/Shanghai at `at`. ' +
    '`total` is how many stations matched within the radius; `features` holds the nearest `limit`. ' +
    'With `adcode` (an area) or `q` (a text) and no `radius`, the distance is not limited. ' +
    TRUST_ORDER_NOTE,
  request: { query: NearbyStationsQuerySchema },
  responses: {
    ...jsonResponse(NearbyStationCollectionSchema, 'Stations sorted by distance'),
    ...problemResponses,
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/api/stations',
  summary: 'A page of stations by bbox, county, text and amenities, in id order',
  request: { query: ListStationsQuerySchema },
  responses: { ...jsonResponse(StationPageSchema, 'A page of stations'), ...problemResponses },
})

const getRoute = createRoute({
  method: 'get',
  path: '/api/stations/{id}',
  summary: 'One station',
  request: { params: z.object({ id: textParam(100) }) },
  responses: {
    ...jsonResponse(
      StationFeatureSchema,
      "The station. Its ETag carries the record's version, for If-Match on writes",
    ),
    ...problemResponses,
    ...notFoundResponse,
  },
})

export const stationsApi = createRouter()
  .openapi(nearbyRoute, async (c) => {
    const q = c.req.valid('query')
    // One read of c.var: hono builds it anew from its map on every read.
    const { store, stationHeads, now } = c.var
    const at = q.at === undefined ? now : new Date(q.at)
    const origin: LonLat = [q.lon, q.lat]
    const options = {
      radiusM: nearbyRadiusM(q),
      limit: q.limit,
      filter: {
        amenities: q.amenities,
        kind: q.kind,
        adcode: q.adcode,
        text: q.q,
        openAt: q.openNow === true ? at : undefined,
      },
    }
    const { hits, total, version } = await nearbyByTrust(store, origin, options, now)
    const heads = await stationHeads.of(
      version,
      hits.map((h) => h.item.id),
      (ids) => store.getStations(ids),
    )
    const stations = hits.flatMap(({ distanceM, bearingDeg, trust }, i) => {
      const head = heads[i]
      return head ? [{ head, distanceM, bearingDeg, trust }] : []
    })
    return versionTaggedBytes<z.infer<typeof NearbyStationCollectionSchema>>(
      c,
      nearbyStationsBody(stations, at, total, q.limit),
      version,
      trustVariant(hits),
    )
  })
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const { now } = c.var
    const afterId = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
    if (afterId === null) throw badParameter('cursor', 'not a cursor this API returned')
    const page = await c.var.store.listStations({
      bbox: q.bbox,
      adcode: q.adcode,
      q: q.q,
      amenities: q.amenities,
      kind: q.kind,
      limit: q.limit,
      afterId,
    })
    const trust = await c.var.store.trust(
      page.stations.map((s) => s.id),
      now,
    )
    return c.json(
      {
        type: 'FeatureCollection' as const,
        features: page.stations.map((s, i) => stationFeature(s, now, trust[i]!)),
        nextCursor: page.lastId === null ? null : encodeCursor(page.lastId),
      },
      200,
    )
  })
  .openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param')
    const station = await c.var.store.getStation(id)
    if (!station) throw notFound(`no station with id ${id}`)
    const [trust] = await c.var.store.trust([id], c.var.now)
    return validatedJson(c, stationFeature(station, c.var.now, trust!), recordVersion(station))
  })
