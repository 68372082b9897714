import type { CountyFacts, CountyFeature } from '../domain/county.ts'
import type { LonLat } from '../domain/geojson.ts'
import {
  geometryBBox,
  pointInGeometry,
  polygonsOf,
  type AreaGeometry,
  type BBox,
} from '../geo/polygon.ts'

export interface CountyLocator {
  /** The county a WGS-84 point lies in, or null outside every county. */
  countyAt(lonLat: LonLat): CountyFacts | null
  /**
   * The county a register names: a 6-digit adcode, or a name with or without its city and
   * suffix (杭州市上城区, 上城区, 上城); null when it names none of ours.
   */
  countyNamed(text: string): CountyFacts | null
}

interface Entry {
  facts: CountyFacts
  geometry: AreaGeometry
  bbox: BBox
}

/** Grid cell size, degrees (about 1 km). */
const CELL_DEG = 0.01

/**
 * Point-in-county for many points. A grid over the counties marks every cell a boundary edge
 * passes through; any other cell lies wholly in one county (or none), so its answer is its
 * centre's, found once. In boundary cells: a bounding-box test, then the polygon, trying the
 * county that answered last first (registers list a county's stations together).
 */
export function createCountyLocator(counties: readonly CountyFeature[]): CountyLocator {
  const entries: Entry[] = counties.map((c) => {
    const geometry = c.geometry as AreaGeometry
    return { facts: c.properties, geometry, bbox: geometryBBox(geometry) }
  })
  let last: Entry | undefined
  const contains = (e: Entry, [x, y]: LonLat) =>
    x >= e.bbox[0] &&
    x <= e.bbox[2] &&
    y >= e.bbox[1] &&
    y <= e.bbox[3] &&
    pointInGeometry([x, y], e.geometry)
  const search = (lonLat: LonLat): Entry | null => {
    if (last && contains(last, lonLat)) return last
    for (const e of entries) {
      if (e !== last && contains(e, lonLat)) return (last = e)
    }
    return null
  }
  const grid = boundaryGrid(entries)
  /** Per cell with no edge in it: its county, null for none; absent until first asked. */
  const interior = new Map<number, Entry | null>()

  const byAdcode = new Map(entries.map((e) => [e.facts.adcode, e.facts]))
  // Longest names first, so 景宁畲族自治县 is not read as a shorter name inside it.
  const byName = [...entries].sort((a, b) => b.facts.name.length - a.facts.name.length)
  const named = new Map<string, CountyFacts | null>()

  return {
    countyAt(lonLat) {
      const cell = grid.cellOf(lonLat)
      if (cell < 0) return null
      if (grid.boundary[cell]) return search(lonLat)?.facts ?? null
      let entry = interior.get(cell)
      if (entry === undefined) interior.set(cell, (entry = search(grid.centreOf(cell))))
      return entry?.facts ?? null
    },
    countyNamed(text) {
      const t = text.normalize('NFKC').replace(/\s/g, '')
      if (named.has(t)) return named.get(t)!
      let found: CountyFacts | null = null
      if (/^\d{6}$/.test(t)) found = byAdcode.get(t) ?? null
      else {
        const candidates = byName.filter(
          ({ facts }) => t.includes(facts.name) || t === shortName(facts.name),
        )
        found =
          (candidates.find(({ facts }) => t.includes(facts.city)) ?? candidates[0])?.facts ?? null
      }
      named.set(t, found)
      return found
    },
  }
}

/** 上城区 → 上城, 景宁畲族自治县 → 景宁; a one-character stem keeps its suffix (e.g. 县 names). */
function shortName(name: string): string {
  const stem = name.replace(/(畲族自治县|自治县|区|县|市)$/, '')
  return stem.length >= 2 ? stem : name
}

interface BoundaryGrid {
  /** 1 where a county's edge passes through the cell. */
  boundary: Uint8Array
  /** The cell holding a point, or -1 outside the grid (and so outside every county). */
  cellOf(lonLat: LonLat): number
  centreOf(cell: number): LonLat
}

/**
 * Marks the cells each edge's bounding box covers: a superset of the cells the edge crosses,
 * because cell indices grow with the coordinates (floor of a monotone expression).
 */
function boundaryGrid(entries: readonly Entry[]): BoundaryGrid {
  const [w, s] = [
    Math.min(...entries.map((e) => e.bbox[0])),
    Math.min(...entries.map((e) => e.bbox[1])),
  ]
  const [e, n] = [
    Math.max(...entries.map((x) => x.bbox[2])),
    Math.max(...entries.map((x) => x.bbox[3])),
  ]
  const cols = Math.floor((e - w) / CELL_DEG) + 1
  const rows = Math.floor((n - s) / CELL_DEG) + 1
  const col = (x: number) => Math.floor((x - w) / CELL_DEG)
  const row = (y: number) => Math.floor((y - s) / CELL_DEG)
  const boundary = new Uint8Array(cols * rows)
  for (const entry of entries) {
    for (const polygon of polygonsOf(entry.geometry)) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [ax, ay] = ring[i] as LonLat
          const [bx, by] = ring[i + 1] as LonLat
          for (let r = row(Math.min(ay, by)); r <= row(Math.max(ay, by)); r++) {
            for (let c = col(Math.min(ax, bx)); c <= col(Math.max(ax, bx)); c++)
              boundary[r * cols + c] = 1
          }
        }
      }
    }
  }
  return {
    boundary,
    cellOf([x, y]) {
      const [c, r] = [col(x), row(y)]
      return c >= 0 && c < cols && r >= 0 && r < rows ? r * cols + c : -1
    },
    centreOf(cell) {
      const [r, c] = [Math.floor(cell / cols), cell % cols]
      return [w + (c + 0.5) * CELL_DEG, s + (r + 0.5) * CELL_DEG]
    },
  }
}
