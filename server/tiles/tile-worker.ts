import { createHash } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { TileLayer } from '../domain/tile-format.ts'
import { isOpenAt } from '../domain/opening-hours.ts'
import { buildPointTiles, encodeTile } from './point-tiles.ts'
import type { CountBy, PointTiles, TilePoint } from './point-tiles.ts'

/**
 * Tasks of the tile thread, which keeps each layer's newest points and indexes between tasks.
 * Building an index takes ~1 s at 150,000 points, and cutting a tile walks it: neither runs on
 * the event loop. Besides the layer's clustered index, a tile may ask for its points unclustered
 * or for only those open at an instant: such variants are built on first use and a few kept.
 */

interface Held {
  version: number
  points: TilePoint[]
  countBy?: CountBy
  /** Variant key → index; the first is the clustered index of every point. */
  variants: Map<string, PointTiles>
  /** Minute → which hours values are open then, and a key naming that set. */
  openSets: Map<number, OpenSet>
}
interface OpenSet {
  key: string
  values: Set<string | null>
}
const held = new Map<TileLayer, Held>()
/** Filtered or unclustered indexes kept per layer besides the full one (each up to ~1 s to build). */
const MAX_VARIANTS = 6
const MAX_OPEN_SETS = 60

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
  const variants = new Map([[ALL, buildPointTiles(points, countBy)]])
  held.set(layer, { version, points, countBy, variants, openSets: new Map() })
  return performance.now() - start
}

export interface TileTask {
  layer: TileLayer
  version: number
  z: number
  x: number
  y: number
  /** False: every point on its own at every zoom. */
  cluster: boolean
  /** Epoch ms: only the points whose hours say open then (as nearby's openNow). */
  openAt: number | null
}

const ALL = 'cluster|all'

/** The tile's bytes, or null when this thread holds no index of that layer at that version. */
export function tile(task: TileTask): Uint8Array<ArrayBuffer> | null {
  const h = held.get(task.layer)
  if (h?.version !== task.version) return null
  return encodeTile(variant(h, task.cluster, task.openAt), task.layer, task.z, task.x, task.y)
}

function variant(h: Held, cluster: boolean, openAt: number | null): PointTiles {
  const open = openAt === null ? null : openSet(h, openAt)
  const key = `${cluster ? 'cluster' : 'points'}|${open?.key ?? 'all'}`
  const hit = h.variants.get(key)
  if (hit) return hit
  const points = open ? h.points.filter((p) => open.values.has(p.hours ?? null)) : h.points
  const index = buildPointTiles(points, h.countBy, { cluster })
  if (h.variants.size > MAX_VARIANTS) {
    const oldest = [...h.variants.keys()].find((k) => k !== ALL)
    if (oldest) h.variants.delete(oldest)
  }
  h.variants.set(key, index)
  return index
}

/**
 * Which of the layer's distinct hours values are open at `openAt` (as nearby's openNow decides).
 * Many instants share one set (nothing changes between two openings or closings), so they share
 * one index: the key names the set, not the instant.
 */
function openSet(h: Held, openAt: number): OpenSet {
  const minute = Math.floor(openAt / 60_000)
  const hit = h.openSets.get(minute)
  if (hit) return hit
  const at = new Date(minute * 60_000)
  const distinct = new Set(h.points.map((p) => p.hours ?? null))
  const values = new Set([...distinct].filter((v) => isOpenAt(v, at) === true))
  const key = createHash('sha1')
    .update(JSON.stringify([...values].sort()))
    .digest('base64url')
  const set = { key, values }
  if (h.openSets.size >= MAX_OPEN_SETS) h.openSets.clear()
  h.openSets.set(minute, set)
  return set
}
