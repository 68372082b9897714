import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { LonLat } from '../../domain/geojson.ts'
import { distanceM, SPHERE_ELLIPSOID_MAX_REL_GAP } from '../../geo/geodesic.ts'
import type { Database } from '../schema.ts'

/**
 * PostGIS ranks geography on a sphere of the WGS-84 mean radius (6,371,008.8 m), 1.4e-6 larger
 * than the sphere SPHERE_ELLIPSOID_MAX_REL_GAP was worked out for: the gap plus a margin for it.
 */
const GAP = SPHERE_ELLIPSOID_MAX_REL_GAP + 1e-5
/** Absolute slack on top of the relative gap, for rounding in PostGIS's sphere distance. */
const SLACK_M = 0.01

export interface KnnHit {
  id: string
  lon: number
  lat: number
  distanceM: number
}

/**
 * The `limit` rows of `table` nearest to `origin` within radiusM (may be Infinity) that pass
 * `where`, ranked by the exact WGS-84 geodesic distance (distanceM, the function PointIndex and
 * the oracle use), ties by id; and how many such rows there are. PointIndex's method in SQL:
 * 1. KNN (`geog <-> origin`, the GiST index) gives the `limit` spherically nearest within
 *    radiusM·(1 + g);
 * 2. if there were that many, their largest geodesic distance D bounds the k-th, and every
 *    member of the exact top k lies within min(radiusM, D)·(1 + g) on the sphere: fetch those;
 * 3. measure each with distanceM, drop those beyond radiusM, sort, keep `limit`.
 * The count: rows surely inside (sphere distance ≤ radiusM / (1 + g)) counted by the database,
 * plus those of the thin ring beyond, measured here.
 */
export async function knn(
  db: Kysely<Database>,
  table: 'stations' | 'childcare_classes',
  origin: LonLat,
  radiusM: number,
  limit: number,
  where: RawBuilder<boolean>,
): Promise<{ hits: KnnHit[]; total: number }> {
  const point = sql`ST_SetSRID(ST_MakePoint(${origin[0]}::float8, ${origin[1]}::float8), 4326)::geography`
  const within = (m: number) =>
    Number.isFinite(m)
      ? sql<boolean>`ST_DWithin(geog, ${point}, ${m}::float8, false)`
      : sql<boolean>`true`
  const outer = radiusM * (1 + GAP) + SLACK_M
  type Row = { id: string; lon: number; lat: number }
  const rows = async (range: number, order: boolean, n?: number) =>
    (
      await sql<Row>`SELECT id, lon, lat FROM ${sql.table(table)} WHERE ${where} AND ${within(range)}
        ${order ? sql`ORDER BY geog <-> ${point}` : sql``} ${n === undefined ? sql`` : sql`LIMIT ${n}`}`.execute(
        db,
      )
    ).rows
  const measure = (r: Row) => ({ ...r, distanceM: distanceM(origin, [r.lon, r.lat]) })

  // The count and the ranking are independent: on two pooled connections at once.
  const [hits, total] = await Promise.all([ranked(), count()])
  return { hits, total }

  async function ranked(): Promise<KnnHit[]> {
    if (limit < 1) return []
    const nearest = (await rows(outer, true, limit)).map(measure)
    let candidates = nearest
    if (nearest.length === limit) {
      const bound = Math.max(...nearest.map((h) => h.distanceM))
      candidates = (await rows(Math.min(radiusM, bound) * (1 + GAP) + SLACK_M, false)).map(measure)
    }
    return candidates
      .filter((h) => h.distanceM <= radiusM)
      .sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, limit)
  }

  async function count(): Promise<number> {
    const inner = Math.max(0, radiusM / (1 + GAP) - SLACK_M)
    const counted = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}
      WHERE ${where} AND ${within(inner)}`.execute(db)
    let total = Number(counted.rows[0]?.n ?? 0)
    if (Number.isFinite(radiusM)) {
      const ring = await sql<Row>`SELECT id, lon, lat FROM ${sql.table(table)}
        WHERE ${where} AND ${within(outer)} AND NOT ${within(inner)}`.execute(db)
      total += ring.rows.filter((r) => measure(r).distanceM <= radiusM).length
    }
    return total
  }
}
