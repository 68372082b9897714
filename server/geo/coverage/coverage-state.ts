import type { LonLat } from '../../domain/geojson.ts'
import { geodesicDiscAreaKm2 } from './disc-area.ts'
import { forEachReachedPiece, FULL } from './footprint.ts'
import type { CountyGrid } from './hex-grid.ts'
import { sampleShares, SAMPLES_PER_PIECE } from './piece-share.ts'

/**
 * Covered share of every piece of a county grid for a growing set of sites at one radius.
 * Adding sites in any order gives the same state, so coverage of stations + suggestions equals
 * coverage recomputed from scratch with the suggestions as stations.
 *
 * Each site covers a fixed amount of each sample (1 for a piece wholly in reach, else its lens
 * share, piece-share.ts), and a sample is covered by the largest amount any site gives it. The
 * lens estimate of one disc is unbiased over where the disc falls on the grid but not exact for
 * each place: at a cell centre it overshoots by up to 1.7 % (res 7, R = 3 km), so a site could
 * seem to add more land than its disc holds. Each site's partial shares are therefore scaled
 * down, where needed, so that alone it covers at most its disc's exact geodesic area (in the
 * county's km²). The scale depends only on the site and the grid, never on other sites, so
 * coverage stays a union measure (monotone, submodular, order-independent); shares of 1 are
 * left alone, so land within reach of a site is still covered in full.
 */
export class CoverageState {
  readonly grid: CountyGrid
  readonly radiusM: number
  /** Covered share (0–1) of each piece. */
  readonly covered: Float64Array
  /** Per-sample shares of pieces reached only partially so far. */
  readonly #samples = new Map<number, Float64Array>()
  readonly #scratch = new Float64Array(SAMPLES_PER_PIECE)
  /** One site's footprint: reached pieces, whether wholly, and partial pieces' sample shares. */
  #reached = new Uint32Array(64)
  #whole = new Uint8Array(64)
  #shares = new Float64Array(64 * SAMPLES_PER_PIECE)
  /** Grid km² per km² of the county's exact area. */
  readonly #gridPerKm2: number

  constructor(grid: CountyGrid, radiusM: number, sites: readonly LonLat[] = []) {
    if (!(radiusM > 0) || !Number.isFinite(radiusM)) {
      throw new Error(`radiusM must be a positive number of metres, got ${radiusM}`)
    }
    this.grid = grid
    this.radiusM = radiusM
    this.covered = new Float64Array(grid.pieceLon.length)
    this.#gridPerKm2 = grid.areaKm2 > 0 ? grid.gridAreaKm2 / grid.areaKm2 : 1
    for (const site of sites) this.add(site)
  }

  /** A copy that can then grow apart from this state (cheaper than adding its sites again). */
  clone(): CoverageState {
    const copy = new CoverageState(this.grid, this.radiusM)
    copy.covered.set(this.covered)
    for (const [piece, samples] of this.#samples) copy.#samples.set(piece, samples.slice())
    return copy
  }

  /** Adds a site; returns the land it newly covers, in the grid's km² (Σ piece areas). */
  add(site: LonLat): number {
    return this.#apply(site, true)
  }

  /** The land a site would newly cover (grid km²), leaving the state unchanged. */
  gain(site: LonLat): number {
    return this.#apply(site, false)
  }

  /**
   * What a site alone covers, piece by piece, as add() would apply it: visit(piece, null) for a
   * piece wholly in reach, else visit(piece, shares) with its per-sample shares (the array is
   * reused: read it during the call only). The exact solver (max-cover-exact.ts) builds its
   * program from these, so it optimises the very measure the greedy does.
   */
  forEachShare(site: LonLat, visit: (piece: number, shares: Float64Array | null) => void): void {
    const n = this.#footprint(site)
    const scale = this.#partialScale(site, n)
    const shares = new Float64Array(SAMPLES_PER_PIECE)
    for (let k = 0; k < n; k++) {
      if (this.#whole[k] === 1) {
        visit(this.#reached[k] as number, null)
        continue
      }
      for (let i = 0; i < SAMPLES_PER_PIECE; i++) shares[i] = this.#share(k, i, scale)
      visit(this.#reached[k] as number, shares)
    }
  }

  /** Covered share (0–1) of sample i of a piece. */
  sampleCovered(piece: number, i: number): number {
    if (this.covered[piece] === 1) return 1
    return this.#samples.get(piece)?.[i] ?? 0
  }

  /** Sample i's share of the k-th reached piece of the current footprint, scaled. */
  #share(k: number, i: number, scale: number): number {
    const lens = this.#shares[k * SAMPLES_PER_PIECE + i] as number
    return lens === 1 ? 1 : lens * scale
  }

  /** The exact area of the site's disc, in the grid's km². */
  #discGridKm2(site: LonLat): number {
    return geodesicDiscAreaKm2(site[1], this.radiusM) * this.#gridPerKm2
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
    const { grid, covered } = this
    const n = this.#footprint(site)
    const scale = this.#partialScale(site, n)
    let gainKm2 = 0
    for (let k = 0; k < n; k++) {
      const piece = this.#reached[k] as number
      const before = covered[piece] as number
      if (before === 1) continue
      let after = 1
      if (this.#whole[k] !== 1) {
        const samples = this.#samples.get(piece)
        const into = commit ? (samples ?? new Float64Array(SAMPLES_PER_PIECE)) : this.#scratch
        let sum = 0
        for (let i = 0; i < SAMPLES_PER_PIECE; i++) {
          const share = Math.max(samples ? (samples[i] as number) : 0, this.#share(k, i, scale))
          into[i] = share
          sum += share
        }
        after = sum / SAMPLES_PER_PIECE
        if (commit && samples === undefined && after < 1) this.#samples.set(piece, into)
      }
      gainKm2 += (grid.pieceAreaKm2[piece] as number) * (after - before)
      if (!commit) continue
      covered[piece] = after
      if (after === 1) this.#samples.delete(piece)
    }
    return gainKm2
  }

  /** Fills the footprint buffers for one site; returns how many pieces it reaches. */
  #footprint(site: LonLat): number {
    const { grid, radiusM } = this
    let n = 0
    forEachReachedPiece(grid, site, radiusM, (piece, reach) => {
      if (n === this.#reached.length) this.#grow()
      this.#reached[n] = piece
      this.#whole[n] = reach === FULL ? 1 : 0
      if (reach !== FULL) {
        const centre: LonLat = [grid.pieceLon[piece] as number, grid.pieceLat[piece] as number]
        const radius = grid.pieceRadiusM[piece] as number
        sampleShares(centre, radius, site, radiusM, this.#shares, n * SAMPLES_PER_PIECE)
      }
      n++
    })
    return n
  }

  /**
   * The factor (≤ 1) on the site's fractional sample shares that keeps what it covers alone
   * within its disc's exact area: (disc − wholly covered) / fractionally covered, or 1.
   */
  #partialScale(site: LonLat, n: number): number {
    const areas = this.grid.pieceAreaKm2
    let wholeKm2 = 0
    let fractionKm2 = 0
    for (let k = 0; k < n; k++) {
      const a = areas[this.#reached[k] as number] as number
      if (this.#whole[k] === 1) {
        wholeKm2 += a
        continue
      }
      for (let i = 0; i < SAMPLES_PER_PIECE; i++) {
        const lens = this.#shares[k * SAMPLES_PER_PIECE + i] as number
        if (lens === 1) wholeKm2 += a / SAMPLES_PER_PIECE
        else fractionKm2 += (a / SAMPLES_PER_PIECE) * lens
      }
    }
    const discKm2 = this.#discGridKm2(site)
    if (wholeKm2 + fractionKm2 <= discKm2) return 1
    return Math.max(0, (discKm2 - wholeKm2) / fractionKm2)
  }

  #grow(): void {
    const size = this.#reached.length * 2
    const reached = new Uint32Array(size)
    reached.set(this.#reached)
    const whole = new Uint8Array(size)
    whole.set(this.#whole)
    const shares = new Float64Array(size * SAMPLES_PER_PIECE)
    shares.set(this.#shares)
    this.#reached = reached
    this.#whole = whole
    this.#shares = shares
  }
}
