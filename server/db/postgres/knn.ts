import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import { distanceAndBearing, distanceM, SPHERE_ELLIPSOID_MAX_REL_GAP } from '../../geo/geodesic.ts'
import type { Database } from '../schema.ts'
import type { RunPrepared } from './open-postgres.ts'

/**
 * PostGIS ranks geography on a sphere of the WGS-84 mean radius (6,371,008.8 m), 1.4e-6 larger
 * than the sphere SPHERE_ELLIPSOID_MAX_REL_GAP was worked out for: the gap plus a margin for it.
 */
const GAP = SPHERE_ELLIPSOID_MAX_REL_GAP + 1e-5
/** Absolute slack on top of the relative gap, for rounding in PostGIS's sphere distance. */
const SLACK_M = 0.01
/** Farther than any two points on PostGIS's sphere (π · 6,371,008.8 m ≈ 20,015 km). */
const WHOLE_SPHERE_M = 21_000_000

export interface KnnHit<R> {
  row: R
  distanceM: number
  bearingDeg: number
}

/** What knn() needs of a row: its id and position, for the exact ranking. */
export interface KnnRow {
  id: string
  lon: number
  lat: number
}

/** The statement's one row: the count inside, the ring's points, the candidates. */
interface Answer<R> {
  /** count(*): bigint, as text. */
  inside: string
  ring: LonLat[] | null
  hits: R[] | null
}

/**
 * The `limit` rows of `table` nearest to `origin` within radiusM (may be Infinity) that pass
 * `where`, ranked by the exact WGS-84 geodesic distance (distanceM, the function PointIndex and
 * the oracle use), ties by id, each as `row` (a JSON expression over `table`); and how many
 * such rows there are. PointIndex's method, in one statement (one round trip):
 * 1. KNN (`geog <-> origin`, the GiST index) gives the `limit` spherically nearest within
 *    radiusM·(1 + g), and their largest sphere distance S;
 * 2. if there were that many, the k-th geodesic distance is at most S·(1 + g), and every
 *    member of the exact top k lies within min(radiusM, S·(1 + g))·(1 + g) on the sphere: the
 *    statement returns the rows there (else the few it found: everything within radiusM·(1+g));
 * 3. here each is measured with distanceM, those beyond radiusM dropped, sorted, `limit` kept.
 * The count: rows surely inside (sphere distance ≤ radiusM / (1 + g)) counted by the database,
 * plus those of the thin ring beyond that are within radiusM, measured here.
 * The bounds hold both ways (dS ≤ (1 + g)·dE and dE ≤ (1 + g)·dS, see geodesic.ts), so the
 * answer is the one the exact ranking of every row would give.
 */
export async function knn<R extends KnnRow>(
  db: Kysely<Database>,
  run: RunPrepared,
  query: {
    table: 'stations' | 'childcare_classes'
    origin: LonLat
    radiusM: number
    limit: number
    where: RawBuilder<boolean>
    row: RawBuilder<R>
  },
): Promise<{ hits: KnnHit<R>[]; total: number }> {
  const { table, origin, radiusM, limit, where, row } = query
  const t = sql.table(table)
  const within = (m: number | RawBuilder<number>) =>
    sql<boolean>`ST_DWithin(${t}.geog, q.p, ${m}::float8, false)`
  const d = sql<number>`ST_Distance(${t}.geog, q.p, false)`
  const bounded = Number.isFinite(radiusM)
  const outer = radiusM * (1 + GAP) + SLACK_M
  const inner = Math.max(0, radiusM / (1 + GAP) - SLACK_M)
  // Bounded: KNN, the count and the ring all read the rows within `outer`, so the disc is read
  // once (at 150,000 stations a 3 km disc in a city holds ~600: this halves the statement's
  // time). Unbounded: KNN walks the index in order and stops after `limit`; the count is all.
  const parts = bounded
    ? {
        disc: sql`disc AS MATERIALIZED (
          SELECT ${d} AS d, lon, lat FROM ${t}, q WHERE ${where} AND ${within(outer)}
        ), nearest AS (SELECT d FROM disc ORDER BY d LIMIT ${limit}::int),`,
        inside: sql`SELECT count(*) FROM disc WHERE d <= ${inner}::float8`,
        ring: sql`SELECT json_agg(json_build_array(lon, lat)) FROM disc WHERE d > ${inner}::float8`,
      }
    : {
        disc: sql`nearest AS (
          SELECT ${d} AS d FROM ${t}, q WHERE ${where} ORDER BY ${t}.geog <-> q.p LIMIT ${limit}::int
        ),`,
        inside: sql`SELECT count(*) FROM ${t} WHERE ${where}`,
        ring: sql`SELECT NULL::json`,
      }
  const compiled = sql<Answer<R>>`
    WITH q AS (
      SELECT ST_SetSRID(ST_MakePoint(${origin[0]}::float8, ${origin[1]}::float8), 4326)::geography AS p
    ), ${parts.disc} reach AS (
      SELECT CASE WHEN count(*) < ${limit}::int
        THEN ${Math.min(outer, WHOLE_SPHERE_M)}::float8
        ELSE least(${Math.min(radiusM, WHOLE_SPHERE_M)}::float8, max(d) * ${1 + GAP}::float8 + ${SLACK_M}::float8)
          * ${1 + GAP}::float8 + ${SLACK_M}::float8
      END AS m FROM nearest
    )
    SELECT (${parts.inside}) AS inside, (${parts.ring}) AS ring,
      (SELECT json_agg(${row}) FROM ${t}, q, reach WHERE ${where} AND ${within(sql<number>`reach.m`)}) AS hits`.compile(
    db,
  )
  const [answer] = await run<Answer<R>>(compiled)
  const inRadius = (d: number) => d <= radiusM
  const hits = (answer?.hits ?? [])
    .map((r) => {
      const { distanceM, bearingDeg } = distanceAndBearing(origin, [r.lon, r.lat])
      return { row: r, distanceM, bearingDeg }
    })
    .filter((h) => inRadius(h.distanceM))
    .sort(
      (a, b) =>
        a.distanceM - b.distanceM || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
    )
    .slice(0, Math.max(0, limit))
  const ringIn = (answer?.ring ?? []).filter((p) => inRadius(distanceM(origin, p))).length
  return { hits, total: Number(answer?.inside ?? 0) + ringIn }
}
