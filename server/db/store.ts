import type { LonLat } from '../domain/geojson.ts'
import type { Station, StationInput } from '../domain/station.ts'
import type { ChildcareClass, ChildcareClassInput } from '../domain/childcare-class.ts'
import type { CountyFeature } from '../domain/county.ts'
import type { Park, ParkInput } from '../domain/park.ts'
import type { Amenity, StationKind } from '../domain/vocabularies.ts'
import type { CoverageLayer } from '../domain/coverage.ts'
import type { ImportBatch } from '../domain/import-report.ts'
import type { ImportLayer, RecordOf } from '../import/register.ts'
import type { Report, ReportInput, Trust } from '../domain/report.ts'
import type { Account, Role } from '../domain/account.ts'
import type { AuditAction, AuditEntry, AuditLayer } from '../domain/audit.ts'
import type { ClosedStatus, InboxReport } from '../domain/report-inbox.ts'
import type { ReportStatus } from '../domain/report.ts'
import type { ReportType } from '../domain/vocabularies.ts'

/**
 * The one persistence interface the API sees. Each implementation (SQLite, and PostgreSQL +
 * PostGIS) passes the same contract suite in tests/server/db/store.contract.ts.
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
  /** Initial bearing from the query point, as initialBearingDeg gives it (one solve with the distance). */
  bearingDeg: number
}

/** A station as the nearby search knows it: enough to rank, orient and fetch it. */
export interface StationPoint {
  id: string
  lon: number
  lat: number
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

/** What the map draws of an active station (its tile point), amenities as a bit set. */
export type MapStation = Pick<
  Station,
  'id' | 'lon' | 'lat' | 'kind' | 'tier' | 'name' | 'sample' | 'openingHours'
> & {
  /** amenityMask of its amenities. */
  amenities: number
}

export interface MapStationPage {
  stations: MapStation[]
  /** Id of the last station when more may follow, else null. */
  lastId: string | null
}

export interface ClassListQuery extends ClassFilter {
  /** Substring of name or address, as for stations. */
  q?: string
  limit: number
  /** Return classes whose id sorts after this one (keyset pagination). */
  afterId?: string
}

export interface ClassPage {
  classes: ChildcareClass[]
  /** Id of the last class when more may follow, else null. */
  lastId: string | null
}

/** Everything a store holds; records may leave out their provenance (the shipped sample does). */
export interface Dataset {
  counties: CountyFeature[]
  stations: StationInput[]
  classes: ChildcareClassInput[]
  /** Logistics parks where kiosks hang; absent: none. */
  parks?: ParkInput[]
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

/** A layer's records as one consistent read, and the data version they are at. */
export interface LayerSnapshot<L extends ImportLayer> {
  dataVersion: number
  records: RecordOf<L>[]
}

/** A planned import, written as one batch (see server/import/plan.ts). */
export interface ImportChange<L extends ImportLayer> {
  batch: Omit<ImportBatch, 'rolledBackAt' | 'layer'> & { layer: L }
  /** The data version the plan was made at: if the store has moved since, nothing is written. */
  basedOn: number
  add: RecordOf<L>[]
  update: { before: RecordOf<L>; after: RecordOf<L> }[]
  remove: RecordOf<L>[]
}

/** An import or rollback the store refuses; nothing was written. The message says why. */
export class ImportRefusedError extends Error {
  override name = 'ImportRefusedError'
}

/** Who a write is recorded as: an account, or (userId null) the admin token or command line. */
export interface AuditActor {
  userId: number | null
  name: string
}

/** One record written through the editing API, with the audit entry that says so. */
export interface RecordWrite<L extends ImportLayer> {
  layer: L
  id: string
  /**
   * The record as the caller saw it (null: it must not exist). Checked inside the write's
   * transaction, so a concurrent change refuses the write (RecordChangedError).
   */
  expected: RecordOf<L> | null
  /** What to store; null removes the record. */
  next: RecordOf<L> | null
  actor: AuditActor
  action: AuditAction
  /** For an undo: the entry it undoes. */
  undoes?: number
  /** ISO 8601, UTC. */
  at: string
}

/** The record is not as the writer saw it; nothing was written. */
export class RecordChangedError extends Error {
  override name = 'RecordChangedError'
}

export interface NewAccount {
  name: string
  role: Role
  counties: readonly string[]
  /** Hex SHA-256 of the token; the token itself is never stored. */
  tokenHash: string
  createdAt: string
}

export interface AuditListQuery {
  layer?: AuditLayer
  recordId?: string
  /**
   * A station's history: its own entries (layer `stations`) and the moderation of its reports
   * (layer `reports`, whose entry's before-image names the station as `stationId`).
   */
  stationId?: string
  userId?: number
  /** Only entries touching one of these counties (an editor's inbox); absent: all. */
  adcodes?: readonly string[]
  /** Entries with a smaller id (older). */
  beforeId?: number
  limit: number
}

export interface AuditPage {
  entries: AuditEntry[]
  /** The id to pass as beforeId for the next page, or null on the last page. */
  nextBefore: number | null
}

/** A place in the inbox's order (newest first, then by id): where a page ends. */
export interface ReportKey {
  createdAt: string
  id: string
}

export interface ReportListQuery {
  /** Only reports in these counties (an editor's); absent: all. */
  counties?: readonly string[]
  /** Only reports in this area (see inArea). */
  area?: string
  status?: ReportStatus
  type?: ReportType
  /** Only reports after this key in the order (older, or as old with a smaller id). */
  before?: ReportKey
  limit: number
}

export interface ReportListPage {
  reports: InboxReport[]
  /** The key to pass as `before` for the next page, or null on the last page. */
  next: ReportKey | null
}

/** An editor resolves or dismisses an open report. */
export interface ReportClose {
  id: string
  status: ClosedStatus
  /** For a resolution: the audit entry of the edit it led to. */
  auditEntryId: number | null
  actor: AuditActor
  /** ISO 8601, UTC. */
  at: string
}

/** The report is no longer open (or gone); nothing was written. */
export class ReportClosedError extends Error {
  override name = 'ReportClosedError'
}

export interface Store {
  /** Which engine, for /api/health; callers must not branch on it. */
  readonly engine: string
  counts(): Promise<StoreCounts>
  /** True when any station or class is generated sample data. */
  hasSampleData(): Promise<boolean>
  /**
   * Increases on every committed write, this process's or another's (the import CLI); caches
   * key on it. When it has moved, the in-memory indexes are rebuilt before it resolves.
   */
  dataVersion(): Promise<number>
  listCounties(): Promise<CountyFeature[]>
  getStation(id: string): Promise<Station | null>
  /** The stations with these ids, in the order given; unknown ids are skipped. */
  getStations(ids: readonly string[]): Promise<Station[]>
  listStations(query: StationListQuery): Promise<StationPage>
  /**
   * A page of active stations in id order as the map's tiles need them: a few columns and the
   * amenities' bit set, so the tile thread is fed the whole layer without building full
   * stations on the event loop (150,000 of them held it seconds in all).
   */
  listMapStations(query: { limit: number; afterId?: string }): Promise<MapStationPage>
  /** A page of classes passing the filter, in id order. */
  listClasses(query: ClassListQuery): Promise<ClassPage>
  /**
   * Active stations within radiusM (may be Infinity) passing the filter, nearest first (ties by
   * id), with the exact number of such stations.
   */
  nearbyStations(
    origin: LonLat,
    options: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<Station>>
  /**
   * The same hits as nearbyStations, without reading the records, and the data version they
   * are of (records read afterwards are of it or later): for a caller that keeps the records it
   * shows per version (the nearby route's feature cache) and reads only those it lacks.
   */
  nearbyStationPoints(
    origin: LonLat,
    options: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<StationPoint> & { version: number }>
  nearbyClasses(
    origin: LonLat,
    options: NearbyOptions<ClassFilter>,
  ): Promise<NearbyResult<ChildcareClass>>
  /** Every park in id order; with `adcode`, those in that area (see inArea). */
  listParks(adcode?: string): Promise<Park[]>
  getPark(id: string): Promise<Park | null>
  /** Points of one layer for coverage: active stations, or all classes; in id order. */
  coveragePoints(layer: CoverageLayer): Promise<CoveragePoint[]>
  /** Replace everything in one transaction: on any error nothing changes. */
  replaceDataset(dataset: Dataset): Promise<void>
  /** Every record of a layer, for planning an import against. */
  layerSnapshot<L extends ImportLayer>(layer: L): Promise<LayerSnapshot<L>>
  /**
   * Writes a planned import in one transaction: removals, updates and additions (each written
   * with the batch's id as its `importBatch`), the batch with the image from before of every
   * record it updated or removed, one audit entry for the batch, the data version bump. All or
   * nothing; ImportRefusedError when the data version is no longer `basedOn`.
   */
  applyImport<L extends ImportLayer>(
    change: ImportChange<L>,
    actor: AuditActor,
  ): Promise<ImportBatch>
  /**
   * Restores exactly what a batch changed, in one transaction, and marks it rolled back: the
   * records still marked with the batch go, the before-images come back.
   * ImportRefusedError unless it is the newest batch of its layer not yet rolled back.
   */
  rollbackImport(batchId: string, actor: AuditActor): Promise<ImportBatch>
  /** Every batch, newest first. */
  listImportBatches(): Promise<ImportBatch[]>
  getClass(id: string): Promise<ChildcareClass | null>
  /**
   * Writes one record (create, update, remove) and its audit entry in one transaction, and
   * bumps the data version. RecordChangedError when the record is no longer `expected`.
   */
  writeRecord<L extends ImportLayer>(write: RecordWrite<L>): Promise<AuditEntry>
  /** Audit entries, newest first. */
  listAudit(query: AuditListQuery): Promise<AuditPage>
  getAuditEntry(id: number): Promise<AuditEntry | null>
  createAccount(account: NewAccount): Promise<Account>
  /** Every account, revoked ones too, in id order. */
  listAccounts(): Promise<Account[]>
  /** Marks the account revoked (its sessions end); null when there is no such account. */
  revokeAccount(id: number, at: string): Promise<Account | null>
  /** The account holding this token digest, revoked or not, with the digest as stored. */
  accountByTokenHash(tokenHash: string): Promise<{ account: Account; tokenHash: string } | null>
  /** Starts a browser session; sessions past their expiry are purged on the way. */
  createSession(session: {
    idHash: string
    userId: number
    createdAt: string
    expiresAt: string
  }): Promise<void>
  /** The session's account (revoked or not) and expiry, unless it has expired by `now`. */
  sessionAccount(
    idHash: string,
    now: string,
  ): Promise<{ account: Account; expiresAt: string } | null>
  deleteSession(idHash: string): Promise<void>
  /**
   * Stores a worker's report on a station, made at `at`; null when there is no such station.
   * Not an edit: the data version, the indexes and the stations stay as they were.
   */
  addReport(stationId: string, input: ReportInput, at: Date): Promise<Report | null>
  /**
   * Each station's trust signal at `now` (server/domain/trust.ts), in the order of `ids`; from
   * memory, never a query per station. Unknown ids get the empty signal.
   */
  trust(ids: readonly string[], now: Date): Promise<Trust[]>
  /**
   * A tag of the open reports `trust` is computed from: equal tags mean the same reports, so
   * the same trust at any one instant (a report moves no data version, so answers that carry
   * trust key on this as well). Null when the store cannot tell without reading them: such
   * answers are then not kept.
   */
  reportsTag(): Promise<string | null>
  /** The inbox: reports newest first (ties by id, descending). */
  listReports(query: ReportListQuery): Promise<ReportListPage>
  getReport(id: string): Promise<InboxReport | null>
  /**
   * Closes an open report with its audit entry (layer `reports`, action `resolve` or
   * `dismiss`) in one transaction; the report stops counting in the trust signal at once.
   * Not an edit: the data version stays. ReportClosedError when it is not open.
   */
  closeReport(close: ReportClose): Promise<{ report: InboxReport; entry: AuditEntry }>
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
