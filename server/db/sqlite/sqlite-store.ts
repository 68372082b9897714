import { randomUUID } from 'node:crypto'
import type BetterSqlite from 'better-sqlite3'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import type { Station } from '../../domain/station.ts'
import type { ChildcareClass } from '../../domain/childcare-class.ts'
import type { CountyFeature } from '../../domain/county.ts'
import type { Park } from '../../domain/park.ts'
import { isOpenAt } from '../../domain/opening-hours.ts'
import { PointIndex } from '../../geo/spatial-index.ts'
import type { CoverageLayer } from '../../domain/coverage.ts'
import type { ImportBatch } from '../../domain/import-report.ts'
import type { ImportLayer, RecordOf } from '../../import/register.ts'
import {
  ImportRefusedError,
  RecordChangedError,
  ReportClosedError,
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
  type NearbyOptions,
  type NearbyResult,
  type StationFilter,
  type StationListQuery,
  type StationPage,
  type Store,
  type StoreCounts,
} from '../store.ts'
import type { Account } from '../../domain/account.ts'
import type { AuditEntry, AuditLayer } from '../../domain/audit.ts'
import type { InboxReport } from '../../domain/report-inbox.ts'
import type {
  AuditLogTable,
  Database,
  ImportBatchRecordTable,
  ImportBatchTable,
  StationReportTable,
  UserTable,
} from '../schema.ts'
import { openSqlite } from './open-sqlite.ts'
import {
  deleteRecords,
  insertRecords,
  insertRows,
  LAYER_TABLES,
  updateRecord,
} from './bulk-write.ts'
import { readIndexColumns, type IndexColumns, type StationColumns } from './index-columns.ts'
import { IndexThread } from './index-thread.ts'
import { amenityMask } from '../../domain/amenity-mask.ts'
import { quickCheck } from './quick-check.ts'
import { OpenReports } from '../open-reports.ts'
import { type Report, type ReportInput, type Trust } from '../../domain/report.ts'
import { REPORT_MAX_AGE_MS } from '../../domain/trust.ts'
import { inArea } from '../store.ts'
import { classFromRow, parkFromRow, stationFromRow } from '../rows.ts'

/** How stale a page scan may be before fault() runs another one. */
const REVERIFY_AFTER_MS = 60_000
/** Errors that mean the file itself is damaged or unreadable, not that a query was wrong. */
const FAULT_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR)/

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err))

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
  /** Items are positions in #stationColumns. */
  #stations = new PointIndex<number>([], () => [0, 0])
  #stationColumns!: StationColumns
  #classes = new PointIndex<ChildcareClass>([], (c) => [c.lon, c.lat])
  /** The first damage seen; it does not heal, so it sticks until the process restarts. */
  #fault: string | null = null
  #verifiedAt = Number.NEGATIVE_INFINITY
  #verifying: Promise<string[]> | null = null
  /** The data version the in-memory indexes were built at, and a rebuild under way. */
  #indexedVersion = -1
  #rebuilding: Promise<void> | null = null
  readonly #indexThread: IndexThread
  /** Recent open reports: the trust signal, kept apart from the data version and the indexes. */
  readonly #openReports = new OpenReports()
  /** The nearby path's reads, prepared on first use. */
  #hotReads: ReturnType<typeof prepareReads> | null = null

  private constructor(file: string) {
    this.#file = file
    this.#indexThread = new IndexThread(file)
  }

  /**
   * `serving`: for a server, which checks the pages before it listens and will rebuild its
   * indexes when another process writes: verify() starts at once, beside the index build, and
   * the index thread boots now rather than delaying the first rebuild by its start-up.
   */
  static async open(file: string, { serving = false } = {}): Promise<SqliteStore> {
    const store = new SqliteStore(file)
    const opened = await openSqlite(file, (err) => {
      const code = (err as { code?: unknown } | null)?.code
      if (typeof code === 'string' && FAULT_CODES.test(code)) store.#fault ??= describe(err)
    })
    store.#db = opened.db
    store.#sqlite = opened.sqlite
    if (serving) {
      store.verify().catch(() => {})
      store.#indexThread.boot()
    }
    // On this thread: nothing is served yet, and starting the index thread would cost more.
    store.#install(readIndexColumns(opened.sqlite))
    await store.#loadOpenReports(new Date())
    return store
  }

  verify(): Promise<string[]> {
    this.#verifying ??= quickCheck(this.#file)
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
    const count = (table: 'stations' | 'childcare_classes' | 'counties') =>
      this.#db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n))
    const [stations, classes, counties] = await Promise.all([
      count('stations'),
      count('childcare_classes'),
      count('counties'),
    ])
    return { stations, classes, counties }
  }

  async hasSampleData(): Promise<boolean> {
    const sampleRow = (table: 'stations' | 'childcare_classes') =>
      this.#db.selectFrom(table).select('id').where('sample', '=', 1).limit(1).executeTakeFirst()
    const [station, klass] = await Promise.all([
      sampleRow('stations'),
      sampleRow('childcare_classes'),
    ])
    return station !== undefined || klass !== undefined
  }

  /** Also starts rebuilding the indexes when the version moved, without waiting for them. */
  async dataVersion(): Promise<number> {
    const version = await this.#storedVersion()
    // A failed rebuild is retried, and its error answered, by the next nearby query.
    if (version !== this.#indexedVersion) this.#rebuildIndexes().catch(() => {})
    return version
  }

  async listCounties(): Promise<CountyFeature[]> {
    const rows = await this.#db.selectFrom('counties').selectAll().orderBy('adcode').execute()
    return rows.map((r) => ({
      type: 'Feature',
      id: r.adcode,
      geometry: JSON.parse(r.geometry) as CountyFeature['geometry'],
      properties: {
        adcode: r.adcode,
        name: r.name,
        city: r.city,
        cityAdcode: r.city_adcode,
        population: r.population,
        urbanPopulation: r.urban_population,
        children: r.children,
        areaKm2: r.area_km2,
        note: r.note,
      },
    }))
  }

  async getStation(id: string): Promise<Station | null> {
    const [station] = await this.#stationsByIds([id])
    return station ?? null
  }

  async listStations(query: StationListQuery): Promise<StationPage> {
    let q = this.#db
      .selectFrom('stations')
      .select('id')
      .orderBy('id')
      .limit(query.limit + 1)
    if (query.afterId !== undefined) q = q.where('id', '>', query.afterId)
    if (query.adcode !== undefined) q = q.where('adcode', '=', query.adcode)
    if (query.kind !== undefined) q = q.where('kind', '=', query.kind)
    if (query.bbox) {
      const [w, s, e, n] = query.bbox
      q = q.where('lon', '>=', w).where('lon', '<=', e).where('lat', '>=', s).where('lat', '<=', n)
    }
    if (query.q !== undefined) q = q.where(nameOrAddressHas(query.q))
    // One primary-key probe per amenity and station visited: a page costs what it reads, not a
    // pass over every station having the amenity (an export reads 300 pages at 150,000).
    for (const amenity of new Set(query.amenities)) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('station_amenities')
            .select('station_id')
            .whereRef('station_amenities.station_id', '=', 'stations.id')
            .where('station_amenities.amenity', '=', amenity),
        ),
      )
    }
    const ids = (await q.execute()).map((r) => r.id)
    const more = ids.length > query.limit
    const page = more ? ids.slice(0, query.limit) : ids
    return {
      stations: await this.#stationsByIds(page),
      lastId: more ? (page.at(-1) ?? null) : null,
    }
  }

  async listClasses(query: ClassListQuery): Promise<ClassPage> {
    const { age, date, hasSeats, adcode } = query
    let q = this.#db
      .selectFrom('childcare_classes')
      .selectAll()
      .orderBy('id')
      .limit(query.limit + 1)
    if (query.afterId !== undefined) q = q.where('id', '>', query.afterId)
    if (age !== undefined) q = q.where('age_min', '<=', age).where('age_max', '>=', age)
    if (date !== undefined) q = q.where('term_start', '<=', date).where('term_end', '>=', date)
    if (hasSeats === true) q = q.where('enrolled', '<', sql<number>`capacity`)
    if (query.q !== undefined) q = q.where(nameOrAddressHas(query.q))
    if (adcode !== undefined) {
      // inArea in SQL: a city's code (…00) takes every county whose code starts as it does.
      q = adcode.endsWith('00')
        ? q.where('adcode', 'like', `${adcode.slice(0, 4)}%`)
        : q.where('adcode', '=', adcode)
    }
    const rows = await q.execute()
    const more = rows.length > query.limit
    const page = (more ? rows.slice(0, query.limit) : rows).map(classFromRow)
    return { classes: page, lastId: more ? (page.at(-1)?.id ?? null) : null }
  }

  async nearbyStations(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<Station>> {
    await this.#freshIndexes()
    const columns = this.#stationColumns
    const { amenityMasks, kinds, adcodes, hours, texts } = columns
    const mask = amenityMask(filter.amenities ?? [])
    const text = filter.text?.toLowerCase()
    // Per query, each dictionary entry once: the kind's code (-1: none match), the counties in
    // the area, and (on demand) whether each distinct hours string is open.
    const kind = filter.kind === undefined ? undefined : columns.kindNames.indexOf(filter.kind)
    const area = filter.adcode
    const inAreaByCode = area && columns.adcodeNames.map((adcode) => inArea(adcode, area))
    const openAt = filter.openAt
    const openByCode = new Map<number, boolean>()
    const open = (code: number, at: Date) => {
      let isOpen = openByCode.get(code)
      if (isOpen === undefined) {
        isOpen = isOpenAt(columns.hoursNames[code] ?? null, at) === true
        openByCode.set(code, isOpen)
      }
      return isOpen
    }
    const matches = (i: number) =>
      ((amenityMasks[i] as number) & mask) === mask &&
      (kind === undefined || kinds[i] === kind) &&
      (!inAreaByCode || inAreaByCode[adcodes[i] as number] === true) &&
      (text === undefined || (texts[i] as string).includes(text)) &&
      (openAt === undefined || open(hours[i] as number, openAt))
    const hits = this.#stations.nearby(origin, { radiusM, limit, filter: matches })
    const total = this.#stations.count(origin, radiusM, matches)
    const stations = await this.#stationsByIds(hits.map((h) => columns.ids[h.item] as string))
    return { hits: hits.map((h, i) => ({ item: stations[i]!, distanceM: h.distanceM })), total }
  }

  async nearbyClasses(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<ClassFilter>,
  ): Promise<NearbyResult<ChildcareClass>> {
    await this.#freshIndexes()
    const { age, date, hasSeats, adcode } = filter
    const matches = (c: ChildcareClass) =>
      (age === undefined || (c.ageMin <= age && age <= c.ageMax)) &&
      (date === undefined || (c.termStart <= date && date <= c.termEnd)) &&
      (hasSeats !== true || c.enrolled < c.capacity) &&
      (adcode === undefined || inArea(c.adcode, adcode))
    return {
      hits: this.#classes.nearby(origin, { radiusM, limit, filter: matches }),
      total: this.#classes.count(origin, radiusM, matches),
    }
  }

  async listParks(adcode?: string): Promise<Park[]> {
    let q = this.#db.selectFrom('parks').selectAll().orderBy('id')
    // inArea: a city's code (ends in 00) covers every county whose code shares its first four.
    if (adcode !== undefined) {
      q = adcode.endsWith('00')
        ? q.where('adcode', 'like', `${adcode.slice(0, 4)}__`)
        : q.where('adcode', '=', adcode)
    }
    return (await q.execute()).map(parkFromRow)
  }

  async getPark(id: string): Promise<Park | null> {
    const row = await this.#db
      .selectFrom('parks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? parkFromRow(row) : null
  }

  async coveragePoints(layer: CoverageLayer): Promise<CoveragePoint[]> {
    if (layer === 'classes') {
      const rows = await this.#db
        .selectFrom('childcare_classes')
        .select(['id', 'adcode', 'lon', 'lat', 'schedule', 'term_start', 'term_end'])
        .orderBy('id')
        .execute()
      return rows.map((r) => ({
        id: r.id,
        adcode: r.adcode,
        lon: r.lon,
        lat: r.lat,
        hours: r.schedule,
        termStart: r.term_start,
        termEnd: r.term_end,
      }))
    }
    // From the index's columns (active stations, in id order): no 150,000-row read on the loop.
    await this.#freshIndexes()
    const { ids, adcodes, adcodeNames, coords, hours, hoursNames } = this.#stationColumns
    return ids.map((id, i) => ({
      id,
      adcode: adcodeNames[adcodes[i] as number] as string,
      lon: coords[2 * i] as number,
      lat: coords[2 * i + 1] as number,
      hours: hoursNames[hours[i] as number] ?? null,
      termStart: null,
      termEnd: null,
    }))
  }

  async replaceDataset({ counties, stations, classes, parks = [] }: Dataset): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('station_reports').execute()
      await trx.deleteFrom('station_amenities').execute()
      await trx.deleteFrom('stations').execute()
      await trx.deleteFrom('childcare_classes').execute()
      await trx.deleteFrom('parks').execute()
      await trx.deleteFrom('counties').execute()
      insertRows(
        this.#sqlite,
        'counties',
        counties.map(({ properties: p, geometry }) => ({
          adcode: p.adcode,
          name: p.name,
          city: p.city,
          city_adcode: p.cityAdcode,
          population: p.population,
          urban_population: p.urbanPopulation,
          children: p.children,
          area_km2: p.areaKm2,
          note: p.note,
          geometry: JSON.stringify(geometry),
        })),
      )
      insertRecords(this.#sqlite, 'stations', stations)
      insertRecords(this.#sqlite, 'classes', classes)
      insertRecords(this.#sqlite, 'parks', parks)
      await bumpDataVersion(trx)
    })
    this.#openReports.clear()
    await this.#rebuildIndexes()
  }

  async layerSnapshot<L extends ImportLayer>(layer: L): Promise<LayerSnapshot<L>> {
    // One read transaction: the records and the version they are at agree.
    return this.#db.transaction().execute(async (trx) => {
      const dataVersion = await readDataVersion(trx)
      if (layer === 'classes') {
        const rows = await trx.selectFrom('childcare_classes').selectAll().orderBy('id').execute()
        return { dataVersion, records: rows.map(classFromRow) as RecordOf<L>[] }
      }
      if (layer === 'parks') {
        const rows = await trx.selectFrom('parks').selectAll().orderBy('id').execute()
        return { dataVersion, records: rows.map(parkFromRow) as RecordOf<L>[] }
      }
      const [rows, amenityRows] = await Promise.all([
        trx.selectFrom('stations').selectAll().orderBy('id').execute(),
        trx.selectFrom('station_amenities').selectAll().execute(),
      ])
      const amenities = groupAmenities(amenityRows)
      const records = rows.map((r) => stationFromRow(r, amenities.get(r.id) ?? []))
      return { dataVersion, records: records as RecordOf<L>[] }
    })
  }

  async applyImport<L extends ImportLayer>(
    change: ImportChange<L>,
    actor: AuditActor,
  ): Promise<ImportBatch> {
    const { batch } = change
    const layer: ImportLayer = batch.layer
    await this.#db.transaction().execute(async (trx) => {
      const version = await readDataVersion(trx)
      if (version !== change.basedOn) {
        throw new ImportRefusedError(
          `the data changed while the import was being planned (version ${change.basedOn}, ` +
            `now ${version}); nothing was written, run it again`,
        )
      }
      deleteRecords(this.#sqlite, layer, [
        ...change.update.map((u) => u.before.id),
        ...change.remove.map((r) => r.id),
      ])
      const written = [...change.add, ...change.update.map((u) => u.after)]
      insertRecords(this.#sqlite, layer, written, batch.id)
      const last = await trx
        .selectFrom('import_batches')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst()
      await trx
        .insertInto('import_batches')
        .values({
          id: batch.id,
          seq: (last?.seq ?? 0) + 1,
          layer,
          source: batch.source,
          mode: batch.mode,
          files: JSON.stringify(batch.files),
          counts: JSON.stringify(batch.counts),
          created_at: batch.createdAt,
          rolled_back_at: null,
        })
        .execute()
      // Before-images of what the batch replaced. What it added needs none: every record it
      // wrote carries its id, and a rollback deletes those.
      const touched = (action: ImportBatchRecordTable['action'], r: RecordOf<L>) => ({
        batch_id: batch.id,
        record_id: r.id,
        action,
        before: JSON.stringify(r),
      })
      insertRows(this.#sqlite, 'import_batch_records', [
        ...change.update.map((u) => touched('updated', u.before)),
        ...change.remove.map((r) => touched('removed', r)),
      ])
      const adcodes = [
        ...change.add,
        ...change.update.flatMap((u) => [u.before, u.after]),
        ...change.remove,
      ].map((r) => r.adcode)
      await insertAudit(trx, {
        at: batch.createdAt,
        actor,
        action: 'import',
        layer,
        record_id: null,
        batch_id: batch.id,
        adcodes,
        before: null,
        after: { ...batch, rolledBackAt: null },
      })
      await bumpDataVersion(trx)
    })
    // The indexes are rebuilt when next asked for (dataVersion() sees the new version): once,
    // and not at all in the import CLI, which exits without a query.
    return { ...batch, rolledBackAt: null }
  }

  async rollbackImport(batchId: string, actor: AuditActor): Promise<ImportBatch> {
    const rolledBackAt = new Date().toISOString()
    const row = await this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('import_batches')
        .selectAll()
        .where('id', '=', batchId)
        .executeTakeFirst()
      if (!row) throw new ImportRefusedError(`there is no import batch ${batchId}`)
      if (row.rolled_back_at !== null) {
        throw new ImportRefusedError(
          `import batch ${batchId} was rolled back at ${row.rolled_back_at}`,
        )
      }
      const newer = await trx
        .selectFrom('import_batches')
        .select('id')
        .where('layer', '=', row.layer)
        .where('rolled_back_at', 'is', null)
        .where('seq', '>', row.seq)
        .orderBy('seq', 'desc')
        .executeTakeFirst()
      if (newer) {
        throw new ImportRefusedError(
          `import batch ${newer.id} came after ${batchId} in ${row.layer}; roll it back first`,
        )
      }
      const layer = row.layer as ImportLayer
      const touched = await trx
        .selectFrom('import_batch_records')
        .selectAll()
        .where('batch_id', '=', batchId)
        .execute()
      // What the batch wrote: every record still marked with it, and (batches written before
      // additions went unlisted) the records it lists as added or updated.
      this.#sqlite.prepare(`DELETE FROM ${LAYER_TABLES[layer]} WHERE import_batch = ?`).run(batchId)
      deleteRecords(
        this.#sqlite,
        layer,
        touched.filter((t) => t.action !== 'removed').map((t) => t.record_id),
      )
      insertRecords(
        this.#sqlite,
        layer,
        touched.flatMap((t) =>
          t.before === null ? [] : [JSON.parse(t.before) as RecordOf<typeof layer>],
        ),
      )
      await trx
        .updateTable('import_batches')
        .set({ rolled_back_at: rolledBackAt })
        .where('id', '=', batchId)
        .execute()
      const imported = await trx
        .selectFrom('audit_log')
        .select('adcodes')
        .where('batch_id', '=', batchId)
        .where('action', '=', 'import')
        .executeTakeFirst()
      const batch = batchFromRow(row)
      await insertAudit(trx, {
        at: rolledBackAt,
        actor,
        action: 'rollback',
        layer,
        record_id: null,
        batch_id: batchId,
        adcodes: imported ? (JSON.parse(imported.adcodes) as string[]) : [],
        before: batch,
        after: { ...batch, rolledBackAt },
      })
      await bumpDataVersion(trx)
      return row
    })
    // Rebuilt when next asked for, as after applyImport.
    return { ...batchFromRow(row), rolledBackAt }
  }

  async listImportBatches(): Promise<ImportBatch[]> {
    const rows = await this.#db
      .selectFrom('import_batches')
      .selectAll()
      .orderBy('seq', 'desc')
      .execute()
    return rows.map(batchFromRow)
  }

  async addReport(stationId: string, input: ReportInput, at: Date): Promise<Report | null> {
    const station = await this.#db
      .selectFrom('stations')
      .select('adcode')
      .where('id', '=', stationId)
      .executeTakeFirst()
    if (!station) return null
    const report: Report = {
      id: `rp-${randomUUID()}`,
      stationId,
      adcode: station.adcode,
      type: input.type,
      amenity: input.amenity ?? null,
      note: input.note ?? null,
      createdAt: at.toISOString(),
      status: 'open',
    }
    await this.#db
      .insertInto('station_reports')
      .values({
        id: report.id,
        station_id: stationId,
        adcode: report.adcode,
        type: report.type,
        amenity: report.amenity,
        note: report.note,
        created_at: report.createdAt,
        closed_at: null,
        closed_by: null,
        resolution: null,
      })
      .execute()
    this.#openReports.add(stationId, report)
    return report
  }

  async trust(ids: readonly string[], now: Date): Promise<Trust[]> {
    return this.#openReports.trust(ids, now)
  }

  async listReports(query: ReportListQuery): Promise<ReportListPage> {
    let q = this.#reportRows(this.#db)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(query.limit + 1)
    if (query.counties !== undefined) {
      if (query.counties.length === 0) return { reports: [], next: null }
      q = q.where('r.adcode', 'in', [...query.counties])
    }
    const { area, before } = query
    if (area !== undefined) {
      q = area.endsWith('00')
        ? q.where('r.adcode', 'like', `${area.slice(0, 4)}%`)
        : q.where('r.adcode', '=', area)
    }
    if (query.status !== undefined) q = q.where('r.status', '=', query.status)
    if (query.type !== undefined) q = q.where('r.type', '=', query.type)
    if (before !== undefined) {
      q = q.where((eb) =>
        eb.or([
          eb('r.created_at', '<', before.createdAt),
          eb.and([eb('r.created_at', '=', before.createdAt), eb('r.id', '<', before.id)]),
        ]),
      )
    }
    const rows = await q.execute()
    const more = rows.length > query.limit
    const reports = (more ? rows.slice(0, query.limit) : rows).map(inboxReportFromRow)
    const last = reports.at(-1)
    return { reports, next: more && last ? { createdAt: last.createdAt, id: last.id } : null }
  }

  async getReport(id: string): Promise<InboxReport | null> {
    const row = await this.#reportRows(this.#db).where('r.id', '=', id).executeTakeFirst()
    return row ? inboxReportFromRow(row) : null
  }

  async closeReport(close: ReportClose): Promise<{ report: InboxReport; entry: AuditEntry }> {
    const result = await this.#db.transaction().execute(async (trx) => {
      const row = await this.#reportRows(trx).where('r.id', '=', close.id).executeTakeFirst()
      if (!row || row.status !== 'open') {
        throw new ReportClosedError(`report ${close.id} is not open; nothing was written`)
      }
      const before = inboxReportFromRow(row)
      await trx
        .updateTable('station_reports')
        .set({
          status: close.status,
          closed_at: close.at,
          closed_by: close.actor.name,
          resolution: close.auditEntryId === null ? null : String(close.auditEntryId),
        })
        .where('id', '=', close.id)
        .execute()
      const report: InboxReport = {
        ...before,
        status: close.status,
        closedAt: close.at,
        closedBy: close.actor.name,
        auditEntryId: close.auditEntryId,
      }
      const entry = await insertAudit(trx, {
        at: close.at,
        actor: close.actor,
        action: close.status === 'resolved' ? 'resolve' : 'dismiss',
        layer: 'reports',
        record_id: close.id,
        batch_id: null,
        adcodes: [report.adcode],
        before,
        after: report,
      })
      return { report, entry }
    })
    this.#openReports.remove(result.report.stationId, result.report.id)
    return result
  }

  /** Reports with their station's name (left join: a report outlives its station). */
  #reportRows(db: Kysely<Database>) {
    return db
      .selectFrom('station_reports as r')
      .leftJoin('stations as s', 's.id', 'r.station_id')
      .selectAll('r')
      .select('s.name as station_name')
  }

  async getClass(id: string): Promise<ChildcareClass | null> {
    return readRecord(this.#db, 'classes', id)
  }

  async writeRecord<L extends ImportLayer>(write: RecordWrite<L>): Promise<AuditEntry> {
    const layer: ImportLayer = write.layer
    const { id, expected, next } = write
    const entry = await this.#db.transaction().execute(async (trx) => {
      const current = await readRecord(trx, layer, id)
      if (!sameRecord(current, expected)) {
        throw new RecordChangedError(`${id} changed since it was read; nothing was written`)
      }
      if (next === null) deleteRecords(this.#sqlite, layer, [id])
      else if (current === null) insertRecords(this.#sqlite, layer, [next])
      else updateRecord(this.#sqlite, layer, next)
      const entry = await insertAudit(trx, {
        at: write.at,
        actor: write.actor,
        action: write.action,
        layer,
        record_id: id,
        batch_id: null,
        adcodes: [current, next].flatMap((r) => (r ? [r.adcode] : [])),
        before: current,
        after: next,
        undoes: write.undoes ?? null,
      })
      await bumpDataVersion(trx)
      return entry
    })
    // The indexes are rebuilt when next asked for, as after an import.
    return entry
  }

  async listAudit(query: AuditListQuery): Promise<AuditPage> {
    let q = this.#db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
    if (query.layer !== undefined) q = q.where('layer', '=', query.layer)
    if (query.recordId !== undefined) q = q.where('record_id', '=', query.recordId)
    const { stationId } = query
    if (stationId !== undefined) {
      // From the entry itself: a report's row goes with a replaced dataset, its entry stays.
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('layer', '=', 'stations'), eb('record_id', '=', stationId)]),
          eb.and([
            eb('layer', '=', 'reports'),
            eb(sql<string>`json_extract(audit_log.before, '$.stationId')`, '=', stationId),
          ]),
        ]),
      )
    }
    if (query.userId !== undefined) q = q.where('user_id', '=', query.userId)
    if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId)
    if (query.adcodes !== undefined) {
      const wanted = [...query.adcodes]
      if (wanted.length === 0) return { entries: [], nextBefore: null }
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom(sql<{ value: string }>`json_each(audit_log.adcodes)`.as('a'))
            .select('a.value')
            .where('a.value', 'in', wanted),
        ),
      )
    }
    const rows = await q.execute()
    const more = rows.length > query.limit
    const entries = (more ? rows.slice(0, query.limit) : rows).map(auditFromRow)
    return { entries, nextBefore: more ? (entries.at(-1)?.id ?? null) : null }
  }

  async getAuditEntry(id: number): Promise<AuditEntry | null> {
    const row = await this.#db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? auditFromRow(row) : null
  }

  async createAccount(account: NewAccount): Promise<Account> {
    const row = await this.#db
      .insertInto('users')
      .values({
        name: account.name,
        role: account.role,
        counties: JSON.stringify(account.counties),
        token_hash: account.tokenHash,
        created_at: account.createdAt,
        revoked_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    return accountFromRow(row)
  }

  async listAccounts(): Promise<Account[]> {
    const rows = await this.#db.selectFrom('users').selectAll().orderBy('id').execute()
    return rows.map(accountFromRow)
  }

  async revokeAccount(id: number, at: string): Promise<Account | null> {
    return this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute()
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
      const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
      return row ? accountFromRow(row) : null
    })
  }

  async accountByTokenHash(
    tokenHash: string,
  ): Promise<{ account: Account; tokenHash: string } | null> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst()
    return row ? { account: accountFromRow(row), tokenHash: row.token_hash } : null
  }

  async createSession(session: {
    idHash: string
    userId: number
    createdAt: string
    expiresAt: string
  }): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute()
      await trx
        .insertInto('sessions')
        .values({
          id_hash: session.idHash,
          user_id: session.userId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute()
    })
  }

  async sessionAccount(
    idHash: string,
    now: string,
  ): Promise<{ account: Account; expiresAt: string } | null> {
    const row = await this.#db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select('sessions.expires_at')
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst()
    return row ? { account: accountFromRow(row), expiresAt: row.expires_at } : null
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
  }

  async close(): Promise<void> {
    await this.#indexThread.close()
    await this.#db.destroy()
  }

  /** The open reports young enough to count, into memory: one query, at start-up. */
  async #loadOpenReports(now: Date): Promise<void> {
    const rows = await this.#db
      .selectFrom('station_reports')
      .select(['id', 'station_id', 'type', 'created_at'])
      .where('status', '=', 'open')
      .where('created_at', '>', new Date(now.getTime() - REPORT_MAX_AGE_MS).toISOString())
      .execute()
    for (const r of rows) {
      this.#openReports.add(r.station_id, {
        id: r.id,
        type: r.type as Report['type'],
        createdAt: r.created_at,
      })
    }
  }

  /** Full stations for these ids, in the order given (unknown ids are skipped). */
  async #stationsByIds(ids: readonly string[]): Promise<Station[]> {
    if (ids.length === 0) return []
    let stations: Station[]
    if (this.#idle()) {
      stations = this.#reads().stationsByIds(ids)
    } else {
      const [rows, amenityRows] = await Promise.all([
        this.#db.selectFrom('stations').selectAll().where('id', 'in', ids).execute(),
        this.#db
          .selectFrom('station_amenities')
          .selectAll()
          .where('station_id', 'in', ids)
          .execute(),
      ])
      const amenities = groupAmenities(amenityRows)
      stations = rows.map((r) => stationFromRow(r, amenities.get(r.id) ?? []))
    }
    const byId = new Map(stations.map((s) => [s.id, s]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  /**
   * Waits for indexes holding every write committed before this call (another process may
   * have written). A rebuild already in flight may have read before the latest commit: then the
   * next one, started after it, reads at least that commit.
   */
  async #freshIndexes(): Promise<void> {
    const stored = await this.#storedVersion()
    for (let i = 0; i < 2 && this.#indexedVersion !== stored; i++) await this.#rebuildIndexes()
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

  /**
   * Rebuilds the indexes from the stored rows in the index thread; calls while one runs share
   * it, and the old indexes answer until the new ones are installed in one step.
   */
  #rebuildIndexes(): Promise<void> {
    this.#rebuilding ??= this.#indexThread
      .build()
      .then((columns) => this.#install(columns))
      .finally(() => (this.#rebuilding = null))
    return this.#rebuilding
  }

  #install({ version, stations, classes }: IndexColumns): void {
    this.#stationColumns = stations
    const positions = Array.from({ length: stations.ids.length }, (_, i) => i)
    this.#stations = new PointIndex(positions, stations, (i) => stations.ids[i] as string)
    this.#classes = new PointIndex(
      classes,
      (c) => [c.lon, c.lat],
      (c) => c.id,
    )
    this.#indexedVersion = version
  }
}

function groupAmenities(rows: readonly { station_id: string; amenity: string }[]) {
  const amenities = new Map<string, string[]>()
  for (const a of rows) {
    const list = amenities.get(a.station_id)
    if (list) list.push(a.amenity)
    else amenities.set(a.station_id, [a.amenity])
  }
  return amenities
}

function batchFromRow(r: Selectable<ImportBatchTable>): ImportBatch {
  return {
    id: r.id,
    layer: r.layer as ImportBatch['layer'],
    source: r.source,
    mode: r.mode as ImportBatch['mode'],
    files: JSON.parse(r.files) as ImportBatch['files'],
    counts: JSON.parse(r.counts) as ImportBatch['counts'],
    createdAt: r.created_at,
    rolledBackAt: r.rolled_back_at,
  }
}

/** Field by field, whatever order the fields were built in. */
function sameRecord(a: object | null, b: object | null): boolean {
  const canonical = (r: object | null) =>
    r === null ? 'null' : JSON.stringify(r, Object.keys(r).sort())
  return canonical(a) === canonical(b)
}

/** One record of a layer as stored, read on `db` (a transaction's, inside one). */
async function readRecord<L extends ImportLayer>(
  db: Kysely<Database>,
  layer: L,
  id: string,
): Promise<RecordOf<L> | null> {
  if (layer === 'classes') {
    const row = await db
      .selectFrom('childcare_classes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? (classFromRow(row) as RecordOf<L>) : null
  }
  const row = await db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const amenities = await db
    .selectFrom('station_amenities')
    .select('amenity')
    .where('station_id', '=', id)
    .execute()
  return stationFromRow(
    row,
    amenities.map((a) => a.amenity),
  ) as RecordOf<L>
}

/** Name or address holds `text` (LIKE, with its wildcards taken literally). */
function nameOrAddressHas(text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  return sql<boolean>`(name LIKE ${pattern} ESCAPE '\\' OR address LIKE ${pattern} ESCAPE '\\')`
}

interface AuditRowInput {
  at: string
  actor: AuditActor
  action: AuditEntry['action']
  layer: AuditLayer
  record_id: string | null
  batch_id: string | null
  adcodes: readonly string[]
  before: unknown
  after: unknown
  undoes?: number | null
}

async function insertAudit(trx: Transaction<Database>, e: AuditRowInput): Promise<AuditEntry> {
  const row = await trx
    .insertInto('audit_log')
    .values({
      at: e.at,
      user_id: e.actor.userId,
      actor: e.actor.name,
      action: e.action,
      layer: e.layer,
      record_id: e.record_id,
      batch_id: e.batch_id,
      adcodes: JSON.stringify([...new Set(e.adcodes)].sort()),
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
      undoes: e.undoes ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return auditFromRow(row)
}

function auditFromRow(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    layer: r.layer as AuditEntry['layer'],
    recordId: r.record_id,
    batchId: r.batch_id,
    adcodes: JSON.parse(r.adcodes) as string[],
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    undoes: r.undoes,
  }
}

function inboxReportFromRow(
  r: Selectable<StationReportTable> & { station_name: string | null },
): InboxReport {
  return {
    id: r.id,
    stationId: r.station_id,
    adcode: r.adcode,
    type: r.type as InboxReport['type'],
    amenity: r.amenity as InboxReport['amenity'],
    note: r.note,
    createdAt: r.created_at,
    status: r.status as InboxReport['status'],
    stationName: r.station_name,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    auditEntryId: r.resolution === null ? null : Number(r.resolution),
  }
}

function accountFromRow(r: Selectable<UserTable>): Account {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Account['role'],
    counties: JSON.parse(r.counties) as string[],
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }
}

/**
 * The reads every nearby answer makes, prepared once: Kysely compiles and prepares each query
 * anew, which was a quarter of a nearby answer's CPU at 150,000 stations. Ids go in as one JSON
 * array, so one statement serves any number of them.
 */
function prepareReads(sqlite: BetterSqlite.Database) {
  const version = sqlite.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck()
  // Amenities as one list per station (in key order, as a query of station_amenities gives
  // them): ~20 rows to read instead of ~170.
  const stations = sqlite.prepare(
    `SELECT s.*, (SELECT group_concat(amenity, ',') FROM station_amenities a
       WHERE a.station_id = s.id) AS amenity_list
     FROM stations s WHERE id IN (SELECT value FROM json_each(?))`,
  )
  type Row = Selectable<Database['stations']> & { amenity_list: string | null }
  return {
    version: () => Number((version.get() as string | undefined) ?? 0),
    stationsByIds: (ids: readonly string[]) =>
      (stations.all(JSON.stringify(ids)) as Row[]).map(({ amenity_list, ...r }) =>
        stationFromRow(r, amenity_list?.split(',') ?? []),
      ),
  }
}

async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'data_version')
    .executeTakeFirst()
  return row ? Number(row.value) : 0
}

async function bumpDataVersion(trx: Transaction<Database>): Promise<void> {
  await trx
    .insertInto('meta')
    .values({ key: 'data_version', value: '1' })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: sql<string>`CAST(CAST(value AS INTEGER) + 1 AS TEXT)` }),
    )
    .execute()
}
