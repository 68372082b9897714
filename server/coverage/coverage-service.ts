import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { Store } from '../db/store.ts'
import type { CountyFeature } from '../domain/county.ts'
import type { LonLat } from '../domain/geojson.ts'
import {
  totalCoverage,
  type CoverageLayer,
  type CoverageReport,
  type CoverageRow,
} from '../domain/coverage.ts'
import { buildCountyGrid, type CountyGrid } from '../geo/coverage/hex-grid.ts'
import { resolutionForRadius } from '../geo/coverage/resolution.ts'
import { countyCoverage } from '../geo/coverage/coverage.ts'
import { CoverageState } from '../geo/coverage/coverage-state.ts'
import { coverageGaps, type GapProperties } from '../geo/coverage/gaps.ts'
import { suggestionFeatures, suggestSites } from '../geo/coverage/suggestions.ts'

/** Results kept per (data version, layer, radius); older versions are dropped on sight. */
const MAX_CACHED_REPORTS = 64

interface Snapshot {
  version: number
  counties: CountyFeature[]
  sampleData: boolean
  points: Map<CoverageLayer, { all: LonLat[]; byCounty: Map<string, number> }>
}

/**
 * Coverage figures for the API, cached per (radius, layer, data version): any committed write
 * bumps the store's data version, so stale figures are never served. County grids depend only
 * on the boundaries and the H3 resolution, so they outlive writes that leave counties alone.
 * Work is shared: concurrent requests for the same figures await one computation.
 */
export class CoverageService {
  readonly #store: Store
  #snapshot: Promise<Snapshot> | null = null
  readonly #grids = new Map<string, { geometryJson: string; grid: CountyGrid }>()
  readonly #reports = new Map<string, Promise<CoverageReport>>()

  constructor(store: Store) {
    this.#store = store
  }

  async report(radiusM: number, layer: CoverageLayer): Promise<CoverageReport> {
    const snap = await this.#current()
    const key = `${snap.version}:${layer}:${radiusM}`
    let report = this.#reports.get(key)
    if (!report) {
      report = this.#computeReport(snap, radiusM, layer)
      report.catch(() => this.#reports.delete(key))
      this.#reports.set(key, report)
      this.#evict(snap.version)
    }
    return report
  }

  /** null when there is no county with this adcode. */
  async gaps(
    adcode: string,
    radiusM: number,
    layer: CoverageLayer,
    minAreaKm2: number,
  ): Promise<FeatureCollection<Polygon | MultiPolygon, GapProperties> | null> {
    const snap = await this.#current()
    const county = snap.counties.find((c) => c.properties.adcode === adcode)
    if (!county) return null
    const grid = await this.#grid(county, resolutionForRadius(radiusM))
    const state = new CoverageState(grid, radiusM, snap.points.get(layer)!.all)
    return coverageGaps(state, { minAreaKm2 })
  }

  /** null when there is no county with this adcode. */
  async suggestions(
    adcode: string,
    radiusM: number,
    layer: CoverageLayer,
    count: number,
  ): Promise<ReturnType<typeof suggestionFeatures> | null> {
    const snap = await this.#current()
    const county = snap.counties.find((c) => c.properties.adcode === adcode)
    if (!county) return null
    const grid = await this.#grid(county, resolutionForRadius(radiusM))
    return suggestionFeatures(suggestSites(grid, snap.points.get(layer)!.all, radiusM, count))
  }

  /** Builds the grids for a radius ahead of the first request (yields between counties). */
  async warm(radiusM: number): Promise<void> {
    const snap = await this.#current()
    const res = resolutionForRadius(radiusM)
    for (const county of snap.counties) await this.#grid(county, res)
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
    const [counties, stations, classes, sampleData] = await Promise.all([
      store.listCounties(),
      store.coveragePoints('stations'),
      store.coveragePoints('classes'),
      store.hasSampleData(),
    ])
    const layer = (points: typeof stations) => {
      const byCounty = new Map<string, number>()
      for (const p of points) byCounty.set(p.adcode, (byCounty.get(p.adcode) ?? 0) + 1)
      return { all: points.map((p): LonLat => [p.lon, p.lat]), byCounty }
    }
    const points = new Map<CoverageLayer, ReturnType<typeof layer>>([
      ['stations', layer(stations)],
      ['classes', layer(classes)],
    ])
    return { version, counties, sampleData, points }
  }

  async #grid(county: CountyFeature, res: number): Promise<CountyGrid> {
    const key = `${county.properties.adcode}:${res}`
    const geometryJson = JSON.stringify(county.geometry)
    const cached = this.#grids.get(key)
    if (cached?.geometryJson === geometryJson) return cached.grid
    // Building a grid takes up to ~0.2 s per county: let waiting requests run in between.
    await new Promise((resolve) => setImmediate(resolve))
    const grid = buildCountyGrid(county.geometry as Polygon | MultiPolygon, res)
    this.#grids.set(key, { geometryJson, grid })
    return grid
  }

  async #computeReport(
    snap: Snapshot,
    radiusM: number,
    layer: CoverageLayer,
  ): Promise<CoverageReport> {
    const res = resolutionForRadius(radiusM)
    const { all, byCounty } = snap.points.get(layer)!
    const counties: CoverageRow[] = []
    for (const county of snap.counties) {
      const p = county.properties
      const c = countyCoverage(await this.#grid(county, res), all, radiusM)
      const count = byCounty.get(p.adcode) ?? 0
      counties.push({
        adcode: p.adcode,
        name: p.name,
        city: p.city,
        count,
        population: p.population,
        perTenThousand: p.population ? (count / p.population) * 10_000 : null,
        per100Km2: (count / c.areaKm2) * 100,
        areaKm2: c.areaKm2,
        coveredPct: c.coveredPct,
        coveredKm2: c.coveredKm2,
        uncoveredKm2: c.uncoveredKm2,
        populationCoveredPct: c.populationCoveredPct,
      })
    }
    const cityNames = new Map(
      snap.counties.map((c) => [c.properties.city, c.properties.cityAdcode]),
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
      layer,
      dataVersion: snap.version,
      sampleData: snap.sampleData,
      counties,
      cities,
      province,
    }
  }

  #evict(version: number): void {
    for (const key of this.#reports.keys()) {
      if (!key.startsWith(`${version}:`) || this.#reports.size > MAX_CACHED_REPORTS) {
        this.#reports.delete(key)
      }
    }
  }
}
