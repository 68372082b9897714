import { cellsToMultiPolygon, gridDisk } from 'h3-js'
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { CoverageState } from './coverage-state.ts'

export interface GapProperties {
  /** Uncovered land in the gap, km² (scaled to the county's exact area). */
  areaKm2: number
  /** H3 cells merged into it. */
  cells: number
}

export type GapFeature = Feature<Polygon | MultiPolygon, GapProperties>

export interface GapOptions {
  /** Drop gaps with less uncovered land than this (slivers), km². Default 0: keep all. */
  minAreaKm2?: number
}

/**
 * The uncovered parts of a county: cells (at the grid's resolution) more than half of whose land
 * is uncovered, merged into connected regions (sharing an edge), largest first. Outlines are
 * hexagon edges and may stick out past the coast or border by up to a cell; areaKm2 counts only
 * the uncovered land inside the county, so the gaps' areas add up to a little less than
 * uncoveredKm2 (partly covered cells are left out).
 */
export function coverageGaps(
  state: CoverageState,
  options: GapOptions = {},
): FeatureCollection<Polygon | MultiPolygon, GapProperties> {
  const { grid, covered } = state
  const minAreaKm2 = options.minAreaKm2 ?? 0
  const scale = grid.gridAreaKm2 > 0 ? grid.areaKm2 / grid.gridAreaKm2 : 0

  const landKm2 = new Float64Array(grid.cells.length)
  const uncoveredKm2 = new Float64Array(grid.cells.length)
  for (let i = 0; i < grid.pieceCell.length; i++) {
    const cell = grid.pieceCell[i] as number
    const a = (grid.pieceAreaKm2[i] as number) * scale
    landKm2[cell] = (landKm2[cell] as number) + a
    uncoveredKm2[cell] = (uncoveredKm2[cell] as number) + a * (1 - (covered[i] as number))
  }

  const gapCells = new Map<string, number>()
  grid.cells.forEach((cell, i) => {
    if ((uncoveredKm2[i] as number) > 0.5 * (landKm2[i] as number)) gapCells.set(cell, i)
  })

  const features: GapFeature[] = []
  const seen = new Set<string>()
  for (const start of gapCells.keys()) {
    if (seen.has(start)) continue
    seen.add(start)
    const component: string[] = []
    let areaKm2 = 0
    const stack = [start]
    while (stack.length > 0) {
      const cell = stack.pop() as string
      component.push(cell)
      areaKm2 += uncoveredKm2[gapCells.get(cell) as number] as number
      for (const next of gridDisk(cell, 1)) {
        if (!seen.has(next) && gapCells.has(next)) {
          seen.add(next)
          stack.push(next)
        }
      }
    }
    if (areaKm2 < minAreaKm2) continue
    const polygons = cellsToMultiPolygon(component, true)
    const geometry: Polygon | MultiPolygon =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as number[][][] }
        : { type: 'MultiPolygon', coordinates: polygons }
    features.push({ type: 'Feature', properties: { areaKm2, cells: component.length }, geometry })
  }
  features.sort((a, b) => b.properties.areaKm2 - a.properties.areaKm2)
  return { type: 'FeatureCollection', features }
}
