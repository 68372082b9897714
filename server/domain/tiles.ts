import { z } from 'zod'
import { decimalParam } from './params.ts'

/** Point layers served as Mapbox Vector Tiles; each is also the tile's layer name. */
export const TILE_LAYERS = ['stations', 'classes'] as const
export type TileLayer = (typeof TILE_LAYERS)[number]

/** Deepest tiles served; a map shows them overzoomed beyond (points are exact to 1/8 px here). */
export const TILE_MAX_ZOOM = 14
/** Clusters up to this zoom, single points from the next one on. */
export const CLUSTER_MAX_ZOOM = 12
export const TILE_MEDIA_TYPE = 'application/vnd.mapbox-vector-tile'

/** A cluster's count of one station kind: `count_courier_station`, … */
export const kindCountProperty = (kind: string) => `count_${kind}`

const TILE_ROW = /^(\d{1,5})\.mvt$/

/**
 * `{y}` is the tile row with the `.mvt` suffix ("3.mvt"): the router matches whole path
 * segments. x and y must also be below 2^z, which the handler checks once z is known.
 */
export const TileParamsSchema = z.object({
  layer: z.enum(TILE_LAYERS),
  z: decimalParam(z.number().int().min(0).max(TILE_MAX_ZOOM)).describe('Zoom level'),
  x: decimalParam(z.number().int().min(0)).describe('Tile column, below 2^z'),
  y: z
    .string()
    .regex(TILE_ROW, 'expected the tile row and .mvt, such as 3.mvt')
    .transform((s) => Number(TILE_ROW.exec(s)![1]))
    .describe('Tile row, below 2^z, then .mvt'),
})
