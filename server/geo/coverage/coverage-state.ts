import type { LonLat } from '../../domain/geojson.ts'
import { forEachReachedPiece, FULL } from './footprint.ts'
import type { CountyGrid } from './hex-grid.ts'
import { raiseSampleShares, SAMPLES_PER_PIECE } from './piece-share.ts'

/**
 * Covered share of every piece of a county grid for a growing set of sites at one radius.
 * Adding sites in any order gives the same state, so coverage of stations + suggestions equals
 * coverage recomputed from scratch with the suggestions as stations.
 */
export class CoverageState {
  readonly grid: CountyGrid
  readonly radiusM: number
  /** Covered share (0–1) of each piece. */
  readonly covered: Float64Array
  /** Per-sample shares of pieces reached only partially so far. */
  readonly #samples = new Map<number, Float64Array>()
  readonly #scratch = new Float64Array(SAMPLES_PER_PIECE)

  constructor(grid: CountyGrid, radiusM: number, sites: readonly LonLat[] = []) {
    if (!(radiusM > 0) || !Number.isFinite(radiusM)) {
      throw new Error(`radiusM must be a positive number of metres, got ${radiusM}`)
    }
    this.grid = grid
    this.radiusM = radiusM
    this.covered = new Float64Array(grid.pieceLon.length)
    for (const site of sites) this.add(site)
  }

  /** Adds a site; returns the land it newly covers, in the grid's km² (Σ piece areas). */
  add(site: LonLat): number {
    return this.#apply(site, true)
  }

  /** The land a site would newly cover (grid km²), leaving the state unchanged. */
  gain(site: LonLat): number {
    return this.#apply(site, false)
  }

  /** Covered km² of the grid's land. */
  coveredGridKm2(): number {
    const areas = this.grid.pieceAreaKm2
    let km2 = 0
    for (let i = 0; i < areas.length; i++) km2 += (areas[i] as number) * (this.covered[i] as number)
    return km2
  }

  /** Covered share (0–1) of the grid's land. */
  coveredFraction(): number {
    const total = this.grid.gridAreaKm2
    return total > 0 ? Math.min(1, this.coveredGridKm2() / total) : 0
  }

  #apply(site: LonLat, commit: boolean): number {
    const { grid, radiusM, covered } = this
    let gainKm2 = 0
    forEachReachedPiece(grid, site, radiusM, (piece, reach) => {
      const before = covered[piece] as number
      if (before === 1) return
      let after = 1
      if (reach !== FULL) {
        let samples = this.#samples.get(piece)
        if (samples === undefined) {
          samples = new Float64Array(SAMPLES_PER_PIECE)
          if (commit) this.#samples.set(piece, samples)
        }
        const centre: LonLat = [grid.pieceLon[piece] as number, grid.pieceLat[piece] as number]
        const into = commit ? samples : this.#scratch
        after = raiseSampleShares(
          samples,
          centre,
          grid.pieceRadiusM[piece] as number,
          site,
          radiusM,
          into,
        )
      }
      gainKm2 += (grid.pieceAreaKm2[piece] as number) * (after - before)
      if (!commit) return
      covered[piece] = after
      if (after === 1) this.#samples.delete(piece)
    })
    return gainKm2
  }
}
