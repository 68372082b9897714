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
 * hexagon edges and may stick out past the coast or border by up to a cell.
 *
 * areaKm2 counts uncovered land from the same pieces and shares as the county's figures, all of
 * it: a partly covered cell (up to half uncovered, so not drawn) gives its uncovered land to the
 * nearest region through cells with uncovered land (breadth first, ties to the region found
 * first); one that reaches no region this way lies in a pocket between stations and is a gap of
 * its own, drawn with its cells. So with minAreaKm2 = 0 the gaps add up to uncoveredKm2.
 */
export function coverageGaps(
  state: CoverageState,
  options: GapOptions = {},
): FeatureCollection<Polygon | MultiPolygon, GapProperties> {
  const { grid, covered } = state
  const minAreaKm2 = options.minAreaKm2 ?? 0
  const scale = grid.gridAreaKm2 > 0 ? grid.areaKm2 / grid.gridAreaKm2 : 0

  const cellCount = grid.cells.length
  const landKm2 = new Float64Array(cellCount)
  const uncoveredKm2 = new Float64Array(cellCount)
  for (let i = 0; i < grid.pieceCell.length; i++) {
    const cell = grid.pieceCell[i] as number
    const a = (grid.pieceAreaKm2[i] as number) * scale
    landKm2[cell] = (landKm2[cell] as number) + a
    uncoveredKm2[cell] = (uncoveredKm2[cell] as number) + a * (1 - (covered[i] as number))
  }
  const indexOf = new Map<string, number>()
  grid.cells.forEach((cell, i) => {
    if ((uncoveredKm2[i] as number) > 0) indexOf.set(cell, i)
  })
  const drawn = (i: number) => (uncoveredKm2[i] as number) > 0.5 * (landKm2[i] as number)

  // Label cells by region (−1: none yet). spread() labels, breadth first, the unlabelled cells
  // with uncovered land that `through` admits, each with the label of the cell it came from.
  const region = new Int32Array(cellCount).fill(-1)
  let regionCount = 0
  const spread = (queue: number[], through: (i: number) => boolean): void => {
    for (let k = 0; k < queue.length; k++) {
      const from = queue[k] as number
      for (const next of gridDisk(grid.cells[from] as string, 1)) {
        const j = indexOf.get(next)
        if (j === undefined || region[j] !== -1 || !through(j)) continue
        region[j] = region[from] as number
        queue.push(j)
      }
    }
  }
  const seed = (i: number, through: (i: number) => boolean): void => {
    region[i] = regionCount++
    spread([i], through)
  }
  for (let i = 0; i < cellCount; i++) if (region[i] === -1 && drawn(i)) seed(i, drawn)
  const drawnRegions = regionCount
  // Partly covered cells join the nearest region, from all regions at once.
  spread(
    [...indexOf.values()].filter((i) => region[i] !== -1),
    () => true,
  )
  // Pockets no region reaches: each connected group is a gap drawn with its own cells.
  for (const i of indexOf.values()) if (region[i] === -1) seed(i, () => true)

  const regions = Array.from({ length: regionCount }, () => ({ cells: [] as string[], areaKm2: 0 }))
  for (const i of indexOf.values()) {
    const r = region[i] as number
    const gap = regions[r] as { cells: string[]; areaKm2: number }
    gap.areaKm2 += uncoveredKm2[i] as number
    if (r >= drawnRegions || drawn(i)) gap.cells.push(grid.cells[i] as string)
  }

  const features: GapFeature[] = []
  for (const { cells, areaKm2 } of regions) {
    if (areaKm2 < minAreaKm2) continue
    const polygons = cellsToMultiPolygon(cells, true)
    const geometry: Polygon | MultiPolygon =
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0] as number[][][] }
        : { type: 'MultiPolygon', coordinates: polygons }
    features.push({ type: 'Feature', properties: { areaKm2, cells: cells.length }, geometry })
  }
  features.sort((a, b) => b.properties.areaKm2 - a.properties.areaKm2)
  return { type: 'FeatureCollection', features }
}
