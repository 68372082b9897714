import path from 'node:path'
import type { LonLat } from '../domain/geojson.ts'
import { isOpenAt } from '../domain/opening-hours.ts'
import { summarizeCoverage } from '../geo/coverage/coverage.ts'
import { coverageChange, type ChangeCollection } from '../geo/coverage/coverage-change.ts'
import { CoverageState } from '../geo/coverage/coverage-state.ts'
import { coverageGaps } from '../geo/coverage/gaps.ts'
import { buildCountyGrid, type CountyGrid } from '../geo/coverage/hex-grid.ts'
import { suggestSites, type SiteSuggestion } from '../geo/coverage/suggestions.ts'
import type { AreaGeometry } from '../geo/polygon.ts'
import { decodeGrid, encodeGrid, type GridBuffers } from './grid-codec.ts'
import { gridFileName, readGridFile, writeGridFile } from './grid-files.ts'

/**
 * The coverage tasks the worker pool runs (one named export per task, see coverage-pool.ts).
 * Grids and points arrive as shared memory; each worker keeps decoded views of the recent ones.
 */

/** A grid the service holds, named by a key unique to its geometry and resolution. */
export interface GridRef {
  key: string
  buffers: GridBuffers
}

/** The points of one layer at one time: [lon0, lat0, lon1, lat1, …] in shared memory. */
export interface PointsRef {
  key: string
  lonLat: Float64Array
}

export interface GridTask {
  /** The directory grids are stored in; null to keep them in memory only. */
  dir: string | null
  /** The grid's name (GridRef.key), which its file is named after. */
  key: string
  geometry: AreaGeometry
  res: number
}

/** The grid stored in its file if that is usable, else a new one (stored when there is a dir). */
export function grid({ dir, key, geometry, res }: GridTask): {
  buffers: GridBuffers
  built: boolean
} {
  const file = dir === null ? null : path.join(dir, gridFileName(key))
  const stored = file === null ? null : readGridFile(file)
  if (stored && stored.meta.res === res) return { buffers: stored, built: false }
  const buffers = encodeGrid(buildCountyGrid(geometry, res))
  try {
    if (file !== null) writeGridFile(file, buffers)
  } catch (err) {
    // A full or read-only disk costs a rebuild after the next restart, not this answer.
    console.error(`cannot store coverage grid ${file}: ${(err as Error).message}`)
  }
  return { buffers, built: true }
}

export interface CoverageTask {
  grid: GridRef
  points: PointsRef
  radiusM: number
}

export interface CountyFigures {
  areaKm2: number
  coveredPct: number
  coveredKm2: number
  uncoveredKm2: number
  populationCoveredPct: number | null
}

export function figures({ grid, points, radiusM }: CoverageTask): CountyFigures {
  return figuresOf(new CoverageState(gridOf(grid), radiusM, pointsOf(points)))
}

function figuresOf(state: CoverageState): CountyFigures {
  const c = summarizeCoverage(state, 0)
  return {
    areaKm2: c.areaKm2,
    coveredPct: c.coveredPct,
    coveredKm2: c.coveredKm2,
    uncoveredKm2: c.uncoveredKm2,
    populationCoveredPct: c.populationCoveredPct,
  }
}

/**
 * The county's gaps as a GeoJSON FeatureCollection already serialised, with `members` added:
 * a large county at a small radius gives megabytes, which the event loop must not stringify.
 */
export function gaps(
  task: CoverageTask & { minAreaKm2: number; members: Record<string, unknown> },
): string {
  const state = new CoverageState(gridOf(task.grid), task.radiusM, pointsOf(task.points))
  const { type, features } = coverageGaps(state, { minAreaKm2: task.minAreaKm2 })
  return JSON.stringify({ type, ...task.members, features })
}

export function suggestions(task: CoverageTask & { count: number }): SiteSuggestion[] {
  return suggestSites(gridOf(task.grid), pointsOf(task.points), task.radiusM, task.count)
}

export interface ScenarioTask extends CoverageTask {
  /** The points that count in the scenario before the added sites, [lon0, lat0, …]. */
  kept: Float64Array
  added: LonLat[]
}

export interface ScenarioFigures {
  live: CountyFigures
  scenario: CountyFigures
  /** Land only each added site covers in the scenario, grid km² scaled to the county's. */
  siteKm2: number[]
  gained: ChangeCollection
  lost: ChangeCollection
}

/**
 * The county's figures now (as figures() gives them) and with the scenario applied, where the
 * coverage rose and fell, and what each added site alone contributes (the scenario without it
 * is computed afresh: coverage is a union, so this is order-free).
 */
export function scenario({ grid, points, radiusM, kept, added }: ScenarioTask): ScenarioFigures {
  const county = gridOf(grid)
  const live = new CoverageState(county, radiusM, pointsOf(points))
  const keptSites = Array.from({ length: kept.length / 2 }, (_, i): LonLat => [
    kept[2 * i] as number,
    kept[2 * i + 1] as number,
  ])
  const after = new CoverageState(county, radiusM, [...keptSites, ...added])
  const scale = county.gridAreaKm2 > 0 ? county.areaKm2 / county.gridAreaKm2 : 0
  const siteKm2 = added.map((_, i) => {
    const without = new CoverageState(county, radiusM, [
      ...keptSites,
      ...added.filter((_, j) => j !== i),
    ])
    return Math.max(0, after.coveredGridKm2() - without.coveredGridKm2()) * scale
  })
  return {
    live: figuresOf(live),
    scenario: figuresOf(after),
    siteKm2,
    ...coverageChange(live, after),
  }
}

/** 1 where the `opening_hours` value says open at the instant, 0 otherwise (unknown too). */
export function openAt({ hours, instantMs }: { hours: (string | null)[]; instantMs: number }) {
  const at = new Date(instantMs)
  return Uint8Array.from(hours, (h) => (isOpenAt(h, at) === true ? 1 : 0))
}

// --- per-worker views of shared grids and points, most recently used last.

const MAX_GRIDS = 300 // all counties at the three resolutions
const MAX_POINT_SETS = 8
const grids = new Map<string, CountyGrid>()
const pointSets = new Map<string, LonLat[]>()

function remember<T>(cache: Map<string, T>, max: number, key: string, make: () => T): T {
  let value = cache.get(key)
  if (value === undefined) value = make()
  else cache.delete(key)
  cache.set(key, value)
  if (cache.size > max) cache.delete(cache.keys().next().value as string)
  return value
}

const gridOf = (ref: GridRef) => remember(grids, MAX_GRIDS, ref.key, () => decodeGrid(ref.buffers))

const pointsOf = (ref: PointsRef) =>
  remember(pointSets, MAX_POINT_SETS, ref.key, () =>
    Array.from({ length: ref.lonLat.length / 2 }, (_, i): LonLat => [
      ref.lonLat[2 * i] as number,
      ref.lonLat[2 * i + 1] as number,
    ]),
  )
