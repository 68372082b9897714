import KDBush from 'kdbush'
import { around } from 'geokdbush'
import type { LonLat } from '../domain/geojson.ts'
import {
  distanceAndBearing,
  distanceM,
  GEOKDBUSH_RADIUS_M,
  SPHERE_ELLIPSOID_MAX_REL_GAP,
} from './geodesic.ts'

export type NearbyOptions<T> = {
  /** Keep points whose geodesic distance is ≤ radiusM (may be Infinity). */
  radiusM: number
  /** At most this many hits; below 1 gives none. */
  limit: number
  /** Only points for which this returns true; it must be pure. */
  filter?: (item: T) => boolean
}

/** A hit, its geodesic distance and the initial bearing to it from the query point. */
export type NearbyHit<T> = { item: T; distanceM: number; bearingDeg: number }

/** [minLon, minLat, maxLon, maxLat]; minLon > maxLon means the box crosses the antimeridian. */
export type Bbox = readonly [number, number, number, number]

/** Tie-breaker for equal distances. Defaults to the item's position in the input array. */
export type GetId<T> = (item: T, position: number) => string | number

/**
 * Items by position, for an index over columns whose items need no array (a station index's
 * items are the positions themselves: at 150,000 points making and copying an array of them
 * held the event loop ~17 ms per rebuild).
 */
export interface ItemsAt<T> {
  size: number
  at: (position: number) => T
}

const NODE_SIZE = 64
/** How many candidates nearby asks geokdbush for beyond the k it wants (see nearby). */
const SPARE_CANDIDATES = 4
/**
 * count's walk: three entries per kd node waiting, as KDBush's range keeps them (its own holds
 * 96). A walk holds at most one node per level waiting, and 2^32 points make ~26 levels.
 */
const STACK = new Uint32Array(96)
/** Absolute slack on top of the relative gap, for rounding in geokdbush's haversine. */
const SLACK_M = 0.001

/**
 * An immutable point index answering "the k nearest points within radiusM that pass a filter",
 * ranked by exact WGS-84 geodesic distance, ties by id: the same answer as nearbyBruteForce.
 *
 * geokdbush ranks on a sphere, so its order and its radius cut can differ from the ellipsoid's.
 * Within SPHERE_ELLIPSOID_MAX_REL_GAP (g) they cannot differ by more than a factor 1 + g, so:
 * 1. ask geokdbush for the k spherically nearest points within radiusM·(1 + g);
 * 2. if it found k, their largest geodesic distance D bounds the k-th geodesic distance, and
 *    every member of the exact top k lies within min(radiusM, D)·(1 + g) on the sphere; fetch
 *    all of those (no count cap) — unless the k + SPARE_CANDIDATES asked for in step 1 reach
 *    past that bound already (usual: the band between the sphere's and the ellipsoid's order is
 *    thin), then those within it;
 * 3. measure each candidate with distanceM, drop those beyond radiusM, sort, keep k.
 * Rebuild the index (its owner, the Store, does) whenever the items change.
 */
export class PointIndex<T> {
  /** Item i (from an array, or ItemsAt). */
  readonly #item: (i: number) => T
  readonly #size: number
  /** Item i's lon at 2i, lat at 2i + 1. */
  readonly #coords: Float64Array
  /** See PointColumns.unit. */
  readonly #unit: Float64Array
  /** Item i's tie-breaker, asked only for equal distances (150,000 ids up front took ~12 ms). */
  readonly #id: (i: number) => string | number
  readonly #kd: KDBush | null

  /**
   * Items and where each is, by a function or as columns `pointColumns` built, possibly in
   * another thread (a rebuild off the event loop hands over only its buffers).
   */
  constructor(
    items: readonly T[] | ItemsAt<T>,
    points: ((item: T) => LonLat) | PointColumns,
    getId?: GetId<T>,
  ) {
    // An array is copied (a caller's later change must not reach the index); ItemsAt is kept.
    const kept = Array.isArray(items) ? items.slice() : null
    const at = kept ? (i: number) => kept[i] as T : (items as ItemsAt<T>).at
    this.#item = at
    this.#size = kept ? kept.length : (items as ItemsAt<T>).size
    const columns =
      typeof points === 'function'
        ? pointColumns(Array.from({ length: this.#size }, (_, i) => points(at(i))))
        : points
    if (columns.coords.length !== this.#size * 2 || columns.unit.length !== this.#size * 3) {
      throw new Error('PointIndex: the columns do not hold one point per item')
    }
    this.#coords = columns.coords
    this.#unit = columns.unit
    this.#id = getId ? (i) => getId(at(i), i) : (i) => i
    this.#kd = columns.kd === null ? null : KDBush.from(columns.kd)
  }

  get size(): number {
    return this.#size
  }

  nearby(origin: LonLat, opts: NearbyOptions<T>): Array<NearbyHit<T>> {
    const { radiusM, filter } = opts
    if (Number.isNaN(radiusM) || Number.isNaN(opts.limit)) {
      throw new Error('nearby: radiusM and limit must be numbers')
    }
    const limit = Math.floor(opts.limit)
    const kd = this.#kd
    if (kd === null || limit < 1 || radiusM < 0) return []

    const [lon, lat] = origin
    const item = this.#item
    const predicate = filter ? (i: number) => filter(item(i)) : undefined
    // A few beyond k: usually they reach past step 2's bound, which spares its second search.
    const candidates = around(
      kd,
      lon,
      lat,
      limit + SPARE_CANDIDATES,
      sphereSearchKm(radiusM),
      predicate,
    )
    const [ox, oy, oz] = unitVector(lon, lat)
    const nearest = candidates.map((i) => {
      const [x, y, z] = unitVector(this.#coords[2 * i] as number, this.#coords[2 * i + 1] as number)
      return { i, chord: (x - ox) ** 2 + (y - oy) ** 2 + (z - oz) ** 2 }
    })
    return this.#refine(origin, nearest, radiusM, limit, filter)
  }

  /**
   * `nearby` and `count` at once, as a nearby answer with its total needs them: one walk over
   * the circle's box counts the points within the radius and keeps the `limit` +
   * SPARE_CANDIDATES of them nearest on the sphere, which stand in for geokdbush's candidates in
   * nearby's steps 2–3 (no priority search; points beyond the radius are never candidates, as
   * count has decided each). Where no box holds the circle (a pole, the antimeridian, no bound)
   * it is the two calls.
   */
  nearbyCounted(origin: LonLat, opts: NearbyOptions<T>): { hits: NearbyHit<T>[]; total: number } {
    const { radiusM, filter } = opts
    const limit = Math.floor(opts.limit)
    const walked =
      limit >= 1 && limit !== Infinity
        ? this.#walk(origin, radiusM, filter, limit + SPARE_CANDIDATES)
        : null
    if (walked === null) {
      return { hits: this.nearby(origin, opts), total: this.count(origin, radiusM, filter) }
    }
    const { total, kept } = walked
    return { hits: this.#refine(origin, kept, radiusM, limit, filter), total }
  }

  /**
   * nearby's steps 2 and 3 from step 1's candidates (`limit` + SPARE_CANDIDATES asked for,
   * nearest first on the sphere, each with its squared chord), whether geokdbush or a walk
   * found them: every point left out is at least as far on the sphere as the last of them.
   */
  #refine(
    origin: LonLat,
    nearest: readonly Kept[],
    radiusM: number,
    limit: number,
    filter: ((item: T) => boolean) | undefined,
  ): Array<NearbyHit<T>> {
    const solve = solver(origin, (i) => this.#lonLat(i))
    let candidates = nearest.map((k) => k.i)
    if (nearest.length >= limit) {
      // Any k points bound the k-th distance: the farthest of the k nearest on the sphere.
      let farthestM = 0
      for (let c = 0; c < limit; c++) {
        farthestM = Math.max(farthestM, solve(candidates[c]!).distanceM)
      }
      const boundM = Math.min(radiusM, farthestM)
      const bound = squaredChord(boundM * (1 + SPHERE_ELLIPSOID_MAX_REL_GAP) + SLACK_M)
      // Fewer than asked: none was left out within the radius.
      const asked = limit + SPARE_CANDIDATES
      const item = this.#item
      candidates =
        nearest.length < asked || nearest[asked - 1]!.chord > bound
          ? nearest.filter((k) => k.chord <= bound).map((k) => k.i)
          : around(
              this.#kd!,
              origin[0],
              origin[1],
              Infinity,
              sphereSearchKm(boundM),
              filter ? (i: number) => filter(item(i)) : undefined,
            )
    }
    return this.#rank(candidates, radiusM, limit, solve)
  }

  /** Candidates measured, those within radiusM sorted by (distance, id), the first `limit`. */
  #rank(
    candidates: readonly number[],
    radiusM: number,
    limit: number,
    solve: (i: number) => { distanceM: number; bearingDeg: number },
  ): Array<NearbyHit<T>> {
    const id = this.#id
    const ranked: Array<{ i: number; d: number }> = []
    for (const i of candidates) {
      const d = solve(i).distanceM
      if (d <= radiusM) ranked.push({ i, d })
    }
    ranked.sort((a, b) => a.d - b.d || compareIds(id(a.i), id(b.i)))
    return ranked
      .slice(0, limit)
      .map(({ i, d }) => ({ item: this.#item(i), distanceM: d, bearingDeg: solve(i).bearingDeg }))
  }

  /**
   * How many points within radiusM pass the filter: exactly the length of an unlimited
   * `nearby`, without measuring most of them. A point whose great-circle distance dS is far
   * enough inside (dS·(1 + g) ≤ radiusM) or outside the radius is decided on the sphere; only
   * the thin band where sphere and ellipsoid could disagree gets the geodesic distance.
   */
  count(origin: LonLat, radiusM: number, filter?: (item: T) => boolean): number {
    if (Number.isNaN(radiusM)) throw new Error('count: radiusM must be a number')
    const kd = this.#kd
    if (kd === null || radiusM < 0) return 0
    const item = this.#item
    // Unbounded: every item counts; no geometry at all.
    if (radiusM === Infinity) {
      if (!filter) return this.#size
      let n = 0
      for (let i = 0; i < this.#size; i++) if (filter(item(i))) n++
      return n
    }
    const walked = this.#walk(origin, radiusM, filter, 0)
    if (walked !== null) return walked.total
    // A cap over a pole or the antimeridian (no box holds it): geokdbush's own search.
    const { inside, outside } = chordBand(radiusM)
    const [ox, oy, oz] = unitVector(origin[0], origin[1])
    let n = 0
    for (const i of around(kd, origin[0], origin[1], Infinity, sphereSearchKm(radiusM))) {
      const [x, y, z] = unitVector(this.#coords[2 * i] as number, this.#coords[2 * i + 1] as number)
      const chord = (x - ox) ** 2 + (y - oy) ** 2 + (z - oz) ** 2
      const within =
        chord <= inside || (chord <= outside && distanceM(origin, this.#lonLat(i)) <= radiusM)
      if (within && (filter === undefined || filter(item(i)))) n++
    }
    return n
  }

  /**
   * count's walk, when a box holds the circle (null otherwise, or for no bound): the points within
   * radiusM that pass the filter, and the `keep` of them nearest on the sphere (by chord,
   * nearest first, each with its squared chord).
   *
   * On the sphere, by chord length (no trigonometry per point): surely inside, surely outside,
   * or in the thin band where only the geodesic distance decides. The filter is asked only of
   * points inside. The box's points come in kd order, as KDBush.range finds them (geokdbush
   * reads the same fields), tested where they lie: no array of candidates, and the unit vectors
   * are read in the order they are stored (a count at 3 km meets ~550 points; at random they
   * missed cache). The tests are written out here: as calls per point (one closure for both)
   * the count with a filter measured 73 µs against 52.
   */
  #walk(
    origin: LonLat,
    radiusM: number,
    filter: ((item: T) => boolean) | undefined,
    keep: number,
  ): { total: number; kept: Kept[] } | null {
    const kd = this.#kd
    if (kd === null || !(radiusM >= 0) || radiusM === Infinity) return null
    const box = capBox(origin, sphereSearchKm(radiusM))
    if (box === null) return null
    const item = this.#item
    const { inside, outside } = chordBand(radiusM)
    const [ox, oy, oz] = unitVector(origin[0], origin[1])
    const nearest = new NearestChords(keep)
    const { ids, coords, nodeSize } = kd
    const unit = this.#unit
    const [minX, minY, maxX, maxY] = box
    STACK[0] = 0
    STACK[1] = ids.length - 1
    STACK[2] = 0
    let sp = 3
    let n = 0
    while (sp > 0) {
      const axis = STACK[--sp] as number
      const right = STACK[--sp] as number
      const left = STACK[--sp] as number
      // A leaf's points all; otherwise the middle one, then the halves the box reaches.
      const leaf = right - left <= nodeSize
      const m = (left + right) >> 1
      for (let j = leaf ? left : m; j <= (leaf ? right : m); j++) {
        const x = coords[2 * j] as number
        const y = coords[2 * j + 1] as number
        if (x < minX || x > maxX || y < minY || y > maxY) continue
        const dx = (unit[3 * j] as number) - ox
        const dy = (unit[3 * j + 1] as number) - oy
        const dz = (unit[3 * j + 2] as number) - oz
        const chord = dx * dx + dy * dy + dz * dz
        if (chord > outside) continue
        const i = ids[j] as number
        if (chord > inside && distanceM(origin, this.#lonLat(i)) > radiusM) continue
        if (filter !== undefined && !filter(item(i))) continue
        n++
        if (keep > 0) nearest.offer(chord, i)
      }
      if (leaf) continue
      const v = coords[2 * m + axis] as number
      if ((axis === 0 ? minX : minY) <= v) {
        STACK[sp++] = left
        STACK[sp++] = m - 1
        STACK[sp++] = 1 - axis
      }
      if ((axis === 0 ? maxX : maxY) >= v) {
        STACK[sp++] = m + 1
        STACK[sp++] = right
        STACK[sp++] = 1 - axis
      }
    }
    return { total: n, kept: nearest.sorted() }
  }

  /** Items inside the box, edges included, in input order. */
  withinBbox(bbox: Bbox): T[] {
    const kd = this.#kd
    if (kd === null) return []
    const [minLon, minLat, maxLon, maxLat] = bbox
    const found =
      minLon <= maxLon
        ? kd.range(minLon, minLat, maxLon, maxLat)
        : [...kd.range(minLon, minLat, 180, maxLat), ...kd.range(-180, minLat, maxLon, maxLat)]
    return found.sort((a, b) => a - b).map(this.#item)
  }

  #lonLat(i: number): LonLat {
    return [this.#coords[2 * i] as number, this.#coords[2 * i + 1] as number]
  }
}

/** A point a walk kept: its position and its squared chord to the origin. */
interface Kept {
  i: number
  chord: number
}

/**
 * The `size` smallest chords offered (a max-heap: the root is the largest kept, replaced when a
 * nearer point comes), over module buffers: a walk is synchronous and one runs at a time.
 */
class NearestChords {
  readonly #size: number
  #n = 0

  constructor(size: number) {
    this.#size = size
    if (heapChords.length < size) {
      heapChords = new Float64Array(size * 2)
      heapItems = new Int32Array(size * 2)
    }
  }

  offer(chord: number, i: number): void {
    if (this.#n < this.#size) {
      let c = this.#n++
      while (c > 0) {
        const parent = (c - 1) >> 1
        if ((heapChords[parent] as number) >= chord) break
        heapChords[c] = heapChords[parent] as number
        heapItems[c] = heapItems[parent] as number
        c = parent
      }
      heapChords[c] = chord
      heapItems[c] = i
      return
    }
    if (chord >= (heapChords[0] as number)) return
    const n = this.#n
    let c = 0
    for (;;) {
      let child = 2 * c + 1
      if (child >= n) break
      if (child + 1 < n && (heapChords[child + 1] as number) > (heapChords[child] as number)) {
        child++
      }
      if ((heapChords[child] as number) <= chord) break
      heapChords[c] = heapChords[child] as number
      heapItems[c] = heapItems[child] as number
      c = child
    }
    heapChords[c] = chord
    heapItems[c] = i
  }

  /** What is kept, nearest first. */
  sorted(): Kept[] {
    const kept: Kept[] = []
    for (let c = 0; c < this.#n; c++) {
      kept.push({ i: heapItems[c] as number, chord: heapChords[c] as number })
    }
    return kept.sort((a, b) => a.chord - b.chord)
  }
}

let heapChords = new Float64Array(64)
let heapItems = new Int32Array(64)

/**
 * Squared chords at which a point is surely within `radiusM` (≤ inside) or surely beyond it
 * (> outside) on the ellipsoid, whatever the direction; between them only the geodesic decides.
 */
function chordBand(radiusM: number): { inside: number; outside: number } {
  const gap = 1 + SPHERE_ELLIPSOID_MAX_REL_GAP
  return {
    inside: squaredChord((radiusM - SLACK_M) / gap),
    outside: squaredChord(radiusM * gap + SLACK_M),
  }
}

/** Each point solved once, for its distance and (hits need it too) its bearing. */
function solver(origin: LonLat, lonLat: (i: number) => LonLat) {
  const solved = new Map<number, { distanceM: number; bearingDeg: number }>()
  return (i: number) => {
    let s = solved.get(i)
    if (s === undefined) {
      s = distanceAndBearing(origin, lonLat(i))
      solved.set(i, s)
    }
    return s
  }
}

/** Points as PointIndex keeps them: plain buffers, so a worker thread can build and transfer them. */
export interface PointColumns {
  /** Point i's lon at 2i, lat at 2i + 1. */
  coords: Float64Array
  /**
   * The point at the kd-tree's position j (not point j) as a unit vector (x, y, z at 3j…) on
   * geokdbush's sphere, for count's chord tests: built with the kd-tree, off the event loop
   * (150,000 took it ~50 ms).
   */
  unit: Float64Array
  /** The kd-tree's data (KDBush.from reads it); null for no points. */
  kd: ArrayBuffer | null
}

export function pointColumns(lonLats: readonly LonLat[]): PointColumns {
  const coords = new Float64Array(lonLats.length * 2)
  lonLats.forEach(([lon, lat], i) => {
    coords[2 * i] = lon
    coords[2 * i + 1] = lat
  })
  return pointColumnsOf(coords)
}

/** PointColumns of interleaved lon/lat coordinates (kept, not copied). */
export function pointColumnsOf(coords: Float64Array): PointColumns {
  const n = coords.length / 2
  if (n === 0) return { coords, unit: new Float64Array(0), kd: null }
  const kd = new KDBush(n, NODE_SIZE)
  for (let i = 0; i < n; i++) kd.add(coords[2 * i] as number, coords[2 * i + 1] as number)
  kd.finish()
  const unit = new Float64Array(n * 3)
  for (let j = 0; j < n; j++) {
    const [x, y, z] = unitVector(kd.coords[2 * j] as number, kd.coords[2 * j + 1] as number)
    unit[3 * j] = x
    unit[3 * j + 1] = y
    unit[3 * j + 2] = z
  }
  return { coords, unit, kd: kd.data as ArrayBuffer }
}

/** Spherical search radius (km, geokdbush's unit) that cannot miss a point within `m` metres. */
function sphereSearchKm(m: number): number {
  const km = (m * (1 + SPHERE_ELLIPSOID_MAX_REL_GAP) + SLACK_M) / 1000
  // Half a great circle already reaches every point; beyond it geokdbush's haversine is NaN.
  return Math.min(km, (Math.PI * GEOKDBUSH_RADIUS_M) / 1000)
}

const RAD = Math.PI / 180

/**
 * [minLon, minLat, maxLon, maxLat] holding every point within `km` of `origin` on geokdbush's
 * sphere, or null when that cap reaches a pole or the antimeridian (then a box would not do).
 * A cap of angular radius r around latitude φ spans φ ± r and, in longitude, ± asin(sin r / cos φ).
 */
function capBox(origin: LonLat, km: number): [number, number, number, number] | null {
  const [lon, lat] = origin
  const r = ((km * 1000) / GEOKDBUSH_RADIUS_M) * (1 + 1e-9)
  const sinRatio = Math.sin(r) / Math.cos(lat * RAD)
  if (r >= Math.PI / 2 || sinRatio >= 1) return null
  const dLat = r / RAD
  const dLon = Math.asin(sinRatio) / RAD
  if (lat - dLat <= -90 || lat + dLat >= 90 || lon - dLon < -180 || lon + dLon > 180) return null
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat]
}

/** A point as a unit vector on geokdbush's sphere. */
function unitVector(lon: number, lat: number): [number, number, number] {
  const cosLat = Math.cos(lat * RAD)
  return [cosLat * Math.cos(lon * RAD), cosLat * Math.sin(lon * RAD), Math.sin(lat * RAD)]
}

/**
 * The squared chord between unit vectors a great-circle distance of `m` metres apart on
 * geokdbush's sphere (monotonic in m, so distances compare as chords); -1 below 0, 4 beyond
 * half a great circle. Well-conditioned at any distance, unlike the cosine of the angle.
 */
function squaredChord(m: number): number {
  if (m < 0) return -1
  const half = Math.min(m / GEOKDBUSH_RADIUS_M, Math.PI) / 2
  return 4 * Math.sin(half) ** 2
}

function compareIds(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0
}
