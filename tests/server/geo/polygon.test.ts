import { describe, expect, test } from 'vitest'
import * as turf from '@turf/turf'
import type { MultiPolygon, Polygon, Position } from 'geojson'
import { geodesicAreaKm2, geometryBBox, pointInGeometry } from '../../../server/geo/polygon.ts'

// WGS-84
const A_M = 6378137
const F = 1 / 298.257223563
const E2 = F * (2 - F)
const E = Math.sqrt(E2)
const DEG = Math.PI / 180

/** Exact area of the cell between two parallels and two meridians on the ellipsoid, km². */
function cellAreaKm2(lon0: number, lat0: number, lon1: number, lat1: number): number {
  const q = (latDeg: number) => {
    const s = Math.sin(latDeg * DEG)
    return s / (1 - E2 * s * s) + Math.log((1 + E * s) / (1 - E * s)) / (2 * E)
  }
  const b2 = A_M * A_M * (1 - E2)
  return ((((lon1 - lon0) * DEG * b2) / 2) * (q(lat1) - q(lat0))) / 1e6
}

/**
 * The cell as a ring whose edges along parallels are split every 0.001°, so the geodesic
 * edges hug the parallels (bulge area shrinks with the square of the step).
 */
function cellRing(lon0: number, lat0: number, lon1: number, lat1: number, ccw = true): Position[] {
  const steps = Math.round((lon1 - lon0) / 0.001)
  const ring: Position[] = []
  for (let i = 0; i <= steps; i++) ring.push([lon0 + ((lon1 - lon0) * i) / steps, lat0])
  for (let i = steps; i >= 0; i--) ring.push([lon0 + ((lon1 - lon0) * i) / steps, lat1])
  ring.push([lon0, lat0])
  return ccw ? ring : ring.reverse()
}

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
]

describe('geodesicAreaKm2', () => {
  test('a 1°×1° cell at the equator is 12 308.46 km² on WGS-84', () => {
    const area = geodesicAreaKm2({ type: 'Polygon', coordinates: [cellRing(0, 0, 1, 1)] })
    expect(cellAreaKm2(0, 0, 1, 1)).toBeCloseTo(12308.46, 1)
    expect(area).toBeCloseTo(cellAreaKm2(0, 0, 1, 1), 3)
  })

  test('a 1°×1° cell in Zhejiang matches the closed form to 1e-3 km²', () => {
    const area = geodesicAreaKm2({ type: 'Polygon', coordinates: [cellRing(120, 29, 121, 30)] })
    expect(area).toBeCloseTo(cellAreaKm2(120, 29, 121, 30), 3)
  })

  test('with a 4-vertex ring, the geodesic top edge bulges poleward of the parallel', () => {
    const coarse = geodesicAreaKm2({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] })
    const exact = cellAreaKm2(0, 0, 1, 1)
    // The geodesic from (0°, 1°N) to (1°E, 1°N) peaks ≈ 4.2 m north of the parallel:
    // ≈ ⅔ × 4.2 m × 111 km ≈ 0.31 km² more than the cell (12 308.78 vs 12 308.46 km²).
    expect(coarse).toBeCloseTo(12308.78, 1)
    expect(coarse - exact).toBeGreaterThan(0.25)
    expect(coarse - exact).toBeLessThan(0.4)
  })

  test('does not depend on ring winding', () => {
    const ccw = geodesicAreaKm2({ type: 'Polygon', coordinates: [cellRing(120, 29, 121, 30)] })
    const cw = geodesicAreaKm2({
      type: 'Polygon',
      coordinates: [cellRing(120, 29, 121, 30, false)],
    })
    expect(cw).toBeCloseTo(ccw, 6)
  })

  test('subtracts holes', () => {
    const polygon: Polygon = {
      type: 'Polygon',
      coordinates: [cellRing(120, 29, 122, 31), cellRing(120.5, 29.5, 121.5, 30.5, false)],
    }
    const expected = cellAreaKm2(120, 29, 122, 31) - cellAreaKm2(120.5, 29.5, 121.5, 30.5)
    expect(geodesicAreaKm2(polygon)).toBeCloseTo(expected, 3)
  })

  test('sums the parts of a MultiPolygon', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[cellRing(120, 29, 121, 30)], [cellRing(122, 30, 122.5, 30.5)]],
    }
    const expected = cellAreaKm2(120, 29, 121, 30) + cellAreaKm2(122, 30, 122.5, 30.5)
    expect(geodesicAreaKm2(multi)).toBeCloseTo(expected, 3)
  })

  test('agrees with turf.area (a sphere) within its 0.5 % spherical error', () => {
    for (const [lon0, lat0, lon1, lat1] of [
      [0, 0, 1, 1],
      [120, 29, 121, 30],
      [119.2, 27.1, 122.8, 31.2],
    ] as const) {
      const polygon: Polygon = { type: 'Polygon', coordinates: [cellRing(lon0, lat0, lon1, lat1)] }
      const sphereKm2 = turf.area(polygon) / 1e6
      const relative = Math.abs(sphereKm2 - geodesicAreaKm2(polygon)) / geodesicAreaKm2(polygon)
      expect(relative).toBeLessThan(0.005)
      expect(relative).toBeGreaterThan(0) // a sphere is not the ellipsoid: the two must differ
    }
  })
})

/** Deterministic uniform numbers in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('pointInGeometry', () => {
  // A concave star with a square hole, plus a separate island.
  const star: Position[] = []
  for (let i = 0; i <= 10; i++) {
    const r = i % 2 === 0 ? 1 : 0.4
    const t = ((i % 10) * Math.PI) / 5
    star.push([120 + r * Math.cos(t), 30 + r * Math.sin(t)])
  }
  const hole: Position[] = square(119.9, 29.9, 120.1, 30.1).reverse()
  const geometries: [string, Polygon | MultiPolygon][] = [
    ['concave polygon', { type: 'Polygon', coordinates: [star] }],
    ['polygon with a hole', { type: 'Polygon', coordinates: [star, hole] }],
    [
      'MultiPolygon',
      {
        type: 'MultiPolygon',
        coordinates: [[star, hole], [square(121.2, 30.2, 121.6, 30.9)]],
      },
    ],
  ]

  for (const [name, geometry] of geometries) {
    test(`matches turf.booleanPointInPolygon on 20 000 random points: ${name}`, () => {
      const random = mulberry32(42)
      const [x0, y0, x1, y1] = geometryBBox(geometry)
      let inside = 0
      for (let i = 0; i < 20_000; i++) {
        // Sample a margin around the bbox too, so the bbox rejection is exercised.
        const p: [number, number] = [
          x0 - 0.2 + random() * (x1 - x0 + 0.4),
          y0 - 0.2 + random() * (y1 - y0 + 0.4),
        ]
        const expected = turf.booleanPointInPolygon(p, geometry)
        expect(pointInGeometry(p, geometry)).toBe(expected)
        if (expected) inside++
      }
      expect(inside).toBeGreaterThan(1000) // the oracle is not trivially "outside"
    })
  }

  test('a point in a hole is outside, a point in the island is inside', () => {
    const [, withHole, multi] = geometries.map(([, g]) => g)
    expect(pointInGeometry([120, 30], withHole as Polygon)).toBe(false)
    expect(pointInGeometry([120.2, 30], withHole as Polygon)).toBe(true)
    expect(pointInGeometry([121.4, 30.5], multi as MultiPolygon)).toBe(true)
    expect(pointInGeometry([121.4, 30.1], multi as MultiPolygon)).toBe(false)
  })

  test('a point on an edge shared by two neighbours lands in exactly one of them', () => {
    // Neighbours sharing a slanted edge from (120.1, 29.3) to (120.7, 30.9), walked in
    // opposite directions as topological data does.
    const left: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [119, 29],
          [120.1, 29.3],
          [120.7, 30.9],
          [119, 31],
          [119, 29],
        ],
      ],
    }
    const right: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [120.1, 29.3],
          [122, 29],
          [122, 31],
          [120.7, 30.9],
          [120.1, 29.3],
        ],
      ],
    }
    const random = mulberry32(7)
    for (let i = 0; i < 5000; i++) {
      const t = random()
      const p: [number, number] = [120.1 + t * 0.6, 29.3 + t * 1.6]
      const count = Number(pointInGeometry(p, left)) + Number(pointInGeometry(p, right))
      expect(count).toBe(1)
    }
  })

  test('accepts rings without a closing vertex', () => {
    const open: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 1, 1).slice(0, 4)] }
    expect(pointInGeometry([0.5, 0.5], open)).toBe(true)
    expect(pointInGeometry([1.5, 0.5], open)).toBe(false)
    expect(geodesicAreaKm2(open)).toBeCloseTo(
      geodesicAreaKm2({
        type: 'Polygon',
        coordinates: [square(0, 0, 1, 1)],
      }),
      9,
    )
  })
})
