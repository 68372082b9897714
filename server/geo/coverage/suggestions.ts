import type { Feature, FeatureCollection, Point } from 'geojson'
import type { LonLat } from '../../domain/geojson.ts'
import { CoverageState } from './coverage-state.ts'
import type { CountyGrid } from './hex-grid.ts'

export const DEFAULT_SUGGESTIONS = 5

export interface SiteSuggestion {
  lonLat: LonLat
  /** H3 cell whose centre is the site. */
  cell: string
  /**
   * Land the site adds to the covered area, km² (scaled to the county's exact area): the rise
   * in coveredKm2, so never more than its disc's exact area or the land left uncovered.
   */
  addedCoverageKm2: number
  /** Covered share of the county (0–100) once this and the earlier suggestions are built. */
  coveredPct: number
}

/**
 * The `count` sites that would cover the most uncovered land, by greedy maximal covering: the
 * candidates are the centres of the grid's cells that lie in the county; each round picks the
 * one adding the most covered land (ties to the first cell), adds it as a station, and repeats.
 * Stops early when no candidate adds anything.
 *
 * Coverage is a union measure (monotone, submodular: see coverage-state.ts), so a candidate's gain
 * can only shrink as sites are added. That makes the greedy (1 − 1/e)-optimal and lets it be
 * lazy: a stale gain is an upper bound, so only the leading candidates are re-evaluated.
 */
export function suggestSites(
  grid: CountyGrid,
  stations: readonly LonLat[],
  radiusM: number,
  count: number = DEFAULT_SUGGESTIONS,
): SiteSuggestion[] {
  const state = new CoverageState(grid, radiusM, stations)
  const candidates: number[] = []
  for (let i = 0; i < grid.cells.length; i++) if (grid.cellCentreInside[i] === 1) candidates.push(i)
  const siteOf = (c: number): LonLat => [grid.cellLon[c] as number, grid.cellLat[c] as number]
  const bounds = candidates.map((c) => state.gain(siteOf(c)))
  const fresh = new Uint8Array(candidates.length).fill(1)
  const scale = grid.gridAreaKm2 > 0 ? grid.areaKm2 / grid.gridAreaKm2 : 0

  const out: SiteSuggestion[] = []
  while (out.length < count) {
    const best = argmax(bounds)
    if (best < 0 || (bounds[best] as number) <= 0) break
    const cellIndex = candidates[best] as number
    if (fresh[best] !== 1) {
      // Re-evaluate the stale leader; if it falls behind another bound, look again.
      bounds[best] = state.gain(siteOf(cellIndex))
      fresh[best] = 1
      continue
    }
    const site = siteOf(cellIndex)
    const addedKm2 = state.add(site)
    out.push({
      lonLat: site,
      cell: grid.cells[cellIndex] as string,
      addedCoverageKm2: addedKm2 * scale,
      coveredPct: state.coveredFraction() * 100,
    })
    bounds[best] = -Infinity
    fresh.fill(0)
  }
  return out
}

/** Suggestions as GeoJSON points, rank (1 = best) and figures in properties. */
export function suggestionFeatures(
  suggestions: readonly SiteSuggestion[],
): FeatureCollection<
  Point,
  { rank: number; cell: string; addedCoverageKm2: number; coveredPct: number }
> {
  const features = suggestions.map(
    (
      s,
      i,
    ): Feature<
      Point,
      { rank: number; cell: string; addedCoverageKm2: number; coveredPct: number }
    > => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.lonLat[0], s.lonLat[1]] },
      properties: {
        rank: i + 1,
        cell: s.cell,
        addedCoverageKm2: s.addedCoverageKm2,
        coveredPct: s.coveredPct,
      },
    }),
  )
  return { type: 'FeatureCollection', features }
}

/** Index of the largest value, first on ties; −1 when empty. */
function argmax(values: readonly number[]): number {
  let best = -1
  let bestValue = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    if (v > bestValue) {
      best = i
      bestValue = v
    }
  }
  return best
}
