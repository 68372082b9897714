import { setImmediate as nextTurn } from 'node:timers/promises'
import { createHash } from 'node:crypto'
import type { Point } from 'geojson'
import type { CoveragePoint, Store } from '../db/store.ts'
import type { CountyFeature } from '../domain/county.ts'
import type { LonLat } from '../domain/geojson.ts'
import {
  totalCoverage,
  type CoverageLayer,
  type CoverageReport,
  type CoverageRow,
  type NearestStation,
  type SuggestionCollection,
} from '../domain/coverage.ts'
import { coverageInstant, shanghaiDate } from '../domain/coverage-at.ts'
import {
  MAX_SITE_DISTANCE_M,
  type CoverageScenario,
  type ScenarioAnswer,
} from '../domain/coverage-scenario.ts'
import { initialBearingDeg } from '../geo/geodesic.ts'
import { pointInGeometry } from '../geo/polygon.ts'
import { distanceToGeometryM } from '../geo/polygon-distance.ts'
import { resolutionForRadius } from '../geo/coverage/resolution.ts'
import { suggestionFeatures } from '../geo/coverage/suggestions.ts'
import { BoundedCache } from './bounded-cache.ts'
import { CoveragePool, DEFAULT_COVERAGE_THREADS } from './coverage-pool.ts'
import type { CountyFigures, GridRef, PointsRef } from './coverage-worker.ts'

/** What a coverage answer is computed for; `at` as the client gave it, null = any time. */
export interface CoverageScope {
  radiusM: number
  layer: CoverageLayer
  at: string | null
}

export interface CoverageServiceOptions {
  /** Where county grids are stored across restarts; without one they live in memory only. */
  gridDir?: string
  /** Worker threads (default: one per core, at most 4). */
  threads?: number
  /** Distinct computations admitted at once; beyond that requests get CoverageBusyError. */
  maxPendingJobs?: number
}

/** Too much coverage work is queued: the client should retry after `retryAfterS` seconds. */
export class CoverageBusyError extends Error {
  override readonly name = 'CoverageBusyError'
  constructor(readonly retryAfterS: number) {
    super(`coverage work queue is full; retry in ${retryAfterS} s`)
  }
}

/** A scenario names something the data does not have: a 400 naming the field. */
export class ScenarioFieldError extends Error {
  override readonly name = 'ScenarioFieldError'
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(detail)
  }
}

const site = (point: Point): LonLat => [point.coordinates[0]!, point.coordinates[1]!]

const DEFAULT_MAX_PENDING_JOBS = 6
/** About what one uncached answer takes with its grids built. */
const RETRY_AFTER_S = 5
const MAX_CACHED_REPORTS = 64
const MAX_CACHED_GAPS = 64
/** Gaps of a large county at a small radius run to megabytes of GeoJSON. */
const MAX_CACHED_GAPS_BYTES = 64 * 2 ** 20
const MAX_CACHED_SUGGESTIONS = 128
const MAX_POINT_SETS = 16
const MAX_CACHED_SCENARIOS = 64

interface County {
  feature: CountyFeature
  /** Names the county's grids: they depend only on its outline. */
  geometryHash: string
}

interface Snapshot {
  version: number
  counties: County[]
  byAdcode: Map<string, County>
  sampleData: boolean
  points: Record<CoverageLayer, CoveragePoint[]>
}

interface LayerPoints {
  ref: PointsRef
  byCounty: Map<string, number>
  /** Ids of the points that count. */
  ids: Set<string>
}

/**
 * Coverage figures for the API. Everything heavy (grid builds, coverage of counties, gaps,
 * suggestions, opening-hours evaluation) runs on a worker-thread pool over shared memory, so
 * the event loop only routes tasks and assembles small answers.
 *
 * Answers are cached per data version (any committed write bumps it, so nothing stale is
 * served), layer, radius, `at`, county and parameters; concurrent requests for the same answer
 * await one computation, and so do those needing the same county grid. Grids depend only on a
 * county's outline and the H3 resolution; with `gridDir` they are stored there and a restart
 * reads them back. At most `maxPendingJobs` distinct computations are admitted at once.
 */
export class CoverageService {
  /** Work actually started, for tests and logs: cache hits and joined requests add nothing. */
  readonly counters = {
    gridsBuilt: 0,
    gridsLoaded: 0,
    reports: 0,
    gaps: 0,
    suggestions: 0,
    scenarios: 0,
    openEvaluations: 0,
  }

  readonly #store: Store
  readonly #gridDir: string | null
  readonly #threads: number
  readonly #maxPendingJobs: number
  #pool: CoveragePool | null = null
  #pending = 0
  #snapshot: Promise<Snapshot> | null = null
  readonly #grids = new Map<string, Promise<GridRef>>()
  readonly #pointSets = new BoundedCache<LayerPoints>(MAX_POINT_SETS)
  readonly #reports = new BoundedCache<CoverageReport>(MAX_CACHED_REPORTS)
  readonly #gaps = new BoundedCache<string>(
    MAX_CACHED_GAPS,
    MAX_CACHED_GAPS_BYTES,
    (json) => json.length * 2,
  )
  readonly #suggestions = new BoundedCache<SuggestionCollection>(MAX_CACHED_SUGGESTIONS)
  readonly #scenarios = new BoundedCache<ScenarioAnswer>(MAX_CACHED_SCENARIOS)

  constructor(store: Store, options: CoverageServiceOptions = {}) {
    this.#store = store
    this.#gridDir = options.gridDir ?? null
    this.#threads = options.threads ?? DEFAULT_COVERAGE_THREADS
    this.#maxPendingJobs = options.maxPendingJobs ?? DEFAULT_MAX_PENDING_JOBS
  }

  async report(scope: CoverageScope): Promise<CoverageReport> {
    const snap = await this.#current()
    const key = `${scope.layer}|${scope.radiusM}|${scope.at}`
    return this.#reports.get(snap.version, key, () =>
      this.#admit(() => this.#computeReport(snap, scope)),
    )
  }

  /** The county's gaps as serialised GeoJSON; null when there is no county with this adcode. */
  async gaps(adcode: string, scope: CoverageScope, minAreaKm2: number): Promise<string | null> {
    const snap = await this.#current()
    const county = snap.byAdcode.get(adcode)
    if (!county) return null
    const key = `${adcode}|${scope.layer}|${scope.radiusM}|${scope.at}|${minAreaKm2}`
    return this.#gaps.get(snap.version, key, () =>
      this.#admit(async () => {
        this.counters.gaps++
        const task = await this.#countyTask(snap, county, scope)
        const members = { radiusM: scope.radiusM, at: scope.at }
        return this.#run('gaps', { ...task, minAreaKm2, members })
      }),
    )
  }

  /** The best `count` sites; null when there is no county with this adcode. */
  async suggestions(
    adcode: string,
    scope: CoverageScope,
    count: number,
  ): Promise<SuggestionCollection | null> {
    const snap = await this.#current()
    const county = snap.byAdcode.get(adcode)
    if (!county) return null
    // Swaps make the best set of k more than the first k of a larger set: one answer per count.
    const key = `${adcode}|${scope.layer}|${scope.radiusM}|${scope.at}|${count}`
    return this.#suggestions.get(snap.version, key, () =>
      this.#admit(async () => {
        this.counters.suggestions++
        const task = await this.#countyTask(snap, county, scope)
        const sites = await this.#run('suggestions', { ...task, count })
        const features = []
        for (const f of suggestionFeatures(sites).features) {
          const nearestStation = await this.#nearest(site(f.geometry))
          features.push({ ...f, properties: { ...f.properties, nearestStation } })
        }
        return {
          type: 'FeatureCollection' as const,
          radiusM: scope.radiusM,
          at: scope.at,
          features,
        }
      }),
    )
  }

  /**
   * The county's stations figures now and with a scenario applied; null when there is no county
   * with this adcode. Throws ScenarioFieldError for a site too far from the county, or a station
   * id that is not an active station.
   */
  async scenario(adcode: string, plan: CoverageScenario): Promise<ScenarioAnswer | null> {
    const snap = await this.#current()
    const county = snap.byAdcode.get(adcode)
    if (!county) return null
    const { geometry, properties } = county.feature
    plan.added.forEach((s, i) => {
      if (distanceToGeometryM([s.lon, s.lat], geometry) > MAX_SITE_DISTANCE_M) {
        throw new ScenarioFieldError(
          `added[${i}]`,
          `is more than ${MAX_SITE_DISTANCE_M} m from ${properties.name}`,
        )
      }
    })
    const active = new Map(snap.points.stations.map((p) => [p.id, p]))
    const known = (field: string, id: string) => {
      if (!active.has(id)) throw new ScenarioFieldError(field, `no active station ${id}`)
    }
    plan.removed.forEach((id, i) => known(`removed[${i}]`, id))
    plan.hours.forEach((h, i) => known(`hours[${i}].id`, h.id))
    // Canonical: order and repeats do not change the answer's figures, only the sites' order.
    const key = [
      adcode,
      plan.radius,
      plan.at ?? '',
      [...new Set(plan.removed)].sort().join(','),
      plan.hours
        .map((h) => `${h.id}=${h.openingHours}`)
        .sort()
        .join('\n'),
      plan.added.map((s) => `${s.lon},${s.lat}`).join(';'),
    ].join('|')
    return this.#scenarios.get(snap.version, key, () =>
      this.#admit(() => this.#computeScenario(snap, county, plan)),
    )
  }

  /** Builds (or reads back) the grids for a radius ahead of the first request. */
  async warm(radiusM: number): Promise<void> {
    const snap = await this.#current()
    const res = resolutionForRadius(radiusM)
    await Promise.all(snap.counties.map((c) => this.#grid(c, res)))
  }

  /** Stops the worker threads; in-flight work is rejected. */
  async close(): Promise<void> {
    await this.#pool?.close()
    this.#pool = null
  }

  #run: CoveragePool['run'] = (name, task) => {
    this.#pool ??= new CoveragePool(this.#threads)
    return this.#pool.run(name, task)
  }

  #admit<T>(work: () => Promise<T>): Promise<T> {
    if (this.#pending >= this.#maxPendingJobs) {
      return Promise.reject(new CoverageBusyError(RETRY_AFTER_S))
    }
    this.#pending++
    return work().finally(() => this.#pending--)
  }

  async #current(): Promise<Snapshot> {
    const version = await this.#store.dataVersion()
    const snap = this.#snapshot ? await this.#snapshot : null
    if (snap?.version === version) return snap
    this.#snapshot = this.#load(version)
    this.#snapshot.catch(() => (this.#snapshot = null))
    return this.#snapshot
  }

  async #load(version: number): Promise<Snapshot> {
    const store = this.#store
    // One read at a time with a turn of the event loop between: started together, their parts
    // on this thread (parsing the county shapes, making the points) ran as one ~100 ms block.
    const features = await store.listCounties()
    await nextTurn()
    const stations = await store.coveragePoints('stations')
    await nextTurn()
    const classes = await store.coveragePoints('classes')
    const sampleData = await store.hasSampleData()
    await nextTurn()
    const counties = features.map((feature) => ({
      feature,
      geometryHash: createHash('sha256')
        .update(JSON.stringify(feature.geometry))
        .digest('hex')
        .slice(0, 32),
    }))
    return {
      version,
      counties,
      byAdcode: new Map(counties.map((c) => [c.feature.properties.adcode, c])),
      sampleData,
      points: { stations, classes },
    }
  }

  /** The points that count for a layer at a time, in shared memory, and their count per county. */
  #points(snap: Snapshot, layer: CoverageLayer, at: string | null): Promise<LayerPoints> {
    return this.#pointSets.get(snap.version, `${layer}|${at}`, async () => {
      let points = snap.points[layer]
      if (at !== null) {
        const { instant, typicalDay } = coverageInstant(at)
        const day = shanghaiDate(instant)
        // Few distinct values (the sample data has 15): evaluate each once, off the event loop.
        const hours = [...new Set(points.map((p) => p.hours))]
        this.counters.openEvaluations++
        const open = await this.#run('openAt', { hours, instantMs: instant.getTime() })
        const isOpen = new Map(hours.map((h, i) => [h, open[i] === 1]))
        const inTerm = (p: CoveragePoint) =>
          typicalDay || p.termStart === null || (p.termStart <= day && day <= (p.termEnd ?? ''))
        points = points.filter((p) => isOpen.get(p.hours) === true && inTerm(p))
      }
      const lonLat = new Float64Array(new SharedArrayBuffer(points.length * 16))
      const byCounty = new Map<string, number>()
      const ids = new Set<string>()
      points.forEach((p, i) => {
        ids.add(p.id)
        lonLat[2 * i] = p.lon
        lonLat[2 * i + 1] = p.lat
        byCounty.set(p.adcode, (byCounty.get(p.adcode) ?? 0) + 1)
      })
      return { ref: { key: `${snap.version}|${layer}|${at}`, lonLat }, byCounty, ids }
    })
  }

  #grid(county: County, res: number): Promise<GridRef> {
    // Files are named in the thread (grid-files.ts): the event loop never loads the codec's h3-js.
    const key = `county-${county.geometryHash}-r${res}`
    let grid = this.#grids.get(key)
    if (!grid) {
      const task = { dir: this.#gridDir, key, geometry: county.feature.geometry, res }
      grid = this.#run('grid', task).then(({ buffers, built }) => {
        if (built) this.counters.gridsBuilt++
        else this.counters.gridsLoaded++
        return { key, buffers }
      })
      grid.catch(() => this.#grids.delete(key))
      this.#grids.set(key, grid)
    }
    return grid
  }

  async #countyTask(snap: Snapshot, county: County, scope: CoverageScope) {
    const [grid, points] = await Promise.all([
      this.#grid(county, resolutionForRadius(scope.radiusM)),
      this.#points(snap, scope.layer, scope.at),
    ])
    return { grid, points: points.ref, radiusM: scope.radiusM }
  }

  async #computeScenario(
    snap: Snapshot,
    county: County,
    plan: CoverageScenario,
  ): Promise<ScenarioAnswer> {
    this.counters.scenarios++
    const scope: CoverageScope = { radiusM: plan.radius, layer: 'stations', at: plan.at ?? null }
    const task = await this.#countyTask(snap, county, scope)
    const live = await this.#points(snap, 'stations', scope.at)
    // Changed hours matter only at a time: at any time every active station counts.
    const opens = new Map<string, boolean>()
    if (scope.at !== null && plan.hours.length > 0) {
      const instantMs = coverageInstant(scope.at).instant.getTime()
      const hours = plan.hours.map((h) => h.openingHours)
      const open = await this.#run('openAt', { hours, instantMs })
      plan.hours.forEach((h, i) => opens.set(h.id, open[i] === 1))
    }
    const removed = new Set(plan.removed)
    const kept = snap.points.stations.filter(
      (p) => !removed.has(p.id) && (opens.get(p.id) ?? live.ids.has(p.id)),
    )
    const keptLonLat = Float64Array.from(kept.flatMap((p) => [p.lon, p.lat]))
    const added = plan.added.map((s): LonLat => [s.lon, s.lat])
    const result = await this.#run('scenario', { ...task, kept: keptLonLat, added })
    const { properties, geometry } = county.feature
    const liveCount = live.byCounty.get(properties.adcode) ?? 0
    const count =
      kept.filter((p) => p.adcode === properties.adcode).length +
      added.filter((s) => pointInGeometry(s, geometry)).length
    const liveRow = countyRow(properties, liveCount, result.live)
    const scenarioRow = countyRow(properties, count, result.scenario)
    const pp = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a)
    return {
      adcode: properties.adcode,
      radiusM: scope.radiusM,
      at: scope.at,
      dataVersion: snap.version,
      live: liveRow,
      scenario: scenarioRow,
      difference: {
        count: count - liveCount,
        coveredKm2: scenarioRow.coveredKm2 - liveRow.coveredKm2,
        coveredPp: scenarioRow.coveredPct - liveRow.coveredPct,
        populationCoveredPp: pp(liveRow.populationCoveredPct, scenarioRow.populationCoveredPct),
      },
      sites: plan.added.map((s, i) => ({ ...s, addedCoverageKm2: result.siteKm2[i] ?? 0 })),
      gained: result.gained,
      lost: result.lost,
    }
  }

  async #nearest(origin: LonLat): Promise<NearestStation | null> {
    // A few milliseconds each (kd-tree, then SQLite for the name): let requests run in between.
    await new Promise((resolve) => setImmediate(resolve))
    const {
      hits: [hit],
    } = await this.#store.nearbyStations(origin, {
      radiusM: Infinity,
      limit: 1,
      filter: {},
    })
    if (!hit) return null
    const { id, name, lon, lat } = hit.item
    return { id, name, distanceM: hit.distanceM, bearingDeg: initialBearingDeg([lon, lat], origin) }
  }

  async #computeReport(snap: Snapshot, scope: CoverageScope): Promise<CoverageReport> {
    this.counters.reports++
    const { radiusM, layer, at } = scope
    const res = resolutionForRadius(radiusM)
    const points = await this.#points(snap, layer, at)
    const figures = await Promise.all(
      snap.counties.map(async (county) =>
        this.#run('figures', { grid: await this.#grid(county, res), points: points.ref, radiusM }),
      ),
    )
    const counties = snap.counties.map(({ feature: { properties: p } }, i) =>
      countyRow(p, points.byCounty.get(p.adcode) ?? 0, figures[i]!),
    )
    const cityNames = new Map(
      snap.counties.map(({ feature: { properties: p } }) => [p.city, p.cityAdcode]),
    )
    const cities = [...cityNames].map(([city, adcode]) =>
      totalCoverage(
        counties.filter((r) => r.city === city),
        { adcode, name: city, city },
      ),
    )
    const province = totalCoverage(counties, { adcode: '330000', name: '浙江省', city: '浙江省' })
    return {
      radiusM,
      at,
      layer,
      dataVersion: snap.version,
      sampleData: snap.sampleData,
      counties,
      cities,
      province,
    }
  }
}

/** A county's row of the coverage table from its figures and how many points it holds. */
function countyRow(
  p: CountyFeature['properties'],
  count: number,
  figures: CountyFigures,
): CoverageRow {
  return {
    adcode: p.adcode,
    name: p.name,
    city: p.city,
    count,
    population: p.population,
    perTenThousand: p.population ? (count / p.population) * 10_000 : null,
    per100Km2: (count / figures.areaKm2) * 100,
    ...figures,
  }
}
