import type BetterSqlite from 'better-sqlite3'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import type { Station, StationInput } from '../../domain/station.ts'
import type { ChildcareClass, ChildcareClassInput } from '../../domain/childcare-class.ts'
import type { CountyFeature } from '../../domain/county.ts'
import type { Park } from '../../domain/park.ts'
import { isOpenAt } from '../../domain/opening-hours.ts'
import { PointIndex } from '../../geo/spatial-index.ts'
import type { CoverageLayer } from '../../domain/coverage.ts'
import type { ImportBatch } from '../../domain/import-report.ts'
import type { ImportLayer, RecordOf } from '../../import/register.ts'
import {
  ImportRefusedError,
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
import type { Database, ImportBatchRecordTable, ImportBatchTable } from '../schema.ts'
import { openSqlite } from './open-sqlite.ts'
import { amenityMask } from '../../domain/amenity-mask.ts'
import { quickCheck } from './quick-check.ts'
import { inArea } from '../store.ts'
import {
  classFromRow,
  classToRow,
  parkFromRow,
  parkToRow,
  stationFromRow,
  stationToRow,
} from '../rows.ts'

/** Just what a nearby filter needs, kept in memory beside the kd-tree. */
interface IndexedStation {
  id: string
  lon: number
  lat: number
  adcode: string
  kind: string
  amenityMask: number
  openingHours: string | null
  /** Lower-cased name and address, for the text filter. */
  name: string
  address: string
}

/** How stale a page scan may be before fault() runs another one. */
const REVERIFY_AFTER_MS = 60_000
/** Errors that mean the file itself is damaged or unreadable, not that a query was wrong. */
const FAULT_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR)/

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * SQLite store. Rows live in SQLite; nearby queries run on in-memory kd-trees (kdbush via
 * PointIndex) holding only active stations and all classes, rebuilt after every committed write.
 */
export class SqliteStore implements Store {
  readonly engine = 'sqlite'
  readonly #file: string
  #db!: Kysely<Database>
  /** The connection under #db: bulk writes run as prepared statements inside its transactions. */
  #sqlite!: BetterSqlite.Database
  #stations = new PointIndex<IndexedStation>([], (s) => [s.lon, s.lat])
  #classes = new PointIndex<ChildcareClass>([], (c) => [c.lon, c.lat])
  /** The first damage seen; it does not heal, so it sticks until the process restarts. */
  #fault: string | null = null
  #verifiedAt = Number.NEGATIVE_INFINITY
  #verifying: Promise<string[]> | null = null
  /** The data version the in-memory indexes were built at, and a rebuild under way. */
  #indexedVersion = -1
  #rebuilding: Promise<void> | null = null
  /** The nearby path's reads, prepared on first use. */
  #hotReads: ReturnType<typeof prepareReads> | null = null

  private constructor(file: string) {
    this.#file = file
  }

  static async open(file: string): Promise<SqliteStore> {
    const store = new SqliteStore(file)
    const opened = await openSqlite(file, (err) => {
      const code = (err as { code?: unknown } | null)?.code
      if (typeof code === 'string' && FAULT_CODES.test(code)) store.#fault ??= describe(err)
    })
    store.#db = opened.db
    store.#sqlite = opened.sqlite
    await store.#rebuildIndexes()
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

  async dataVersion(): Promise<number> {
    const version = this.#idle() ? this.#reads().version() : await readDataVersion(this.#db)
    if (version !== this.#indexedVersion) await this.#rebuildIndexes()
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
    if (query.q !== undefined) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
      q = q.where(
        sql<boolean>`(name LIKE ${pattern} ESCAPE '\\' OR address LIKE ${pattern} ESCAPE '\\')`,
      )
    }
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
    await this.dataVersion() // another process (the import CLI) may have written
    const mask = amenityMask(filter.amenities ?? [])
    const text = filter.text?.toLowerCase()
    // Many stations share an hours string: evaluate each one once per query.
    const openMemo = new Map<string | null, boolean>()
    const openAt = (hours: string | null, at: Date) => {
      let open = openMemo.get(hours)
      if (open === undefined) openMemo.set(hours, (open = isOpenAt(hours, at) === true))
      return open
    }
    const matches = (s: IndexedStation) =>
      (s.amenityMask & mask) === mask &&
      (filter.kind === undefined || s.kind === filter.kind) &&
      (filter.adcode === undefined || inArea(s.adcode, filter.adcode)) &&
      (text === undefined || s.name.includes(text) || s.address.includes(text)) &&
      (filter.openAt === undefined || openAt(s.openingHours, filter.openAt))
    const hits = this.#stations.nearby(origin, { radiusM, limit, filter: matches })
    const total = this.#stations.count(origin, radiusM, matches)
    const stations = await this.#stationsByIds(hits.map((h) => h.item.id))
    return { hits: hits.map((h, i) => ({ item: stations[i]!, distanceM: h.distanceM })), total }
  }

  async nearbyClasses(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<ClassFilter>,
  ): Promise<NearbyResult<ChildcareClass>> {
    await this.dataVersion()
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
    const rows = await this.#db
      .selectFrom('stations')
      .select(['id', 'adcode', 'lon', 'lat', 'opening_hours'])
      .where('status', '=', 'active')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      adcode: r.adcode,
      lon: r.lon,
      lat: r.lat,
      hours: r.opening_hours,
      termStart: null,
      termEnd: null,
    }))
  }

  async replaceDataset({ counties, stations, classes, parks = [] }: Dataset): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
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
      insertRows(this.#sqlite, 'parks', parks.map(parkToRow))
      await bumpDataVersion(trx)
    })
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
      const [rows, amenityRows] = await Promise.all([
        trx.selectFrom('stations').selectAll().orderBy('id').execute(),
        trx.selectFrom('station_amenities').selectAll().execute(),
      ])
      const amenities = groupAmenities(amenityRows)
      const records = rows.map((r) => stationFromRow(r, amenities.get(r.id) ?? []))
      return { dataVersion, records: records as RecordOf<L>[] }
    })
  }

  async applyImport<L extends ImportLayer>(change: ImportChange<L>): Promise<ImportBatch> {
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
      insertRecords(this.#sqlite, layer, [...change.add, ...change.update.map((u) => u.after)])
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
      const touched = (
        action: ImportBatchRecordTable['action'],
        r: RecordOf<L>,
        before: boolean,
      ) => ({
        batch_id: batch.id,
        record_id: r.id,
        action,
        before: before ? JSON.stringify(r) : null,
      })
      insertRows(this.#sqlite, 'import_batch_records', [
        ...change.add.map((r) => touched('added', r, false)),
        ...change.update.map((u) => touched('updated', u.before, true)),
        ...change.remove.map((r) => touched('removed', r, true)),
      ])
      await bumpDataVersion(trx)
    })
    // The indexes are rebuilt when next asked for (dataVersion() sees the new version): once,
    // and not at all in the import CLI, which exits without a query.
    return { ...batch, rolledBackAt: null }
  }

  async rollbackImport(batchId: string): Promise<ImportBatch> {
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

  async close(): Promise<void> {
    await this.#db.destroy()
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

  /** Rebuilds the indexes from the stored rows; calls while one runs share it. */
  #rebuildIndexes(): Promise<void> {
    this.#rebuilding ??= this.#buildIndexes().finally(() => (this.#rebuilding = null))
    return this.#rebuilding
  }

  async #buildIndexes(): Promise<void> {
    // One read transaction, so the indexes match the version they are marked with.
    const { version, rows, amenityRows, classRows } = await this.#db
      .transaction()
      .execute(async (trx) => ({
        version: await readDataVersion(trx),
        rows: await trx
          .selectFrom('stations')
          .select(['id', 'lon', 'lat', 'adcode', 'kind', 'opening_hours', 'name', 'address'])
          .where('status', '=', 'active')
          .execute(),
        amenityRows: await trx.selectFrom('station_amenities').selectAll().execute(),
        classRows: await trx.selectFrom('childcare_classes').selectAll().execute(),
      }))
    const masks = new Map<string, number>()
    for (const a of amenityRows) {
      masks.set(a.station_id, (masks.get(a.station_id) ?? 0) | amenityMask([a.amenity]))
    }
    this.#stations = new PointIndex(
      rows.map((r) => ({
        id: r.id,
        lon: r.lon,
        lat: r.lat,
        adcode: r.adcode,
        kind: r.kind,
        amenityMask: masks.get(r.id) ?? 0,
        openingHours: r.opening_hours,
        name: r.name.toLowerCase(),
        address: r.address.toLowerCase(),
      })),
      (s) => [s.lon, s.lat],
      (s) => s.id,
    )
    this.#classes = new PointIndex(
      classRows.map(classFromRow),
      (c) => [c.lon, c.lat],
      (c) => c.id,
    )
    this.#indexedVersion = version
  }
}

type InsertableTable =
  | 'counties'
  | 'stations'
  | 'station_amenities'
  | 'childcare_classes'
  | 'import_batch_records'
  | 'parks'

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

/** Inserts whole records of a layer: stations with their amenity rows. */
function insertRecords(
  sqlite: BetterSqlite.Database,
  layer: ImportLayer,
  records: readonly (StationInput | ChildcareClassInput)[],
): void {
  if (layer === 'classes') {
    insertRows(sqlite, 'childcare_classes', (records as ChildcareClassInput[]).map(classToRow))
    return
  }
  const stations = records as StationInput[]
  insertRows(sqlite, 'stations', stations.map(stationToRow))
  insertRows(
    sqlite,
    'station_amenities',
    stations.flatMap((s) => s.amenities.map((amenity) => ({ station_id: s.id, amenity }))),
  )
}

/** Deletes records of a layer by id; a station's amenity rows go with it (ON DELETE CASCADE). */
function deleteRecords(
  sqlite: BetterSqlite.Database,
  layer: ImportLayer,
  ids: readonly string[],
): void {
  const remove = sqlite.prepare(
    `DELETE FROM ${layer === 'classes' ? 'childcare_classes' : 'stations'} WHERE id = ?`,
  )
  for (const id of ids) remove.run(id)
}

/**
 * Rows of one table through one prepared statement, in the transaction the caller holds open on
 * this connection: at 150 000 rows, several times faster than multi-row INSERTs built by Kysely.
 */
function insertRows<T extends InsertableTable>(
  sqlite: BetterSqlite.Database,
  table: T,
  rows: readonly Selectable<Database[T]>[],
): void {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!)
  const insert = sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
  )
  for (const row of rows) insert.run(row)
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
