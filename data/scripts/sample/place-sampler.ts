import type { Random } from './random.ts'

/** A county outline as GeoJSON gives it, [lon, lat] in degrees. */
export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon'
  coordinates: readonly unknown[]
}

type Position = readonly number[]
type Rings = readonly (readonly Position[])[]

/** One polygon (outer ring plus holes) with its edges bucketed into horizontal bands. */
interface Part {
  minLon: number
  minLat: number
  maxLon: number
  maxLat: number
  /** Edge i runs from (x1[i], y1[i]) to (x2[i], y2[i]). */
  x1: Float64Array
  y1: Float64Array
  x2: Float64Array
  y2: Float64Array
  bandLat: number
  /** Edges of band b are bandEdges[bandStart[b] .. bandStart[b + 1]). */
  bandStart: Int32Array
  bandEdges: Int32Array
  /** Planar area in degrees² scaled by cos(lat): enough to weight parts against each other. */
  weight: number
}

/** A county outline prepared for fast point-in-polygon tests and sampling. */
export interface PlaceSampler {
  readonly bbox: readonly [number, number, number, number]
  contains(lon: number, lat: number): boolean
  /** Uniform over the area (parts weighted by area, then rejection inside the part's bbox). */
  uniform(rng: Random): [number, number]
  /**
   * Gaussian scatter of sdKm around a centre, keeping only points inside; after maxTries
   * misses it falls back to a uniform point so that centres on the coast cannot stall.
   */
  near(rng: Random, lon: number, lat: number, sdKm: number, maxTries?: number): [number, number]
}

const KM_PER_DEG_LAT = 111.32
/** Points are rounded to 1e-6° (about 0.1 m), then tested again, so rounding cannot leak. */
const ROUND = 1e6

export function createPlaceSampler(geometry: AreaGeometry): PlaceSampler {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Rings]
      : (geometry.coordinates as readonly Rings[])
  const parts = polygons.map(preparePart).filter((p) => p.weight > 0)
  if (parts.length === 0) throw new Error('geometry has no area')
  const cumulative: number[] = []
  let total = 0
  for (const p of parts) cumulative.push((total += p.weight))
  const bbox = [
    Math.min(...parts.map((p) => p.minLon)),
    Math.min(...parts.map((p) => p.minLat)),
    Math.max(...parts.map((p) => p.maxLon)),
    Math.max(...parts.map((p) => p.maxLat)),
  ] as const

  const contains = (lon: number, lat: number) => {
    for (const p of parts) if (partContains(p, lon, lat)) return true
    return false
  }
  const rounded = (lon: number, lat: number): [number, number] | null => {
    const rLon = Math.round(lon * ROUND) / ROUND
    const rLat = Math.round(lat * ROUND) / ROUND
    return contains(rLon, rLat) ? [rLon, rLat] : null
  }
  const uniform = (rng: Random): [number, number] => {
    const r = rng.next() * total
    let i = 0
    while (i < cumulative.length - 1 && (cumulative[i] as number) <= r) i++
    const p = parts[i] as Part
    // Retry within the chosen part: re-choosing the part after a miss would favour parts
    // that fill more of their bbox.
    for (;;) {
      const lon = rng.uniform(p.minLon, p.maxLon)
      const lat = rng.uniform(p.minLat, p.maxLat)
      if (!partContains(p, lon, lat)) continue
      const point = rounded(lon, lat)
      if (point) return point
    }
  }
  const near = (rng: Random, lon: number, lat: number, sdKm: number, maxTries = 30) => {
    const sdLat = sdKm / KM_PER_DEG_LAT
    const sdLon = sdLat / Math.cos((lat * Math.PI) / 180)
    for (let t = 0; t < maxTries; t++) {
      const point = rounded(rng.normal(lon, sdLon), rng.normal(lat, sdLat))
      if (point) return point
    }
    return uniform(rng)
  }
  return { bbox, contains, uniform, near }
}

function partContains(p: Part, lon: number, lat: number): boolean {
  if (lon < p.minLon || lon > p.maxLon || lat < p.minLat || lat > p.maxLat) return false
  const band = Math.min(p.bandStart.length - 2, Math.floor((lat - p.minLat) / p.bandLat))
  let inside = false
  // Even–odd ray cast towards +lon over this band's edges only: an edge outside the band
  // cannot straddle the point's latitude, so the answer equals a full ray cast.
  for (let k = p.bandStart[band] as number; k < (p.bandStart[band + 1] as number); k++) {
    const e = p.bandEdges[k] as number
    const ya = p.y1[e] as number
    const yb = p.y2[e] as number
    if (ya > lat !== yb > lat) {
      const xa = p.x1[e] as number
      const xb = p.x2[e] as number
      // Interpolate from the lower end, as server/geo/polygon.ts does, so both agree bit for
      // bit even on an edge.
      const crossing =
        ya < yb
          ? xa + ((lat - ya) * (xb - xa)) / (yb - ya)
          : xb + ((lat - yb) * (xa - xb)) / (ya - yb)
      if (lon < crossing) inside = !inside
    }
  }
  return inside
}

function preparePart(openOrClosed: Rings): Part {
  // GeoJSON rings repeat their first vertex; close any that do not.
  const rings = openOrClosed.map((ring) => {
    const first = ring[0]
    const last = ring[ring.length - 1]
    const closed = first && last && first[0] === last[0] && first[1] === last[1]
    return closed || !first ? ring : [...ring, first]
  })
  let n = 0
  for (const ring of rings) n += Math.max(0, ring.length - 1)
  const x1 = new Float64Array(n)
  const y1 = new Float64Array(n)
  const x2 = new Float64Array(n)
  const y2 = new Float64Array(n)
  let minLon = Infinity
  let minLat = Infinity
  let maxLon = -Infinity
  let maxLat = -Infinity
  let signedArea = 0
  let e = 0
  rings.forEach((ring, r) => {
    let ringArea = 0
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as Position
      const b = ring[i + 1] as Position
      const [ax, ay, bx, by] = [a[0] as number, a[1] as number, b[0] as number, b[1] as number]
      x1[e] = ax
      y1[e] = ay
      x2[e] = bx
      y2[e] = by
      e++
      ringArea += ax * by - bx * ay
      if (r === 0) {
        minLon = Math.min(minLon, ax)
        maxLon = Math.max(maxLon, ax)
        minLat = Math.min(minLat, ay)
        maxLat = Math.max(maxLat, ay)
      }
    }
    // Outer ring adds, holes subtract, whatever their winding.
    signedArea += (r === 0 ? 1 : -1) * Math.abs(ringArea / 2)
  })
  const bands = Math.max(1, Math.min(4096, n >> 1))
  const bandLat = (maxLat - minLat) / bands || 1
  const bandOf = (lat: number) =>
    Math.max(0, Math.min(bands - 1, Math.floor((lat - minLat) / bandLat)))
  const counts = new Int32Array(bands + 1)
  for (let i = 0; i < n; i++) {
    const lo = bandOf(Math.min(y1[i] as number, y2[i] as number))
    const hi = bandOf(Math.max(y1[i] as number, y2[i] as number))
    for (let b = lo; b <= hi; b++) counts[b + 1]!++
  }
  for (let b = 0; b < bands; b++) counts[b + 1]! += counts[b] as number
  const bandStart = counts.slice()
  const fill = counts.slice(0, bands)
  const bandEdges = new Int32Array(bandStart[bands] as number)
  for (let i = 0; i < n; i++) {
    const lo = bandOf(Math.min(y1[i] as number, y2[i] as number))
    const hi = bandOf(Math.max(y1[i] as number, y2[i] as number))
    for (let b = lo; b <= hi; b++) bandEdges[fill[b]!++] = i
  }
  const cosLat = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180)
  return {
    minLon,
    minLat,
    maxLon,
    maxLat,
    x1,
    y1,
    x2,
    y2,
    bandLat,
    bandStart,
    bandEdges,
    weight: Math.max(0, signedArea * cosLat),
  }
}
