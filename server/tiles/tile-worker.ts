import { performance } from 'node:perf_hooks'
import type { TileLayer } from '../domain/tile-format.ts'
import { buildPointTiles, encodeTile } from './point-tiles.ts'
import type { CountBy, PointTiles, TilePoint } from './point-tiles.ts'

/**
 * Tasks of the tile thread, which keeps each layer's newest index between tasks. Building an
 * index takes ~1 s at 150,000 points, and cutting a tile walks it: neither runs on the event loop.
 */

const indexes = new Map<TileLayer, { version: number; index: PointTiles }>()

export interface BuildTask {
  layer: TileLayer
  version: number
  points: TilePoint[]
  countBy?: CountBy
}

/** Indexes a layer at a data version, replacing the older one; resolves to the build's ms. */
export function build({ layer, version, points, countBy }: BuildTask): number {
  const start = performance.now()
  indexes.set(layer, { version, index: buildPointTiles(points, countBy) })
  return performance.now() - start
}

export interface TileTask {
  layer: TileLayer
  version: number
  z: number
  x: number
  y: number
}

/** The tile's bytes, or null when this thread holds no index of that layer at that version. */
export function tile({ layer, version, z, x, y }: TileTask): Uint8Array<ArrayBuffer> | null {
  const held = indexes.get(layer)
  if (held?.version !== version) return null
  return encodeTile(held.index, layer, z, x, y)
}
