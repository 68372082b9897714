import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import type { Station } from '../../domain/station.ts'
import type { ChildcareClass } from '../../domain/childcare-class.ts'
import type { CountyFeature } from '../../domain/county.ts'
import type { Park } from '../../domain/park.ts'
import type { CoverageLayer } from '../../domain/coverage.ts'
import type { ImportBatch } from '../../domain/import-report.ts'
import type { ImportLayer } from '../../import/register.ts'
import type { Account } from '../../domain/account.ts'
import type { AuditEntry } from '../../domain/audit.ts'
import type { InboxReport } from '../../domain/report-inbox.ts'
import type { Report, ReportInput, Trust } from '../../domain/report.ts'
import { isOpenAt } from '../../domain/opening-hours.ts'
import type {
  AuditActor,
  AuditListQuery,
  AuditPage,
  ClassFilter,
  ClassListQuery,
  ClassPage,
  CoveragePoint,
  Dataset,
  ImportChange,
  LayerSnapshot,
  MapStationPage,
  NearbyOptions,
  NearbyResult,
  StationPoint,
  NewAccount,
  RecordWrite,
  ReportClose,
  ReportListPage,
  ReportListQuery,
  StationFilter,
  StationListQuery,
  StationPage,
  Store,
  StoreCounts,
} from '../store.ts'
import type { ChildcareClassTable, Database, StationTable } from '../schema.ts'
import { OpenReports } from '../open-reports.ts'
import { nearbyStations } from '../nearby-stations.ts'
import { classFromRow, stationFromRow } from '../rows.ts'
import { readDataVersion } from '../kysely/data-version.ts'
import {
  counts,
  coveragePoints,
  getPark,
  hasSampleData,
  listClasses,
  listCounties,
  listMapStations,
  listParks,
  stationPageIds,
} from '../kysely/reads.ts'
import { readRecord, writeRecord } from '../kysely/records.ts'
import { replaceDataset } from '../kysely/dataset.ts'
import { applyImport, layerSnapshot, listImportBatches, rollbackImport } from '../kysely/imports.ts'
import {
  closeReport,
  getReport,
  insertReport,
  listReports,
  loadOpenReports,
} from '../kysely/reports.ts'
import { getAuditEntry, listAudit, type JsonText } from '../kysely/audit.ts'
import {
  accountByTokenHash,
  createAccount,
  createSession,
  deleteSession,
  listAccounts,
  revokeAccount,
  sessionAccount,
} from '../kysely/accounts.ts'
import { openPostgres, type RunPrepared } from './open-postgres.ts'
import { announce, announceVersion, SharedState, type Change } from './shared-state.ts'
import { postgresWriter } from './postgres-writer.ts'
import { knn } from './knn.ts'
import { IndexThread } from '../index-thread.ts'
import { VersionedIndex } from '../versioned-index.ts'
import { StationIndex } from '../station-index.ts'
import type { StationIndexData } from './station-index-read.ts'

/**
 * SQLSTATE classes that mean the server or its files are in trouble, not that a query was
 * wrong: 53 insufficient resources, 58 system error (I/O), XX internal error (data corrupted).
 */
const FAULT_CODES = /^(53|58|XX)/
/** Every write transaction takes this advisory lock first: writers from every process queue. */
const WRITE_LOCK = 0x57a7
/** The tables a dataset or an import fills (see #analyze). */
const BULK_TABLES: readonly (keyof Database)[] = [
  'counties',
  'stations',
  'station_amenities',
  'childcare_classes',
  'parks',
  'import_batch_records',
]

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Where nearby stations come from: 'database', KNN on the GiST index refined to the exact
 * geodesic distance in one statement (knn.ts); 'index', the in-memory StationIndex both stores
 * share, rebuilt in a thread when the data version moves, waited for when it is behind (as the
 * SQLite store does); 'auto' (the default), the index when it is at the current data version,
 * else the database while a rebuild runs, so a write never stalls nearby.
 */
export type NearbySource = 'auto' | 'index' | 'database'

/**
 * PostgreSQL + PostGIS store. Records are read from the database on every request, so several
 * processes on one database answer alike; nearby stations come from an in-memory index of the
 * current data version when there is one (NearbySource), classes from KNN. Writes are
 * serialised by an advisory lock, so an import's "based on" check and an edit's "expected"
 * check hold across processes. The data version and the open reports (the trust signal) are
 * kept in memory, in step with every other process by LISTEN/NOTIFY (shared-state.ts).
 */
export class PostgresStore implements Store {
  readonly engine = 'postgres'
  #db!: Kysely<Database>
  #run!: RunPrepared
  #shared!: SharedState
  #fault: string | null = null
  /** The distinct opening hours of active stations, at a data version (see #stationWhere). */
  #hours: { version: number; values: string[] } | null = null
  readonly #nearby: NearbySource
  /** The active stations in memory, at the newest data version built. */
  readonly #stationIndex: VersionedIndex<StationIndexData, StationIndex>

  private constructor(url: string, nearby: NearbySource) {
    this.#nearby = nearby
    this.#stationIndex = new VersionedIndex(
      new IndexThread<StationIndexData>(new URL('./index-worker.ts', import.meta.url), { url }),
      ({ version, stations }) => new StationIndex(version, stations),
    )
  }

  static async open(url: string, options: { nearby?: NearbySource } = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, options.nearby ?? 'auto')
    const onError = (err: unknown) => {
      const code = (err as { code?: unknown } | null)?.code
      if (typeof code === 'string' && FAULT_CODES.test(code)) store.#fault ??= describe(err)
    }
    const connection = await openPostgres(url, onError)
    store.#db = connection.db
    store.#run = connection.run
    store.#shared = await SharedState.start(url, store.#db, onError)
    return store
  }

  /** Page checks are the database server's (checksums, amcheck): this checks it answers. */
  async verify(): Promise<string[]> {
    try {
      await sql`SELECT postgis_version()`.execute(this.#db)
      return []
    } catch (err) {
      return [describe(err)]
    }
  }

  async fault(): Promise<string | null> {
    return this.#fault
  }

  counts(): Promise<StoreCounts> {
    return counts(this.#db)
  }

  hasSampleData(): Promise<boolean> {
    return hasSampleData(this.#db)
  }

  async dataVersion(): Promise<number> {
    return this.#shared.version ?? (await readDataVersion(this.#db))
  }

  listCounties(): Promise<CountyFeature[]> {
    return listCounties(this.#db)
  }

  async getStation(id: string): Promise<Station | null> {
    const [station] = await this.getStations([id])
    return station ?? null
  }

  async getStations(ids: readonly string[]): Promise<Station[]> {
    if (ids.length === 0) return []
    // One named prepared statement for any number of ids, amenities aggregated in it: the nearby
    // route reads here the stations it has not kept yet (two unprepared queries before).
    const rows = await this.#run<Selectable<StationTable> & { amenity_list: string[] }>(
      sql`SELECT s.*, coalesce((SELECT array_agg(a.amenity) FROM station_amenities a
        WHERE a.station_id = s.id), '{}') AS amenity_list
        FROM stations s WHERE s.id = ANY(${[...ids]}::text[])`.compile(this.#db),
    )
    const byId = new Map(rows.map((r) => [r.id, stationFromRow(r, r.amenity_list)]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  async listStations(query: StationListQuery): Promise<StationPage> {
    const ids = await stationPageIds(this.#db, query)
    const more = ids.length > query.limit
    const page = more ? ids.slice(0, query.limit) : ids
    return {
      stations: await this.getStations(page),
      lastId: more ? (page.at(-1) ?? null) : null,
    }
  }

  listMapStations(query: { limit: number; afterId?: string }): Promise<MapStationPage> {
    return listMapStations(this.#db, query)
  }

  listClasses(query: ClassListQuery): Promise<ClassPage> {
    return listClasses(this.#db, query)
  }

  nearbyStations(
    origin: LonLat,
    options: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<Station>> {
    return nearbyStations(this, origin, options)
  }

  async nearbyStationPoints(
    origin: LonLat,
    options: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<StationPoint> & { version: number }> {
    const version = await this.dataVersion()
    if (this.#nearby !== 'database') {
      if (this.#nearby === 'index') await this.#stationIndex.fresh(version)
      const index = this.#stationIndex.index
      if (index && index.version >= version) {
        return { ...index.nearby(origin, options), version: index.version }
      }
      // 'auto' and behind: the database answers while the index catches up (a failed rebuild
      // is tried again by the next nearby).
      this.#stationIndex.rebuild().catch(() => {})
    }
    const { radiusM, limit, filter } = options
    const { hits, total } = await knn(this.#db, this.#run, {
      table: 'stations',
      origin,
      radiusM,
      limit,
      where: await this.#stationWhere(filter),
      row: POINT_JSON,
    })
    return {
      hits: hits.map(({ row, distanceM, bearingDeg }) => ({ item: row, distanceM, bearingDeg })),
      total,
      version,
    }
  }

  async nearbyClasses(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<ClassFilter>,
  ): Promise<NearbyResult<ChildcareClass>> {
    const { age, date, hasSeats, adcode } = filter
    const where = all([
      age === undefined ? null : sql`age_min <= ${age} AND age_max >= ${age}`,
      date === undefined ? null : sql`term_start <= ${date} AND term_end >= ${date}`,
      hasSeats === true ? sql`enrolled < capacity` : null,
      adcode === undefined ? null : inAreaSql(adcode),
    ])
    const { hits, total } = await knn(this.#db, this.#run, {
      table: 'childcare_classes',
      origin,
      radiusM,
      limit,
      where,
      row: CLASS_JSON,
    })
    return {
      hits: hits.map(({ row, distanceM, bearingDeg }) => ({
        item: classFromRow(row),
        distanceM,
        bearingDeg,
      })),
      total,
    }
  }

  listParks(adcode?: string): Promise<Park[]> {
    return listParks(this.#db, adcode)
  }

  getPark(id: string): Promise<Park | null> {
    return getPark(this.#db, id)
  }

  coveragePoints(layer: CoverageLayer): Promise<CoveragePoint[]> {
    return coveragePoints(this.#db, layer)
  }

  async replaceDataset(dataset: Dataset): Promise<void> {
    await this.#write(async (trx) => {
      await replaceDataset(trx, postgresWriter(trx), dataset)
      await announce(trx, REPORTS_REPLACED)
    })
    this.#shared.applied(REPORTS_REPLACED)
    await this.#analyze()
  }

  layerSnapshot<L extends ImportLayer>(layer: L): Promise<LayerSnapshot<L>> {
    // One snapshot: the records and the version they are at agree.
    return this.#db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute((trx) => layerSnapshot(trx, layer))
  }

  async applyImport<L extends ImportLayer>(
    change: ImportChange<L>,
    actor: AuditActor,
  ): Promise<ImportBatch> {
    const batch = await this.#write((trx) => applyImport(trx, postgresWriter(trx), change, actor))
    await this.#analyze()
    return batch
  }

  async rollbackImport(batchId: string, actor: AuditActor): Promise<ImportBatch> {
    const batch = await this.#write((trx) =>
      rollbackImport(trx, postgresWriter(trx), batchId, actor),
    )
    await this.#analyze()
    return batch
  }

  listImportBatches(): Promise<ImportBatch[]> {
    return listImportBatches(this.#db)
  }

  getClass(id: string): Promise<ChildcareClass | null> {
    return readRecord(this.#db, 'classes', id)
  }

  writeRecord<L extends ImportLayer>(write: RecordWrite<L>): Promise<AuditEntry> {
    return this.#write((trx) => writeRecord(trx, postgresWriter(trx), write))
  }

  listAudit(query: AuditListQuery): Promise<AuditPage> {
    return listAudit(this.#db, query, POSTGRES_JSON)
  }

  getAuditEntry(id: number): Promise<AuditEntry | null> {
    return getAuditEntry(this.#db, id)
  }

  createAccount(account: NewAccount): Promise<Account> {
    return createAccount(this.#db, account)
  }

  listAccounts(): Promise<Account[]> {
    return listAccounts(this.#db)
  }

  revokeAccount(id: number, at: string): Promise<Account | null> {
    return this.#db.transaction().execute((trx) => revokeAccount(trx, id, at))
  }

  accountByTokenHash(tokenHash: string): Promise<{ account: Account; tokenHash: string } | null> {
    return accountByTokenHash(this.#db, tokenHash)
  }

  async createSession(session: {
    idHash: string
    userId: number
    createdAt: string
    expiresAt: string
  }): Promise<void> {
    await this.#db.transaction().execute((trx) => createSession(trx, session))
  }

  sessionAccount(
    idHash: string,
    now: string,
  ): Promise<{ account: Account; expiresAt: string } | null> {
    return sessionAccount(this.#db, idHash, now)
  }

  deleteSession(idHash: string): Promise<void> {
    return deleteSession(this.#db, idHash)
  }

  async addReport(stationId: string, input: ReportInput, at: Date): Promise<Report | null> {
    let change: Change | null = null
    const report = await this.#db.transaction().execute(async (trx) => {
      const stored = await insertReport(trx, stationId, input, at)
      if (stored) {
        const { id, type, createdAt } = stored
        change = { report: { stationId, id, type, createdAt } }
        await announce(trx, change)
      }
      return stored
    })
    if (change) this.#shared.applied(change)
    return report
  }

  async trust(ids: readonly string[], now: Date): Promise<Trust[]> {
    const held = this.#shared.reports
    if (held) return held.trust(ids, now)
    const reports = new OpenReports()
    await loadOpenReports(this.#db, now, reports, ids)
    return reports.trust(ids, now)
  }

  /** Null while the shared state is not listening: its reports could be behind the database. */
  async reportsTag(): Promise<string | null> {
    return this.#shared.reports?.tag ?? null
  }

  listReports(query: ReportListQuery): Promise<ReportListPage> {
    return listReports(this.#db, query)
  }

  getReport(id: string): Promise<InboxReport | null> {
    return getReport(this.#db, id)
  }

  async closeReport(close: ReportClose): Promise<{ report: InboxReport; entry: AuditEntry }> {
    let change: Change | null = null
    const result = await this.#db.transaction().execute(async (trx) => {
      const closed = await closeReport(trx, close)
      change = { closed: { stationId: closed.report.stationId, id: closed.report.id } }
      await announce(trx, change)
      return closed
    })
    if (change) this.#shared.applied(change)
    return result
  }

  async close(): Promise<void> {
    await this.#stationIndex.close()
    await this.#shared.close()
    await this.#db.destroy()
  }

  /**
   * A write transaction, after every other process's and this one's earlier writes; it
   * announces the data version it moved to (every write moves it).
   */
  async #write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    let version = 0
    const result = await this.#db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx)
      const done = await work(trx)
      version = await announceVersion(trx)
      return done
    })
    this.#shared.applied({ version })
    return result
  }

  /**
   * The planner's statistics of the tables a bulk write (a dataset, an import, its rollback)
   * fills, refreshed at once: until autovacuum got round to them the planner took freshly
   * filled tables for nearly empty, and a page of the map's station listing took ~150 ms
   * instead of ~1.5 (the tile warm-up at 150,000 stations over a minute instead of ~1 s).
   * ANALYZE samples: ~0.6 s at 150,000 stations. The write has committed by then: a failure
   * here leaves the statistics to autovacuum and must not report that write as failed.
   */
  async #analyze(): Promise<void> {
    await sql`ANALYZE ${sql.join(BULK_TABLES.map((t) => sql.table(t)))}`
      .execute(this.#db)
      .catch(() => {})
  }

  /** The distinct opening hours of active stations: read once per data version. */
  async #openingHours(): Promise<string[]> {
    const version = await this.dataVersion()
    if (this.#hours?.version !== version) {
      const rows = await this.#db
        .selectFrom('stations')
        .select('opening_hours')
        .distinct()
        .where('status', '=', 'active')
        .where('opening_hours', 'is not', null)
        .execute()
      // Read at `version` or later: at worst it is read again at the next version.
      this.#hours = { version, values: rows.flatMap((r) => r.opening_hours ?? []) }
    }
    return this.#hours.values
  }

  /**
   * The nearby filter as SQL over active stations. Opening hours are evaluated here, once per
   * distinct value (there are few), and become a list of the values open at that instant.
   */
  async #stationWhere(filter: StationFilter): Promise<RawBuilder<boolean>> {
    let open: RawBuilder<boolean> | null = null
    if (filter.openAt !== undefined) {
      const at = filter.openAt
      const values = await this.#openingHours()
      open = sql<boolean>`opening_hours = ANY(${values.filter((v) => isOpenAt(v, at) === true)}::text[])`
    }
    const text = filter.text?.toLowerCase()
    return all([
      sql`status = 'active'`,
      filter.kind === undefined ? null : sql`kind = ${filter.kind}`,
      filter.adcode === undefined ? null : inAreaSql(filter.adcode),
      text === undefined ? null : sql`strpos(lower(name) || E'\\n' || lower(address), ${text}) > 0`,
      ...[...new Set(filter.amenities)].map(
        (a) =>
          sql`EXISTS (SELECT 1 FROM station_amenities a WHERE a.station_id = stations.id AND a.amenity = ${a})`,
      ),
      open,
    ])
  }
}

/** inArea (server/db/store.ts) in SQL over a row's `adcode`. */
function inAreaSql(area: string): RawBuilder<boolean> {
  return area.endsWith('00')
    ? sql<boolean>`left(adcode, 4) = ${area.slice(0, 4)}`
    : sql<boolean>`adcode = ${area}`
}

/** The conjunction of the conditions given (none: true). */
function all(conditions: readonly (RawBuilder<unknown> | null)[]): RawBuilder<boolean> {
  const present = conditions.filter((c) => c !== null)
  return present.length === 0
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.join(present, sql` AND `)})`
}

/** A station as knn() returns it for nearbyStationPoints: where it is, no record. */
const POINT_JSON = sql<StationPoint>`jsonb_build_object('id', stations.id, 'lon', stations.lon, 'lat', stations.lat)`

/** A class row as JSON for knn(). */
const CLASS_JSON = sql<Selectable<ChildcareClassTable>>`(to_jsonb(childcare_classes) - 'geog')`

const REPORTS_REPLACED: Change = { reportsReplaced: true }

/** JSON in text columns, read as jsonb. */
const POSTGRES_JSON: JsonText = {
  arrayElements: (column) => sql`jsonb_array_elements_text(${sql.ref(column)}::jsonb)`,
  field: (column, key) => sql<string>`(${sql.ref(column)}::jsonb ->> ${key})`,
}
