import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import type { Station } from '../../domain/station.ts'
import type { ChildcareClass } from '../../domain/childcare-class.ts'
import type { CountyFeature } from '../../domain/county.ts'
import { isOpenAt } from '../../domain/opening-hours.ts'
import { PointIndex } from '../../geo/spatial-index.ts'
import type { CoverageLayer } from '../../domain/coverage.ts'
import type {
  ClassFilter,
  CoveragePoint,
  Dataset,
  NearbyOptions,
  NearbyResult,
  StationFilter,
  StationListQuery,
  StationPage,
  Store,
  StoreCounts,
} from '../store.ts'
import type { Database } from '../schema.ts'
import { openSqlite } from './open-sqlite.ts'
import { amenityMask } from '../../domain/amenity-mask.ts'
import { quickCheck } from './quick-check.ts'
import { inArea } from '../store.ts'
import { classFromRow, classToRow, stationFromRow, stationToRow } from '../rows.ts'

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

const INSERT_CHUNK = 400 // rows per INSERT: stays under SQLite's bound-parameter limit
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
  #stations = new PointIndex<IndexedStation>([], (s) => [s.lon, s.lat])
  #classes = new PointIndex<ChildcareClass>([], (c) => [c.lon, c.lat])
  /** The first damage seen; it does not heal, so it sticks until the process restarts. */
  #fault: string | null = null
  #verifiedAt = Number.NEGATIVE_INFINITY
  #verifying: Promise<string[]> | null = null

  private constructor(file: string) {
    this.#file = file
  }

  static async open(file: string): Promise<SqliteStore> {
    const store = new SqliteStore(file)
    store.#db = await openSqlite(file, (err) => {
      const code = (err as { code?: unknown } | null)?.code
      if (typeof code === 'string' && FAULT_CODES.test(code)) store.#fault ??= describe(err)
    })
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
    const row = await this.#db
      .selectFrom('meta')
      .select('value')
      .where('key', '=', 'data_version')
      .executeTakeFirst()
    return row ? Number(row.value) : 0
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
    if (query.amenities && query.amenities.length > 0) {
      const wanted = [...new Set(query.amenities)]
      q = q.where('id', 'in', (eb) =>
        eb
          .selectFrom('station_amenities')
          .select('station_id')
          .where('amenity', 'in', wanted)
          .groupBy('station_id')
          .having((h) => h.fn.countAll(), '=', wanted.length),
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

  async nearbyStations(
    origin: LonLat,
    { radiusM, limit, filter }: NearbyOptions<StationFilter>,
  ): Promise<NearbyResult<Station>> {
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

  async coveragePoints(layer: CoverageLayer): Promise<CoveragePoint[]> {
    if (layer === 'classes') {
      const rows = await this.#db
        .selectFrom('childcare_classes')
        .select(['adcode', 'lon', 'lat', 'schedule', 'term_start', 'term_end'])
        .orderBy('id')
        .execute()
      return rows.map((r) => ({
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
      .select(['adcode', 'lon', 'lat', 'opening_hours'])
      .where('status', '=', 'active')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({
      adcode: r.adcode,
      lon: r.lon,
      lat: r.lat,
      hours: r.opening_hours,
      termStart: null,
      termEnd: null,
    }))
  }

  async replaceDataset({ counties, stations, classes }: Dataset): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('station_amenities').execute()
      await trx.deleteFrom('stations').execute()
      await trx.deleteFrom('childcare_classes').execute()
      await trx.deleteFrom('counties').execute()
      await insertChunked(
        trx,
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
      await insertChunked(trx, 'stations', stations.map(stationToRow))
      await insertChunked(
        trx,
        'station_amenities',
        stations.flatMap((s) => s.amenities.map((amenity) => ({ station_id: s.id, amenity }))),
      )
      await insertChunked(trx, 'childcare_classes', classes.map(classToRow))
      await bumpDataVersion(trx)
    })
    await this.#rebuildIndexes()
  }

  async close(): Promise<void> {
    await this.#db.destroy()
  }

  /** Full stations for these ids, in the order given (unknown ids are skipped). */
  async #stationsByIds(ids: readonly string[]): Promise<Station[]> {
    if (ids.length === 0) return []
    const [rows, amenityRows] = await Promise.all([
      this.#db.selectFrom('stations').selectAll().where('id', 'in', ids).execute(),
      this.#db.selectFrom('station_amenities').selectAll().where('station_id', 'in', ids).execute(),
    ])
    const amenities = new Map<string, string[]>()
    for (const a of amenityRows) {
      const list = amenities.get(a.station_id)
      if (list) list.push(a.amenity)
      else amenities.set(a.station_id, [a.amenity])
    }
    const byId = new Map(rows.map((r) => [r.id, stationFromRow(r, amenities.get(r.id) ?? [])]))
    return ids.flatMap((id) => byId.get(id) ?? [])
  }

  async #rebuildIndexes(): Promise<void> {
    const [rows, amenityRows, classRows] = await Promise.all([
      this.#db
        .selectFrom('stations')
        .select(['id', 'lon', 'lat', 'adcode', 'kind', 'opening_hours', 'name', 'address'])
        .where('status', '=', 'active')
        .execute(),
      this.#db.selectFrom('station_amenities').selectAll().execute(),
      this.#db.selectFrom('childcare_classes').selectAll().execute(),
    ])
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
  }
}

type InsertableTable = 'counties' | 'stations' | 'station_amenities' | 'childcare_classes'

async function insertChunked<T extends InsertableTable>(
  trx: Transaction<Database>,
  table: T,
  rows: readonly Selectable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK)
    // Kysely can't narrow a generic table's insert type; the rows are that table's own rows.
    await trx
      .insertInto(table)
      .values(chunk as unknown as Parameters<ReturnType<typeof trx.insertInto<T>>['values']>[0])
      .execute()
  }
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
