import type { Position } from 'geojson'
import type { AreaGeometry } from '../polygon.ts'
import { polygonsOf } from '../polygon.ts'

/** Each of a hexagon's 6 triangles is cut into SPLIT² similar ones: 54 pieces per cell. */
export const SPLIT = 3

/**
 * The county's ring edges bucketed on a lon/lat grid, so the edges near one cell are found
 * without scanning the whole outline.
 */
export class EdgeBuckets {
  readonly #edges: Float64Array
  readonly #buckets = new Map<number, number[]>()
  readonly #sizeDeg: number
  #stamp: Uint32Array
  #round = 0

  constructor(geometry: AreaGeometry, bucketDeg: number) {
    this.#sizeDeg = bucketDeg
    const flat: number[] = []
    for (const rings of polygonsOf(geometry)) {
      for (const ring of rings) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = ring[i] as Position
          const b = ring[i + 1] as Position
          flat.push(a[0] as number, a[1] as number, b[0] as number, b[1] as number)
        }
      }
    }
    this.#edges = Float64Array.from(flat)
    const n = flat.length / 4
    this.#stamp = new Uint32Array(n)
    for (let e = 0; e < n; e++) {
      const [x1, y1, x2, y2] = this.#edge(e)
      this.#forBuckets(
        Math.min(x1, x2),
        Math.min(y1, y2),
        Math.max(x1, x2),
        Math.max(y1, y2),
        (key) => {
          let list = this.#buckets.get(key)
          if (!list) this.#buckets.set(key, (list = []))
          list.push(e)
        },
      )
    }
  }

  /** Edges whose bounding box may meet the box, each once, as [x1, y1, x2, y2] quadruples. */
  near(minX: number, minY: number, maxX: number, maxY: number): number[] {
    this.#round++
    const out: number[] = []
    this.#forBuckets(minX, minY, maxX, maxY, (key) => {
      for (const e of this.#buckets.get(key) ?? []) {
        if (this.#stamp[e] === this.#round) continue
        this.#stamp[e] = this.#round
        out.push(...this.#edge(e))
      }
    })
    return out
  }

  #edge(e: number): [number, number, number, number] {
    const x = this.#edges
    return [
      x[4 * e] as number,
      x[4 * e + 1] as number,
      x[4 * e + 2] as number,
      x[4 * e + 3] as number,
    ]
  }

  #forBuckets(
    minX: number,
    minY: number,
    maxX: number,
    maxY: number,
    f: (key: number) => void,
  ): void {
    const s = this.#sizeDeg
    for (let i = Math.floor(minX / s); i <= Math.floor(maxX / s); i++) {
      for (let j = Math.floor(minY / s); j <= Math.floor(maxY / s); j++) f(i * 1_000_003 + j)
    }
  }
}

/**
 * The SPLIT² triangles of each triangle (centre, vertex k, vertex k+1) of a cell's outline that
 * lie inside the county, as [lon, lat, share of the cell's area] at their centroids. Whether a centroid is inside follows from the centre's side
 * (`centreInside`, one full point-in-polygon test) and the parity of the county edges the segment
 * from the centre to the centroid crosses: only edges near the cell can cross it.
 */
export function insidePieceCentroids(
  centre: readonly [number, number],
  hexagon: ReadonlyArray<readonly [number, number]>,
  centreInside: boolean,
  localEdges: readonly number[],
): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = []
  const [cx, cy] = centre
  let total = 0
  for (let k = 0; k < hexagon.length; k++) {
    const a = hexagon[k] as readonly [number, number]
    const b = hexagon[(k + 1) % hexagon.length] as readonly [number, number]
    total += Math.abs(orient(cx, cy, a[0], a[1], b[0], b[1]))
  }
  for (let k = 0; k < hexagon.length; k++) {
    const a = hexagon[k] as readonly [number, number]
    const b = hexagon[(k + 1) % hexagon.length] as readonly [number, number]
    const share = Math.abs(orient(cx, cy, a[0], a[1], b[0], b[1])) / total / (SPLIT * SPLIT)
    // Triangle (c, a, b) in barycentric steps of 1/SPLIT: "up" and "down" sub-triangles.
    for (let i = 0; i < SPLIT; i++) {
      for (let j = 0; j < SPLIT - i; j++) {
        addCentroid(i + 1 / 3, j + 1 / 3)
        if (i + j < SPLIT - 1) addCentroid(i + 2 / 3, j + 2 / 3)
      }
    }
    function addCentroid(u: number, v: number): void {
      const x = cx + ((a[0] - cx) * u + (b[0] - cx) * v) / SPLIT
      const y = cy + ((a[1] - cy) * u + (b[1] - cy) * v) / SPLIT
      if (crossesOddTimes(cx, cy, x, y, localEdges) !== centreInside) out.push([x, y, share])
    }
  }
  return out
}

function crossesOddTimes(
  px: number,
  py: number,
  qx: number,
  qy: number,
  edges: readonly number[],
): boolean {
  let odd = false
  for (let e = 0; e < edges.length; e += 4) {
    const ax = edges[e] as number
    const ay = edges[e + 1] as number
    const bx = edges[e + 2] as number
    const by = edges[e + 3] as number
    const d1 = orient(ax, ay, bx, by, px, py)
    const d2 = orient(ax, ay, bx, by, qx, qy)
    if (d1 > 0 === d2 > 0) continue
    const d3 = orient(px, py, qx, qy, ax, ay)
    const d4 = orient(px, py, qx, qy, bx, by)
    // Half-open at the edge's ends, so a segment through a shared vertex counts one crossing.
    if (d3 > 0 !== d4 > 0) odd = !odd
  }
  return odd
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}
