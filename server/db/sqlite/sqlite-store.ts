import { setImmediate as nextTurn } from 'node:timers/promises'
import type BetterSqlite from 'better-sqlite3'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import type { Station } from '../../domain/station.ts'
import type { ChildcareClass } from '../../domain/childcare-class.ts'
import type { CountyFeature } from '../../domain/county.ts'
import type { Park } from '../../domain/park.ts'
import { PointIndex } from '../../geo/spatial-index.ts'
import type { CoverageLayer } from '../../domain/coverage.ts'
import type { ImportBatch } from '../../domain/import-report.ts'
import type { ImportLayer } from '../../import/register.ts'
import {
  inArea,
  type AuditActor,
  type AuditListQuery,
  type AuditPage,
  type NewAccount,
  type RecordWrite,
  type ReportClose,
  type ReportListPage,
  type ReportListQuery,
  type ClassFilter,
  type ClassListQuery,
  type ClassPage,
  type CoveragePoint,
  type Dataset,
  type ImportChange,
  type LayerSnapshot,
  type MapStationPage,
  type NearbyOptions,
  type NearbyResult,
  type StationPoint,
  type StationFilter,
  type StationListQuery,
  type StationPage,
  type Store,
  type StoreCounts,
} from '../store.ts'
import type { Account } from '../../domain/account.ts'
import type { AuditEntry } from '../../domain/audit.ts'
import type { InboxReport } from '../../domain/report-inbox.ts'
import type { Database } from '../schema.ts'
import { openSqlite } from './open-sqlite.ts'
import { sqliteWriter } from './bulk-write.ts'
import { readIndexColumns, type IndexColumns } from './index-columns.ts'
import { StationIndex } from '../station-index.ts'
import { stringAt } from '../string-column.ts'
import { IndexThread } from '../index-thread.ts'
import { VersionedIndex } from '../versioned-index.ts'
import { maskAmenities } from '../../domain/amenity-mask.ts'
import { quickCheck } from './quick-check.ts'
import { OpenReports } from '../open-reports.ts'
import { nearbyStations } from '../nearby-stations.ts'
import { type Report, type ReportInput, type Trust } from '../../domain/report.ts'
import { stationFromRow } from '../rows.ts'
import type { RecordWriter } from '../kysely/record-writer.ts'
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
import { readRecord, stationsByIds, writeRecord } from '../kysely/records.ts'
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

/** How stale a page scan may be before fault() runs another one. */
const REVERIFY_AFTER_MS = 60_000
/** Coverage points made between two turns of the event loop (~5 ms of work, more when the cores are shared). */
const COVERAGE_POINTS_SLICE = 5_000
/** Errors that mean the file itself is damaged or unreadable, not that a query was wrong. */
const FAULT_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR)/

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err))

/** The in-memory indexes a SQLite store answers nearby queries from. */
interface Indexes {
  stations: StationIndex
  classes: PointIndex<ChildcareClass>
}

/**
 * SQLite store. Rows live in SQLite; nearby queries run on in-memory kd-trees (kdbush via
 * PointIndex) holding only active stations and all classes. After a committed write (its own or
 * another process's: the data version moved) a thread rebuilds them while the old ones stay in
 * place; a nearby query waits for the new ones, so it always sees every committed write.
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite'
  readonly #file: string
  #db!: Kysely<Database>
  /** The connection under #db: bulk writes run as prepared statements inside its transactions. */
  #sqlite!: BetterSqlite.Database
  /** Writes whole records by prepared statement on #sqlite, inside Kysely's open transaction. */
  #writer!: RecordWriter
  /** Active stations and all classes in memory, at the data version they were read at. */
  readonly #indexes: VersionedIndex<IndexColumns, Indexes>
  /** The first damage seen; it does not heal, so it sticks until the process restarts. */
  #fault: string | null = null
  #verifiedAt = Number.NEGATIVE_INFINITY
  #verifying: Promise<string[]> | null = null
  /** Recent open reports: the trust signal, kept apart from the data version and the indexes. */
  readonly #openReports = new OpenReports()
  /** The nearby path's reads, prepared on first use. */
  #hotReads: ReturnType<typeof prepareReads> | null = null

  private constructor(file: string) {
    this.#file = file
    this.#indexes = new VersionedIndex(
      new IndexThread<IndexColumns>(new URL('./index-worker.ts', import.meta.url), { file }),
      ({ version, stations, classes }) => ({
        stations: new StationIndex(version, stations),
        classes: new PointIndex(
          classes,
          (c) => [c.lon, c.lat],
          (c) => c.id,
        ),
      }),
    )
  }

  /**
   * `serving`: for a server, which checks the pages before it listens and will rebuild its
   * indexes when another process writes: verify() starts at once, beside the index build, and
   * the index thread boots now rather than delaying the first rebuild by its start-up.
   * `pageCheck`: a quickCheck of this file the caller started before opening it (main.ts, while
   * the modules load), taken as that first verify().
   */
  static async open(
    file: string,
    { serving = false, pageCheck }: { serving?: boolean; pageCheck?: Promise<string[]> } = {},
  ): Promise<SqliteStore> {
    const store = new SqliteStore(file)
    const opened = await openSqlite(file, (err) => {
      const code = (err as { code?: unknown } | null)?.code
      if (typeof code === 'string' && FAULT_CODES.test(code)) store.#fault ??= describe(err)
    })
    store.#db = opened.db
    store.#sqlite = opened.sqlite
    store.#writer = sqliteWriter(opened.sqlite)
    if (serving) {
      store.#verify(() => pageCheck ?? quickCheck(file)).catch(() => {})
      // Built in the index thread while the server starts: at 150,000 stations a read here held
      // the start ~3 s. The first nearby waits for it (#freshIndexes); a health check does not.
      store.#indexes.rebuild().catch(() => {})
    } else {
      // On this thread: nothing is served, and starting the index thread would cost more.
      store.#indexes.install(readIndexColumns(opened.sqlite))
    }
    await loadOpenReports(store.#db, new Date(), store.#openReports)
    return store
  }

  verify(): Promise<string[]> {
    return this.#verify(() => quickCheck(this.#file))
  }

  /** Shares a check in flight, else records what `check` finds. */
  #verify(check: () => Promise<string[]>): Promise<string[]> {
    this.#verifying ??= check()
      .then((problems) => {
        if (problems.length > 0) {
          const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''
          this.#fault ??= `integrity check failed: ${problems[0]}${more}`
        }
        return problems
      })
      .finally(() => {
        this.#verifiedAt = performance.now()
        this.#verifying = null
      })
    return this.#verifying
  }

  async fault(): Promise<string | null> {
    if (this.#fault === null && performance.now() - this.#verifiedAt > REVERIFY_AFTER_MS) {
      await this.verify().catch((err: unknown) => {
        this.#fault ??= `integrity check could not run: ${describe(err)}`
      })
    }
    return this.#fault
  }

  async counts(): Promise<StoreCounts> {
    return counts(this.#db)
  }

  async hasSampleData(): Promise<boolean> {
    return hasSampleData(this.#db)
  }

  /** Also starts rebuilding the indexes when the version moved, without waiting for them. */
  async dataVersion(): Promise<number> {
    const version = await this.#storedVersion()
    // A failed rebuild is retried, and its error answered, by the next nearby query.
    if (version > this.#indexes.version) this.#indexes.rebuild().catch(() => {})
    return version
  }

  async listCounties(): Promise<CountyFeature[]> {
    return listCounties(this.#db)
  }

  async getStation(id: string): Promise<Station | null> {
    const [station] = await this.#stationsByIds([id])
    return station ?? null
  }

  async getStations(ids: readonly string[]): Promise<Station[]> {
    // Active stations' amenities are in the index, as masks: reading them was a third of the
    // read (the nearby route asks for the stations it has not kept, all active).
    const index = (await this.#freshIndexes()).stations
    const maskOf = new Map<string, number>()
    for (const id of ids) {
      const i = index.positionOf(id)
      if (i < 0) return this.#stationsByIds(ids)
      maskOf.set(id, index.columns.amenityMasks[i]!)
    }
    return this.#stationsByIds(ids, (id) => maskAmenities(maskOf.get(id)!))
  }

  async listStations(query: StationListQuery): Promise<StationPage> {
    const ids = await stationPageIds(this.#db, query)
    const more = ids.length > query.limit
    const page = more ? ids.slice(0, query.limit) : ids
    return {
      stations: await this.#stationsByIds(page),
      lastId: more ? (page.at(-1) ?? null) : null,
    }
  }

  async listMapStations(query: { limit: number; afterId?: string }): Promise<MapStationPage> {
    return listMapStations(this.#db, query)
  }

  async listClasses(query: ClassListQuery): Promise<ClassPage> {
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
    const index = (await this.#freshIndexes()).stations
    return { ...index.nearby(origin, options), version: index.version }
  }

  async nearbyClasses(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<ClassFilter>,
  ): Promise<NearbyResult<ChildcareClass>> {
    const { classes } = await this.#freshIndexes()
    const { age, date, hasSeats, adcode } = filter
    const matches = (c: ChildcareClass) =>
      (age === undefined || (c.ageMin <= age && age <= c.ageMax)) &&
      (date === undefined || (c.termStart <= date && date <= c.termEnd)) &&
      (hasSeats !== true || c.enrolled < c.capacity) &&
      (adcode === undefined || inArea(c.adcode, adcode))
    return classes.nearbyCounted(origin, { radiusM, limit, filter: matches })
  }

  async listParks(adcode?: string): Promise<Park[]> {
    return listParks(this.#db, adcode)
  }

  async getPark(id: string): Promise<Park | null> {
    return getPark(this.#db, id)
  }

  async coveragePoints(layer: CoverageLayer): Promise<CoveragePoint[]> {
    if (layer === 'classes') return coveragePoints(this.#db, layer)
    // From the index's columns (active stations, in id order): no 150,000-row read on the loop.
    const { stations } = await this.#freshIndexes()
    const { ids, adcodes, adcodeNames, coords, hours, hoursNames } = stations.columns
    const points: CoveragePoint[] = []
    for (let i = 0; i < ids.ends.length; i++) {
      // 150,000 at once held the event loop ~200 ms: a turn for requests every slice.
      if (i > 0 && i % COVERAGE_POINTS_SLICE === 0) await nextTurn()
      points.push({
        id: stringAt(ids, i),
        adcode: adcodeNames[adcodes[i] as number] as string,
        lon: coords[2 * i] as number,
        lat: coords[2 * i + 1] as number,
        hours: hoursNames[hours[i] as number] ?? null,
        termStart: null,
        termEnd: null,
      })
    }
    return points
  }

  async replaceDataset(dataset: Dataset): Promise<void> {
    await this.#db.transaction().execute((trx) => replaceDataset(trx, this.#writer, dataset))
    this.#openReports.clear()
    await this.#indexes.rebuild()
  }

  async layerSnapshot<L extends ImportLayer>(layer: L): Promise<LayerSnapshot<L>> {
    // One read transaction: the records and the version they are at agree.
    return this.#db.transaction().execute((trx) => layerSnapshot(trx, layer))
  }

  async applyImport<L extends ImportLayer>(
    change: ImportChange<L>,
    actor: AuditActor,
  ): Promise<ImportBatch> {
    // The indexes are rebuilt when next asked for (dataVersion() sees the new version): once,
    // and not at all in the import CLI, which exits without a query.
    return this.#db.transaction().execute((trx) => applyImport(trx, this.#writer, change, actor))
  }

  async rollbackImport(batchId: string, actor: AuditActor): Promise<ImportBatch> {
    // Rebuilt when next asked for, as after applyImport.
    return this.#db
      .transaction()
      .execute((trx) => rollbackImport(trx, this.#writer, batchId, actor))
  }

  async listImportBatches(): Promise<ImportBatch[]> {
    return listImportBatches(this.#db)
  }

  async addReport(stationId: string, input: ReportInput, at: Date): Promise<Report | null> {
    const report = await insertReport(this.#db, stationId, input, at)
    if (report) this.#openReports.add(stationId, report)
    return report
  }

  async trust(ids: readonly string[], now: Date): Promise<Trust[]> {
    return this.#openReports.trust(ids, now)
  }

  async reportsTag(): Promise<string | null> {
    return this.#openReports.tag
  }

  async listReports(query: ReportListQuery): Promise<ReportListPage> {
    return listReports(this.#db, query)
  }

  async getReport(id: string): Promise<InboxReport | null> {
    return getReport(this.#db, id)
  }

  async closeReport(close: ReportClose): Promise<{ report: InboxReport; entry: AuditEntry }> {
    const result = await this.#db.transaction().execute((trx) => closeReport(trx, close))
    this.#openReports.remove(result.report.stationId, result.report.id)
    return result
  }

  async getClass(id: string): Promise<ChildcareClass | null> {
    return readRecord(this.#db, 'classes', id)
  }

  async writeRecord<L extends ImportLayer>(write: RecordWrite<L>): Promise<AuditEntry> {
    // The indexes are rebuilt when next asked for, as after an import.
    return this.#db.transaction().execute((trx) => writeRecord(trx, this.#writer, write))
  }

  async listAudit(query: AuditListQuery): Promise<AuditPage> {
    return listAudit(this.#db, query, SQLITE_JSON)
  }

  async getAuditEntry(id: number): Promise<AuditEntry | null> {
    return getAuditEntry(this.#db, id)
  }

  async createAccount(account: NewAccount): Promise<Account> {
    return createAccount(this.#db, account)
  }

  async listAccounts(): Promise<Account[]> {
    return listAccounts(this.#db)
  }

  async revokeAccount(id: number, at: string): Promise<Account | null> {
    return this.#db.transaction().execute((trx) => revokeAccount(trx, id, at))
  }

  async accountByTokenHash(
    tokenHash: string,
  ): Promise<{ account: Account; tokenHash: string } | null> {
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

  async sessionAccount(
    idHash: string,
    now: string,
  ): Promise<{ account: Account; expiresAt: string } | null> {
    return sessionAccount(this.#db, idHash, now)
  }

  async deleteSession(idHash: string): Promise<void> {
    await deleteSession(this.#db, idHash)
  }

  async close(): Promise<void> {
    await this.#indexes.close()
    await this.#db.destroy()
  }

  /** Full stations for these ids, in the order given (unknown ids are skipped). */
  /** `amenities`, when the caller knows them (nearby, from the index), spares reading them. */
  async #stationsByIds(
    ids: readonly string[],
    amenities?: (id: string) => readonly string[],
  ): Promise<Station[]> {
    if (ids.length === 0) return []
    let stations: Station[]
    if (this.#idle()) {
      const reads = this.#reads()
      stations = amenities ? reads.stationsByIdsWith(ids, amenities) : reads.stationsByIds(ids)
    } else {
      stations = await stationsByIds(this.#db, ids)
    }
    const byId = new Map(stations.map((s) => [s.id, s]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /**
   * Indexes holding every write committed before this call (another process may have written).
   */
  async #freshIndexes(): Promise<Indexes> {
    await this.#indexes.fresh(await this.#storedVersion())
    const indexes = this.#indexes.index
    if (indexes === null) throw new Error('the indexes were not built')
    return indexes
  }

  /**
   * True when no transaction is open on the connection, so a read straight on it sees only
   * committed rows (a write awaiting its next statement holds one open; Kysely queues behind it).
   */
  #idle(): boolean {
    return !this.#sqlite.inTransaction
  }

  #reads() {
    this.#hotReads ??= prepareReads(this.#sqlite)
    return this.#hotReads
  }

  /** The committed data version: by the prepared read when no transaction is open, as nearby asks it every time. */
  async #storedVersion(): Promise<number> {
    return this.#idle() ? this.#reads().version() : readDataVersion(this.#db)
  }
}

/**
 * The reads every nearby answer makes, prepared once: Kysely compiles and prepares each query
 * anew, which was a quarter of a nearby answer's CPU at 150,000 stations. Ids go in as one JSON
 * array, so one statement serves any number of them. Rows come back as arrays (better-sqlite3's
 * row objects cost a third of the read) and become row objects of one shape here.
 */
function prepareReads(sqlite: BetterSqlite.Database) {
  const version = sqlite.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck()
  const byIds = (extra: string) =>
    sqlite
      .prepare(`SELECT s.*${extra} FROM stations s WHERE id IN (SELECT value FROM json_each(?))`)
      .raw()
  // Amenities as one list per station (in key order, as a query of station_amenities gives
  // them): ~20 rows to read instead of ~170.
  const withAmenities = byIds(`, (SELECT group_concat(amenity, ',') FROM station_amenities a
    WHERE a.station_id = s.id)`)
  const plain = byIds('')
  const names = plain.columns().map((c) => c.name)
  const rowOf = (values: unknown[]) => {
    const row: Record<string, unknown> = {}
    for (let j = 0; j < names.length; j++) row[names[j]!] = values[j]
    return row as Selectable<Database['stations']>
  }
  return {
    version: () => Number((version.get() as string | undefined) ?? 0),
    stationsByIds: (ids: readonly string[]) =>
      (withAmenities.all(JSON.stringify(ids)) as unknown[][]).map((values) =>
        stationFromRow(rowOf(values), (values[names.length] as string | null)?.split(',') ?? []),
      ),
    /** The same without reading station_amenities (the largest table, half the read's cost). */
    stationsByIdsWith: (ids: readonly string[], amenities: (id: string) => readonly string[]) =>
      (plain.all(JSON.stringify(ids)) as unknown[][]).map((values) => {
        const row = rowOf(values)
        return stationFromRow(row, amenities(row.id))
      }),
  }
}

/** JSON in text columns, read by SQLite's json functions. */
const SQLITE_JSON: JsonText = {
  arrayElements: (column) => sql`json_each(${sql.ref(column)})`,
  field: (column, key) => sql<string>`json_extract(${sql.ref(column)}, ${`$.${key}`})`,
}
