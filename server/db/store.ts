import type { LonLat } from '../domain/geojson.ts'
import type { Station, StationInput } from '../domain/station.ts'
import type { ChildcareClass, ChildcareClassInput } from '../domain/childcare-class.ts'
import type { CountyFeature } from '../domain/county.ts'
import type { Amenity, StationKind } from '../domain/vocabularies.ts'
import type { CoverageLayer } from '../domain/coverage.ts'

/**
 * The one persistence interface the API sees. Each implementation (SQLite now, PostgreSQL +
 * PostGIS later) passes the same contract suite in tests/server/db/store.contract.ts.
 * Nothing outside server/db/ names a dialect.
 */

export interface StationFilter {
  /** The station must have every one of these. */
  amenities?: readonly Amenity[]
  kind?: StationKind
  /** Only stations open at this instant (Asia/Shanghai hours); unknown hours do not match. */
  openAt?: Date
  /** Only stations in this area (see inArea). */
  adcode?: string
  /** Substring of name or address, case-insensitive. */
  text?: string
}

/**
 * A record's county `adcode` lies in `area`: that county itself, or, for a prefecture city's
 * code (GB/T 2260: it ends in 00), any county whose code starts with the city's four digits.
 */
export function inArea(adcode: string, area: string): boolean {
  return area.endsWith('00') ? adcode.slice(0, 4) === area.slice(0, 4) : adcode === area
}

export interface ClassFilter {
  /** The child's age must fall within the class's age range. */
  age?: number
  /** YYYY-MM-DD that must fall within the term. */
  date?: string
  hasSeats?: boolean
  /** Only classes in this area (see inArea). */
  adcode?: string
}

export interface NearbyOptions<F> {
  radiusM: number
  limit: number
  filter: F
}

export interface NearbyHit<T> {
  item: T
  /** Geodesic metres from the query point (WGS-84 ellipsoid), unrounded. */
  distanceM: number
}

/** The nearest hits (at most `limit`) and how many matched in all within the radius. */
export interface NearbyResult<T> {
  hits: NearbyHit<T>[]
  total: number
}

export interface StationListQuery {
  bbox?: readonly [number, number, number, number]
  adcode?: string
  /** Substring of name or address. */
  q?: string
  amenities?: readonly Amenity[]
  kind?: StationKind
  limit: number
  /** Return stations whose id sorts after this one (keyset pagination). */
  afterId?: string
}

export interface StationPage {
  stations: Station[]
  /** Id of the last station when more may follow, else null. */
  lastId: string | null
}

/** Everything a store holds; records may leave out their provenance (the shipped sample does). */
export interface Dataset {
  counties: CountyFeature[]
  stations: StationInput[]
  classes: ChildcareClassInput[]
}

/** A point that counts for coverage: an active station, or a childcare class. */
export interface CoveragePoint {
  /** The station's or class's id (a planner's scenario names stations by it). */
  id: string
  adcode: string
  lon: number
  lat: number
  /** `opening_hours` syntax: a station's hours or a class's daily schedule; null when unknown. */
  hours: string | null
  /** A class's term, YYYY-MM-DD inclusive; null for stations. */
  termStart: string | null
  termEnd: string | null
}

export interface StoreCounts {
  stations: number
  classes: number
  counties: number
}

export interface Store {
  /** Which engine, for /api/health; callers must not branch on it. */
  readonly engine: string
  counts(): Promise<StoreCounts>
  /** True when any station or class is generated sample data. */
  hasSampleData(): Promise<boolean>
  /** Increases on every committed write; caches key on it. */
  dataVersion(): Promise<number>
  listCounties(): Promise<CountyFeature[]>
  getStation(id: string): Promise<Station | null>
  listStations(query: StationListQuery): Promise<StationPage>
  /**
   * Active stations within radiusM (may be Infinity) passing the filter, nearest first (ties by
   * id), with the exact number of such stations.
   */
  nearbyStations(
    origin: LonLat,
    options: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<Station>>
  nearbyClasses(
    origin: LonLat,
    options: NearbyOptions<ClassFilter>,
  ): Promise<NearbyResult<ChildcareClass>>
  /** Points of one layer for coverage: active stations, or all classes; in id order. */
  coveragePoints(layer: CoverageLayer): Promise<CoveragePoint[]>
  /** Replace everything in one transaction: on any error nothing changes. */
  replaceDataset(dataset: Dataset): Promise<void>
  /**
   * Reads every stored page looking for damage, off the event loop; resolves to the problems
   * found, [] when sound. Seconds on a large store: run it at start-up, not per request.
   */
  verify(): Promise<string[]>
  /**
   * Why the store cannot serve, or null while it can: damage found by verify(), or met by any
   * query since the store opened (a corrupt page, an I/O error). Re-verifies when the last
   * scan is more than a minute old, so a health probe notices damage no request has hit yet.
   */
  fault(): Promise<string | null>
  close(): Promise<void>
}
