import Supercluster from 'supercluster'
import { fromGeojsonVt } from 'vt-pbf'
import { CLUSTER_MAX_ZOOM, kindCountProperty } from '../domain/tile-format.ts'

/**
 * Point layers as Mapbox Vector Tiles: supercluster clusters them (up to CLUSTER_MAX_ZOOM) and
 * cuts tiles, vt-pbf encodes them. Pure: the tile worker holds one index per layer.
 */

/** A tile's coordinate space: 4096 units across 512 px, so a point lands within 1/8 px. */
export const TILE_EXTENT = 4096
const TILE_SIZE_PX = 512
/** The clustering radius MapLibre's GeoJSON source used here before tiles (in pixels). */
const CLUSTER_RADIUS_PX = 48

export type TileValue = string | number | boolean
export interface TilePoint {
  lon: number
  lat: number
  /** What a point carries into the tile; clusters get counts instead. */
  properties: Record<string, TileValue>
  /** Its `opening_hours`, for tiles of what is open at an instant (not put in the tile). */
  hours?: string | null
}

/** Clusters count each value of this property apart (`count_<value>`), besides `point_count`. */
export interface CountBy {
  property: string
  values: readonly string[]
}

type Counts = Record<string, number>
export type PointTiles = Supercluster<Record<string, TileValue>, Counts>

/**
 * `cluster: false` keeps every point on its own at every zoom: supercluster's point tree sits at
 * maxZoom + 1, so a maxZoom of -1 leaves it the only tree.
 */
export function buildPointTiles(
  points: readonly TilePoint[],
  countBy?: CountBy,
  { cluster = true }: { cluster?: boolean } = {},
): PointTiles {
  const names = new Map(countBy?.values.map((v) => [v, kindCountProperty(v)]))
  const index = new Supercluster<Record<string, TileValue>, Counts>({
    maxZoom: cluster ? CLUSTER_MAX_ZOOM : -1,
    extent: TILE_EXTENT,
    radius: (CLUSTER_RADIUS_PX * TILE_EXTENT) / TILE_SIZE_PX,
    ...(countBy && {
      map: (props) => {
        const counts: Counts = {}
        for (const name of names.values()) counts[name] = 0
        const own = names.get(String(props[countBy.property]))
        if (own) counts[own] = 1
        return counts
      },
      reduce: (sum, counts) => {
        for (const name of names.values()) sum[name]! += counts[name]!
      },
    }),
  })
  return index.load(
    points.map((p) => ({
      type: 'Feature' as const,
      properties: p.properties,
      geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
    })),
  )
}

/**
 * One tile holding one layer named `layer`; zero bytes when nothing falls in it (or its
 * buffer). Clusters carry `expansion_zoom`, the zoom at which they split, for click-to-zoom.
 */
export function encodeTile(
  index: PointTiles,
  layer: string,
  z: number,
  x: number,
  y: number,
): Uint8Array<ArrayBuffer> {
  const tile = index.getTile(z, x, y)
  if (!tile) return new Uint8Array(0)
  const features = tile.features.map((f) => {
    const tags = f.tags as Record<string, TileValue> | null | undefined
    if (tags?.cluster !== true) return { ...f, tags }
    const split = index.getClusterExpansionZoom(Number(tags.cluster_id))
    return { ...f, tags: { ...tags, expansion_zoom: split } }
  })
  return fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: TILE_EXTENT })
}
