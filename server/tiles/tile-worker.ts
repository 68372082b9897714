import { performance } from 'node:perf_hooks'
import type { TileLayer } from '../domain/tile-format.ts'
import { buildPointTiles, encodeTile } from './point-tiles.ts'
import type { CountBy, PointTiles, TilePoint } from './point-tiles.ts'

/**
 * Tasks of the tile thread, which keeps each layer's newest index between tasks. Building an
 * index takes ~1 s at 150,000 points, and cutting a tile walks it: neither runs on the event loop.
 */

const indexes = new Map<TileLayer, { version: number; index: PointTiles }>()

/** Points handed over a chunk at a time: copying 150,000 at once would stall the event loop. */
const staged = new Map<string, TilePoint[]>()
const stageKey = (layer: TileLayer, version: number) => `${layer}@${version}`

export interface StageTask {
  layer: TileLayer
  version: number
  points: TilePoint[]
}

/** Adds a chunk of the points a coming build of this layer and version will index. */
export function stage({ layer, version, points }: StageTask): void {
  const key = stageKey(layer, version)
  const all = staged.get(key) ?? []
  for (const p of points) all.push(p)
  staged.set(key, all)
}

export interface BuildTask {
  layer: TileLayer
  version: number
  countBy?: CountBy
}

/** Indexes the staged points, replacing the layer's older index; resolves to the build's ms. */
export function build({ layer, version, countBy }: BuildTask): number {
  const start = performance.now()
  const key = stageKey(layer, version)
  const points = staged.get(key) ?? []
  staged.delete(key)
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
