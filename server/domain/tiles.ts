import { z } from 'zod'
import { decimalParam } from './params.ts'
import { booleanParam } from './queries.ts'
import { TILE_LAYERS, TILE_MAX_ZOOM } from './tile-format.ts'

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

export const TileQuerySchema = z.object({
  openAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'Stations only: just those open at this instant (hours evaluated in Asia/Shanghai, as ' +
        "nearby's openNow). Send a whole minute, so that a minute's maps share their tiles",
    ),
  cluster: booleanParam
    .optional()
    .describe('false: every point on its own at every zoom (for a map that draws each one)'),
})
