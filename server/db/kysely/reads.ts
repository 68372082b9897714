import { sql, type Kysely } from 'kysely'
import type {
  MapStation,
  MapStationPage,
  ClassListQuery,
  ClassPage,
  CoveragePoint,
  StationListQuery,
  StoreCounts,
} from '../store.ts'
import type { CountyFeature } from '../../domain/county.ts'
import type { Park } from '../../domain/park.ts'
import type { CoverageLayer } from '../../domain/coverage.ts'
import type { Database } from '../schema.ts'
import { classFromRow, parkFromRow } from '../rows.ts'
import { AMENITY_MASK_SQL } from '../amenity-mask-sql.ts'

// The reads that are plain Kysely, the same on every engine.

export async function counts(db: Kysely<Database>): Promise<StoreCounts> {
  const count = (table: 'stations' | 'childcare_classes' | 'counties') =>
    db
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

export async function hasSampleData(db: Kysely<Database>): Promise<boolean> {
  const sampleRow = (table: 'stations' | 'childcare_classes') =>
    db.selectFrom(table).select('id').where('sample', '=', 1).limit(1).executeTakeFirst()
  const [station, klass] = await Promise.all([
    sampleRow('stations'),
    sampleRow('childcare_classes'),
  ])
  return station !== undefined || klass !== undefined
}

export async function listCounties(db: Kysely<Database>): Promise<CountyFeature[]> {
  const rows = await db.selectFrom('counties').selectAll().orderBy('adcode').execute()
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

/**
 * The ids of one page of the station list (limit + 1 of them: one more says more follow); the
 * store reads the stations its own fastest way.
 */
export async function stationPageIds(
  db: Kysely<Database>,
  query: StationListQuery,
): Promise<string[]> {
  let q = db
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
  return (await q.execute()).map((r) => r.id)
}

export async function listMapStations(
  db: Kysely<Database>,
  query: { limit: number; afterId?: string },
): Promise<MapStationPage> {
  let q = db
    .selectFrom('stations as s')
    .select(['s.id', 's.lon', 's.lat', 's.kind', 's.tier', 's.name', 's.sample', 's.opening_hours'])
    .select(sql<number | string>`${sql.raw(AMENITY_MASK_SQL)}`.as('amenities'))
    .where('s.status', '=', 'active')
    .orderBy('s.id')
    .limit(query.limit + 1)
  if (query.afterId !== undefined) q = q.where('s.id', '>', query.afterId)
  const rows = await q.execute()
  const more = rows.length > query.limit
  const stations = (more ? rows.slice(0, query.limit) : rows).map((r): MapStation => ({
    id: r.id,
    lon: r.lon,
    lat: r.lat,
    kind: r.kind as MapStation['kind'],
    tier: r.tier as MapStation['tier'],
    name: r.name,
    sample: r.sample === 1,
    openingHours: r.opening_hours,
    amenities: Number(r.amenities),
  }))
  return { stations, lastId: more ? (stations.at(-1)?.id ?? null) : null }
}

export async function listClasses(db: Kysely<Database>, query: ClassListQuery): Promise<ClassPage> {
  const { age, date, hasSeats, adcode } = query
  let q = db
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

export async function listParks(db: Kysely<Database>, adcode?: string): Promise<Park[]> {
  let q = db.selectFrom('parks').selectAll().orderBy('id')
  // inArea: a city's code (ends in 00) covers every county whose code shares its first four.
  if (adcode !== undefined) {
    q = adcode.endsWith('00')
      ? q.where('adcode', 'like', `${adcode.slice(0, 4)}__`)
      : q.where('adcode', '=', adcode)
  }
  return (await q.execute()).map(parkFromRow)
}

export async function getPark(db: Kysely<Database>, id: string): Promise<Park | null> {
  const row = await db.selectFrom('parks').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? parkFromRow(row) : null
}

/** Every class, or every active station, as a coverage point, in id order. */
export async function coveragePoints(
  db: Kysely<Database>,
  layer: CoverageLayer,
): Promise<CoveragePoint[]> {
  const rows =
    layer === 'classes'
      ? await db
          .selectFrom('childcare_classes')
          .select(['id', 'adcode', 'lon', 'lat', 'schedule as hours', 'term_start', 'term_end'])
          .orderBy('id')
          .execute()
      : await db
          .selectFrom('stations')
          .select([
            'id',
            'adcode',
            'lon',
            'lat',
            'opening_hours as hours',
            sql<null>`NULL`.as('term_start'),
            sql<null>`NULL`.as('term_end'),
          ])
          .where('status', '=', 'active')
          .orderBy('id')
          .execute()
  return rows.map((r) => ({
    id: r.id,
    adcode: r.adcode,
    lon: r.lon,
    lat: r.lat,
    hours: r.hours,
    termStart: r.term_start,
    termEnd: r.term_end,
  }))
}

/** Name or address holds `text` (LIKE, with its wildcards taken literally). */
function nameOrAddressHas(text: string) {
  // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
  return sql<boolean>`(lower(name) LIKE ${pattern} ESCAPE '\\' OR lower(address) LIKE ${pattern} ESCAPE '\\')`
}
