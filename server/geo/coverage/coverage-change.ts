import { cellsToMultiPolygon } from 'h3-js'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { CoverageState } from './coverage-state.ts'

export interface ChangeProperties {
  /** Land whose coverage changed this way, km² (scaled to the county's exact area). */
  areaKm2: number
  /** H3 cells drawn. */
  cells: number
}

export type ChangeCollection = FeatureCollection<Polygon | MultiPolygon, ChangeProperties> & {
  areaKm2: number
}

/**
 * Where coverage rose and where it fell between two states of the same grid and radius, as one
 * feature each (the cells with any such change, merged; empty when none). Piece by piece the
 * change is all one way, so gained.areaKm2 − lost.areaKm2 equals the change in covered km²
 * exactly; the outlines are whole cells, so a cell partly gained is drawn whole.
 */
export function coverageChange(
  before: CoverageState,
  after: CoverageState,
): { gained: ChangeCollection; lost: ChangeCollection } {
  const { grid } = before
  if (after.grid !== grid || after.radiusM !== before.radiusM) {
    throw new Error('coverageChange compares two states of one grid and radius')
  }
  const scale = grid.gridAreaKm2 > 0 ? grid.areaKm2 / grid.gridAreaKm2 : 0
  const gainedByCell = new Map<number, number>()
  const lostByCell = new Map<number, number>()
  for (let i = 0; i < grid.pieceCell.length; i++) {
    const delta = (after.covered[i] as number) - (before.covered[i] as number)
    if (delta === 0) continue
    const cells = delta > 0 ? gainedByCell : lostByCell
    const cell = grid.pieceCell[i] as number
    cells.set(cell, (cells.get(cell) ?? 0) + Math.abs(delta) * (grid.pieceAreaKm2[i] as number))
  }
  const collection = (byCell: Map<number, number>): ChangeCollection => {
    let areaKm2 = 0
    for (const km2 of byCell.values()) areaKm2 += km2 * scale
    if (byCell.size === 0) return { type: 'FeatureCollection', areaKm2, features: [] }
    const cells = [...byCell.keys()].map((c) => grid.cells[c] as string)
    const polygons = cellsToMultiPolygon(cells, true)
    const geometry: Polygon | MultiPolygon =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as number[][][] }
        : { type: 'MultiPolygon', coordinates: polygons }
    const feature: Feature<Polygon | MultiPolygon, ChangeProperties> = {
      type: 'Feature',
      properties: { areaKm2, cells: cells.length },
      geometry,
    }
    return { type: 'FeatureCollection', areaKm2, features: [feature] }
  }
  return { gained: collection(gainedByCell), lost: collection(lostByCell) }
}
