import {
  cellArea,
  cellToBoundary,
  cellToLatLng,
  getHexagonEdgeLengthAvg,
  latLngToCell,
  polygonToCells,
} from 'h3-js'
import KDBush from 'kdbush'
import type { LonLat } from '../../domain/geojson.ts'
import type { AreaGeometry, BBox } from '../polygon.ts'
import { geodesicAreaKm2, geometryBBox, pointInGeometry, polygonsOf } from '../polygon.ts'
import { EdgeBuckets, insidePieceCentroids } from './boundary-pieces.ts'
import { localDistanceM } from './local-distance.ts'
import { equalAreaRadiusM } from './resolution.ts'

/**
 * A county rasterised once into H3 cells at one resolution, reusable for any station set and
 * any radius that suits the resolution (cache it per county and resolution).
 *
 * Coverage is computed on "pieces": an interior cell is one piece; a cell the county boundary
 * crosses is cut into 54 triangles (boundary-pieces.ts), keeping those whose centroid lies in
 * the county. So the land counted follows the boundary ~7× more closely than whole cells
 * would, at little cost (only boundary cells are cut, and only nearby edges are consulted).
 */
export interface CountyGrid {
  res: number
  geometry: AreaGeometry
  bbox: BBox
  /** Exact ellipsoidal area of the county (geodesicAreaKm2). */
  areaKm2: number
  /** Σ pieceAreaKm2: the land the grid sees; within a fraction of a percent of areaKm2. */
  gridAreaKm2: number
  /** Cells at `res` with some land in the county. */
  cells: string[]
  cellLon: Float64Array
  cellLat: Float64Array
  /** 1 where the cell's centre lies in the county (only those are candidate sites). */
  cellCentreInside: Uint8Array
  /** For each piece: its cell (index into `cells`), centre, area and equal-area radius. */
  pieceCell: Uint32Array
  pieceLon: Float64Array
  pieceLat: Float64Array
  pieceAreaKm2: Float64Array
  pieceRadiusM: Float64Array
  maxPieceRadiusM: number
  /** Pieces by centre, for range queries around a station; null when there are none. */
  pieceIndex: KDBush | null
}

/** Rasterises a Polygon or MultiPolygon at H3 resolution `res`. */
export function buildCountyGrid(geometry: AreaGeometry, res: number): CountyGrid {
  const boundary = boundaryCells(geometry, res)
  const centred = new Set<string>()
  for (const rings of polygonsOf(geometry)) {
    for (const cell of polygonToCells(rings, res, true)) centred.add(cell)
  }

  const cells: string[] = []
  const cellLon: number[] = []
  const cellLat: number[] = []
  const cellCentreInside: number[] = []
  const pieceCell: number[] = []
  const pieceLon: number[] = []
  const pieceLat: number[] = []
  const pieceAreaKm2: number[] = []

  for (const cell of centred) {
    if (boundary.has(cell)) continue
    const [lat, lon] = cellToLatLng(cell)
    pieceCell.push(cells.length)
    pieceLon.push(lon)
    pieceLat.push(lat)
    pieceAreaKm2.push(cellArea(cell, 'km2'))
    cells.push(cell)
    cellLon.push(lon)
    cellLat.push(lat)
    cellCentreInside.push(1)
  }

  // Edges bucketed about a cell across, so a cell's neighbourhood touches a few buckets.
  const edges = new EdgeBuckets(geometry, (2 * getHexagonEdgeLengthAvg(res, 'm')) / 111_000)
  for (const cell of boundary) {
    const [lat, lon] = cellToLatLng(cell)
    const ring = cellToBoundary(cell, true).slice(0, -1) as Array<[number, number]>
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
    for (const [x, y] of ring) {
      minX = Math.min(minX, x)
      minY = Math.min(minY, y)
      maxX = Math.max(maxX, x)
      maxY = Math.max(maxY, y)
    }
    const centreInside = pointInGeometry([lon, lat], geometry)
    const local = edges.near(minX, minY, maxX, maxY)
    const pieces = insidePieceCentroids([lon, lat], ring, centreInside, local)
    if (pieces.length === 0) continue
    const areaKm2 = cellArea(cell, 'km2')
    for (const [x, y, share] of pieces) {
      pieceCell.push(cells.length)
      pieceLon.push(x)
      pieceLat.push(y)
      pieceAreaKm2.push(areaKm2 * share)
    }
    cells.push(cell)
    cellLon.push(lon)
    cellLat.push(lat)
    cellCentreInside.push(centreInside ? 1 : 0)
  }

  const areas = Float64Array.from(pieceAreaKm2)
  const radii = areas.map((a) => equalAreaRadiusM(a * 1e6))
  let gridAreaKm2 = 0
  for (const a of areas) gridAreaKm2 += a
  let pieceIndex: KDBush | null = null
  if (pieceLon.length > 0) {
    pieceIndex = new KDBush(pieceLon.length, 64, Float64Array)
    for (let i = 0; i < pieceLon.length; i++)
      pieceIndex.add(pieceLon[i] as number, pieceLat[i] as number)
    pieceIndex.finish()
  }
  return {
    res,
    geometry,
    bbox: geometryBBox(geometry),
    areaKm2: geodesicAreaKm2(geometry),
    gridAreaKm2,
    cells,
    cellLon: Float64Array.from(cellLon),
    cellLat: Float64Array.from(cellLat),
    cellCentreInside: Uint8Array.from(cellCentreInside),
    pieceCell: Uint32Array.from(pieceCell),
    pieceLon: Float64Array.from(pieceLon),
    pieceLat: Float64Array.from(pieceLat),
    pieceAreaKm2: areas,
    pieceRadiusM: radii,
    maxPieceRadiusM: radii.reduce((m, r) => Math.max(m, r), 0),
    pieceIndex,
  }
}

/**
 * Cells the county's boundary passes through: each ring edge is sampled every quarter of an
 * average cell edge, so a cell is missed only where a ring cuts a corner thinner than that,
 * which holds negligible land. Small islands are caught too, since their rings are sampled.
 */
export function boundaryCells(geometry: AreaGeometry, res: number): Set<string> {
  const stepM = getHexagonEdgeLengthAvg(res, 'm') / 4
  const out = new Set<string>()
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i] as LonLat
        const b = ring[i + 1] as LonLat
        const n = Math.max(1, Math.ceil(localDistanceM(a, b) / stepM))
        for (let k = 0; k < n; k++) {
          const t = k / n
          out.add(latLngToCell(a[1] + t * (b[1] - a[1]), a[0] + t * (b[0] - a[0]), res))
        }
      }
      const last = ring[ring.length - 1]
      if (last) out.add(latLngToCell(last[1] as number, last[0] as number, res))
    }
  }
  return out
}
