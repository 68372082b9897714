import type { MultiPolygon, Polygon, Position } from 'geojson'
import geographiclib from 'geographiclib-geodesic'
import type { LonLat } from '../domain/geojson.ts'

const { Geodesic } = geographiclib

export type AreaGeometry = Polygon | MultiPolygon

/** Polygons of a Polygon or MultiPolygon, each as [outer, ...holes]. */
export function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
}

/**
 * Area of one ring on the WGS-84 ellipsoid, edges as geodesics (geographiclib's PolygonArea),
 * whatever its winding. A closing vertex equal to the first is allowed.
 */
export function ringAreaM2(ring: readonly Position[]): number {
  const polygon = Geodesic.WGS84.Polygon(false)
  const n = closedLength(ring)
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Position
    polygon.AddPoint(p[1] as number, p[0] as number)
  }
  // sign = true: a clockwise ring gives −area, not the area of the rest of the Earth.
  return Math.abs(polygon.Compute(false, true).area ?? 0)
}

/** Ellipsoidal area in km²: outer rings minus their holes, summed over polygons. */
export function geodesicAreaKm2(geometry: AreaGeometry): number {
  let areaM2 = 0
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (!outer) continue
    areaM2 += ringAreaM2(outer)
    for (const hole of holes) areaM2 -= ringAreaM2(hole)
  }
  return areaM2 / 1e6
}

function closedLength(ring: readonly Position[]): number {
  const first = ring[0]
  const last = ring[ring.length - 1]
  const closed = ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]
  return closed ? ring.length - 1 : ring.length
}

/** [minLon, minLat, maxLon, maxLat] */
export type BBox = [number, number, number, number]

interface PreparedPolygon {
  bbox: BBox
  /** Each ring as flat [lon0, lat0, lon1, lat1, ...], closed (last vertex = first). */
  rings: Float64Array[]
}

interface PreparedGeometry {
  bbox: BBox
  polygons: PreparedPolygon[]
}

// Prepared once per geometry object, so repeated queries only pay for the ray casting.
const prepared = new WeakMap<AreaGeometry, PreparedGeometry>()

function prepare(geometry: AreaGeometry): PreparedGeometry {
  const cached = prepared.get(geometry)
  if (cached) return cached
  const polygons: PreparedPolygon[] = []
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity]
  for (const rings of polygonsOf(geometry)) {
    const outer = rings[0]
    if (!outer || outer.length < 3) continue
    const flat = rings.map(flatClosedRing)
    const polygonBBox = ringBBox(flat[0] as Float64Array)
    polygons.push({ bbox: polygonBBox, rings: flat })
    bbox[0] = Math.min(bbox[0], polygonBBox[0])
    bbox[1] = Math.min(bbox[1], polygonBBox[1])
    bbox[2] = Math.max(bbox[2], polygonBBox[2])
    bbox[3] = Math.max(bbox[3], polygonBBox[3])
  }
  const result = { bbox, polygons }
  prepared.set(geometry, result)
  return result
}

function flatClosedRing(ring: Position[]): Float64Array {
  const n = closedLength(ring)
  const flat = new Float64Array(2 * (n + 1))
  for (let i = 0; i <= n; i++) {
    const p = ring[i % n] as Position
    flat[2 * i] = p[0] as number
    flat[2 * i + 1] = p[1] as number
  }
  return flat
}

function ringBBox(flat: Float64Array): BBox {
  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity]
  for (let i = 0; i < flat.length; i += 2) {
    const x = flat[i] as number
    const y = flat[i + 1] as number
    if (x < bbox[0]) bbox[0] = x
    if (y < bbox[1]) bbox[1] = y
    if (x > bbox[2]) bbox[2] = x
    if (y > bbox[3]) bbox[3] = y
  }
  return bbox
}

/** Bounding box of a Polygon or MultiPolygon (cached with the prepared geometry). */
export function geometryBBox(geometry: AreaGeometry): BBox {
  return prepare(geometry).bbox
}

/**
 * Whether a [lon, lat] point lies inside a Polygon or MultiPolygon (holes excluded), by
 * even-odd ray casting in plain lon/lat. Points exactly on an edge may fall either side;
 * shared edges of neighbouring polygons give each such point to exactly one of them.
 */
export function pointInGeometry(lonLat: LonLat, geometry: AreaGeometry): boolean {
  const [x, y] = lonLat
  const { bbox, polygons } = prepare(geometry)
  if (x < bbox[0] || x > bbox[2] || y < bbox[1] || y > bbox[3]) return false
  for (const polygon of polygons) {
    const b = polygon.bbox
    if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue
    let inside = false
    for (const ring of polygon.rings) if (crossesOddTimes(ring, x, y)) inside = !inside
    if (inside) return true
  }
  return false
}

function crossesOddTimes(ring: Float64Array, x: number, y: number): boolean {
  let odd = false
  for (let i = 0; i < ring.length - 2; i += 2) {
    const xa = ring[i] as number
    const ya = ring[i + 1] as number
    const xb = ring[i + 2] as number
    const yb = ring[i + 3] as number
    // Half-open in y so a vertex on the ray is counted once.
    if (ya > y === yb > y) continue
    // Interpolate from the lower end, so an edge shared by two polygons (walked in opposite
    // directions) gives the same crossing bit for bit: a point on it lands in exactly one.
    const crossing =
      ya < yb ? xa + ((y - ya) * (xb - xa)) / (yb - ya) : xb + ((y - yb) * (xa - xb)) / (ya - yb)
    if (x < crossing) odd = !odd
  }
  return odd
}
