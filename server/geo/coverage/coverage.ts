/**
 * Coverage model: the share of a county's land within a service radius R (geodesic, WGS-84) of
 * at least one station, and the km² covered and not.
 *
 * Method
 * 1. Raster (hex-grid.ts; once per county and resolution, cacheable): the county as H3 cells at
 *    resolution `res`, which resolution.ts picks from R (9 below ~970 m, 8 up to ~2.56 km, 7
 *    beyond: the coarsest whose equal-area cell radius ρ ≤ R/2). Cells the outline crosses are
 *    cut into 54 triangles, keeping those whose centroid is in the county (boundary-pieces.ts).
 *    Each whole cell or kept triangle is a "piece" with its area (h3 cellArea); Σ piece areas is
 *    within 0.3 % of the exact county area on every fixture, islands included.
 * 2. Reach (footprint.ts): a kd-tree over piece centres gives, per station, the pieces within
 *    R + ρ. A piece whose equal-area disc lies wholly within R is covered; otherwise it is split
 *    into 24 sample discs (a sunflower spiral), each covered by the largest lens share any
 *    station gives it (disc-overlap.ts: the exact overlap of two discs), and the piece's covered
 *    share is their mean (piece-share.ts). A site's fractional shares are scaled down where its
 *    disc's estimate exceeds the disc's exact geodesic area (disc-area.ts), so one site never
 *    adds more land than its disc holds. This is a union measure: adding stations in any order
 *    gives the same state (coverage-state.ts), monotone and submodular, as the greedy needs.
 *    Gaps (gaps.ts) and suggestions' gains (suggestions.ts) are read off the same pieces and
 *    shares, so the gaps add up to uncoveredKm2 and a gain is the rise in coveredKm2.
 * 3. Figures: covered share = Σ area·share / Σ area; km² scale it to the exact county area
 *    (geodesicAreaKm2), so covered + uncovered = the county's area.
 *
 * Error analysis (measured against exact geometry: union of geodesic circles ∩ county, areas
 * from geographiclib; tests/server/geo/coverage, bench/coverage.ts)
 * - Disc discretisation: the lens share is a disc convolved with a cell-sized kernel, so it
 *   integrates to πR² exactly (tested) and is unbiased over cell offsets. For one isolated
 *   station over random offsets it errs ≤ 0.4 % of πR² at ρ/R ≈ 0.2, ≤ 1.6 % at ρ/R ≈ 0.5 and
 *   ≤ 3 % at R = 200 m on res 9 (ρ/R ≈ 0.8, the floor); a 0/1 centre test errs up to 35 %.
 *   Overlapping discs only carry error along the union's outline.
 * - Several outlines in one piece: one lens per piece with a max undercounts (−1.9 pp seen),
 *   with 1 − Π(1 − share) it overcounts near-coincident discs (+1.2 pp seen); the per-sample max
 *   errs only where outlines cross inside a sample disc 1/24 of a piece.
 * - County outline: resolved to 1/54 of a boundary cell; centre sampling of whole cells would
 *   misstate the land by up to 0.8 % (res 9) or 5 % (res 8) for the smallest districts.
 * - Distance: localDistanceM (tangent plane with WGS-84 radii of curvature) is within 1e-4 of
 *   distanceM up to 25 km (tested; ~1e-5 typical) and classifies whole pieces with a 1e-3
 *   margin, so no piece is misjudged; sample shares use it too, where 1e-4·R ≤ 1 m is far below
 *   the sample size.
 * Result (tests/server/geo/coverage/coverage.test.ts): over 32 cases — 4 real counties (the
 * smallest, an archipelago, a dense district, a large county) × sparse, clustered and
 * across-the-border stations × R = 200 m … 10 km, each leaving the county neither nearly empty
 * nor nearly full — |covered km² − exact| ≤ 1.0 pp of the county and ≤ 2 % of the exact covered
 * km² (the bar: max(0.25 pp, 3 %)). bench/coverage.ts compares 5 counties with the
 * 6,000-station sample.
 */
import type { LonLat } from '../../domain/geojson.ts'
import { pointInGeometry } from '../polygon.ts'
import { CoverageState } from './coverage-state.ts'
import type { CountyGrid } from './hex-grid.ts'

/**
 * People living in a piece of land with the given centre and area (km²), e.g. a gridded density
 * times area. With one, coverage also reports the share of people within reach.
 */
export type PopulationSurface = (centre: LonLat, areaKm2: number) => number

export interface CoverageOptions {
  population?: PopulationSurface
}

export interface CountyCoverage {
  radiusM: number
  /** H3 resolution of the grid used. */
  res: number
  /** Stations inside the county (stations outside still cover land across the border). */
  count: number
  /** Exact ellipsoidal area of the county. */
  areaKm2: number
  /** Covered share of the land, 0–100. */
  coveredPct: number
  coveredKm2: number
  uncoveredKm2: number
  /** Covered share of the population, 0–100; null without a surface (or with nobody in it). */
  populationCoveredPct: number | null
}

/**
 * Coverage of one county by stations anywhere: pass them all, those out of reach cost a bbox
 * test each. The grid should come from buildCountyGrid(geometry, resolutionForRadius(radiusM)).
 */
export function countyCoverage(
  grid: CountyGrid,
  stations: readonly LonLat[],
  radiusM: number,
  options: CoverageOptions = {},
): CountyCoverage {
  const state = new CoverageState(grid, radiusM, stations)
  return summarizeCoverage(state, countInside(grid, stations), options)
}

/** The figures for a computed state (also used after adding suggested sites). */
export function summarizeCoverage(
  state: CoverageState,
  count: number,
  options: CoverageOptions = {},
): CountyCoverage {
  const { grid } = state
  const fraction = state.coveredFraction()
  const coveredKm2 = fraction * grid.areaKm2
  return {
    radiusM: state.radiusM,
    res: grid.res,
    count,
    areaKm2: grid.areaKm2,
    coveredPct: fraction * 100,
    coveredKm2,
    uncoveredKm2: grid.areaKm2 - coveredKm2,
    populationCoveredPct: options.population
      ? populationCoveredPct(state, options.population)
      : null,
  }
}

/** Stations inside the county's outline. */
export function countInside(grid: CountyGrid, stations: readonly LonLat[]): number {
  let n = 0
  for (const s of stations) if (pointInGeometry(s, grid.geometry)) n++
  return n
}

function populationCoveredPct(state: CoverageState, population: PopulationSurface): number | null {
  const { grid, covered } = state
  let total = 0
  let reached = 0
  for (let i = 0; i < grid.pieceLon.length; i++) {
    const people = population(
      [grid.pieceLon[i] as number, grid.pieceLat[i] as number],
      grid.pieceAreaKm2[i] as number,
    )
    total += people
    reached += people * (covered[i] as number)
  }
  return total > 0 ? (reached / total) * 100 : null
}
