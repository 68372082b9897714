import { describe, expect, it } from 'vitest'
import { distance as sphereDistanceKm } from 'geokdbush'
import type { LonLat } from '../../../server/domain/geojson.ts'
import {
  distanceAndBearing,
  distanceM,
  GEOKDBUSH_RADIUS_M,
  initialBearingDeg,
  SPHERE_ELLIPSOID_MAX_REL_GAP,
} from '../../../server/geo/geodesic.ts'
import { randomLonLatIn, seededRandom, ZHEJIANG_BBOX } from './seeded-random.ts'

/**
 * Reference pairs from geographiclib's own suite (node_modules/geographiclib-geodesic/test/
 * geodesictest.js: `testcases`, drawn from Karney's GeodTest.dat, and the GeodSolve cases),
 * written here as [lon, lat] so a swapped argument order cannot pass (digits rounded to doubles).
 */
const KARNEY_PAIRS: Array<{
  name: string
  a: LonLat
  b: LonLat
  s12: number
  tolM: number
  azi1?: number
}> = [
  {
    name: 'GeodTest row 1',
    a: [-139.44815, 35.60777],
    b: [-69.95921, -11.17491],
    s12: 8935244.56048183,
    tolM: 1e-6,
    azi1: 111.09874842956033,
  },
  {
    name: 'GeodTest row 2',
    a: [106.05087, 55.52454],
    b: [197.18234, 77.03196],
    s12: 4105086.171392441,
    tolM: 1e-6,
    azi1: 22.0200598809828,
  },
  {
    name: 'GeodTest row 13',
    a: [-174.47484, -19.79938],
    b: [-154.35109, -11.99349],
    s12: 2319004.860116939,
    tolM: 1e-6,
    azi1: 71.16727578017154,
  },
  {
    name: 'GeodSolve0 JFK to CDG',
    a: [-73.8, 40.6],
    b: [2.55, 49.01666667],
    s12: 5853226,
    tolM: 0.5,
    azi1: 53.47022,
  },
  {
    name: 'GeodSolve4 short line',
    a: [0, 36.493349428792],
    b: [0.0000008, 36.49334942879201],
    s12: 0.072,
    tolM: 0.5e-3,
  },
  {
    name: 'GeodSolve6 nearly antipodal, near the poles',
    a: [0, 88.202499451857],
    b: [179.98102203299285, -88.202499451857],
    s12: 20003898.214,
    tolM: 0.5e-3,
  },
  {
    name: 'GeodSolve9 nearly antipodal',
    a: [0, 56.320923501171],
    b: [179.6647476717729, -56.320923501171],
    s12: 19993558.287,
    tolM: 0.5e-3,
  },
]

/** Vincenty's inverse (1975): an independent algorithm, good to ~0.1 mm away from antipodes. */
function vincentyM([lon1, lat1]: LonLat, [lon2, lat2]: LonLat): number {
  const a = 6378137
  const f = 1 / 298.257223563
  const b = a * (1 - f)
  const rad = Math.PI / 180
  const L = (lon2 - lon1) * rad
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * rad))
  const U2 = Math.atan((1 - f) * Math.tan(lat2 * rad))
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)]
  let lambda = L
  for (let i = 0; i < 200; i++) {
    const sinL = Math.sin(lambda)
    const cosL = Math.cos(lambda)
    const sinSigma = Math.hypot(cosU2 * sinL, cosU1 * sinU2 - sinU1 * cosU2 * cosL)
    if (sinSigma === 0) return 0
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosL
    const sigma = Math.atan2(sinSigma, cosSigma)
    const sinAlpha = (cosU1 * cosU2 * sinL) / sinSigma
    const cos2Alpha = 1 - sinAlpha * sinAlpha
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
    const prev = lambda
    lambda =
      L +
      (1 - C) *
        f *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)))
    if (Math.abs(lambda - prev) < 1e-13) {
      const u2 = (cos2Alpha * (a * a - b * b)) / (b * b)
      const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
      const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
      const dSigma =
        B *
        sinSigma *
        (cos2SigmaM +
          (B / 4) *
            (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
              (B / 6) *
                cos2SigmaM *
                (-3 + 4 * sinSigma * sinSigma) *
                (-3 + 4 * cos2SigmaM * cos2SigmaM)))
      return b * A * (sigma - dSigma)
    }
  }
  throw new Error('Vincenty did not converge')
}

const HANGZHOU: LonLat = [120.1551, 30.2741] // 杭州 (West Lake district)
const NINGBO: LonLat = [121.544, 29.8683] // 宁波 (Haishu)

describe('distanceM', () => {
  it.each(KARNEY_PAIRS)(
    'matches Karney reference $name (catches lat/lon swapped)',
    ({ a, b, s12, tolM }) => {
      expect(Math.abs(distanceM(a, b) - s12)).toBeLessThanOrEqual(tolM)
      expect(Math.abs(distanceM(b, a) - s12)).toBeLessThanOrEqual(tolM)
    },
  )

  it('gives the WGS-84 quarter meridian, 10 001 965.729 m, from equator to pole (not a sphere)', () => {
    expect(distanceM([120, 0], [120, 90])).toBeCloseTo(10_001_965.729, 2)
  })

  it('gives a·π/180 = 111 319.491 m for one degree along the equator (uses a, not a mean radius)', () => {
    expect(distanceM([0, 0], [1, 0])).toBeCloseTo((6_378_137 * Math.PI) / 180, 3)
  })

  it('gives the Hangzhou to Ningbo distance that Vincenty gives, ≈141.27 km', () => {
    const d = distanceM(HANGZHOU, NINGBO)
    expect(Math.abs(d - vincentyM(HANGZHOU, NINGBO))).toBeLessThan(1e-3)
    expect(d).toBeGreaterThan(141_200)
    expect(d).toBeLessThan(141_300)
  })

  it('agrees with Vincenty to 1 mm on random pairs over Zhejiang (no unit or axis slip)', () => {
    const random = seededRandom(20260706)
    for (let i = 0; i < 500; i++) {
      const a = randomLonLatIn(random, ZHEJIANG_BBOX)
      const b = randomLonLatIn(random, ZHEJIANG_BBOX)
      expect(Math.abs(distanceM(a, b) - vincentyM(a, b))).toBeLessThan(1e-3)
    }
  })

  it('is exactly 0 for a point and itself, and symmetric', () => {
    expect(distanceM(HANGZHOU, HANGZHOU)).toBe(0)
    expect(distanceM([0, 90], [120, 90])).toBe(0) // both are the North Pole
    expect(distanceM(NINGBO, HANGZHOU)).toBe(distanceM(HANGZHOU, NINGBO))
  })

  it('handles exactly antipodal points: half a meridian, 20 003 931.459 m', () => {
    expect(distanceM([0, 0], [180, 0])).toBeCloseTo(20_003_931.4586, 3)
    expect(distanceM([120, 30], [-60, -30])).toBeCloseTo(20_003_931.4586, 3)
  })

  it('measures across the antimeridian the short way', () => {
    expect(distanceM([179.5, 0], [-179.5, 0])).toBeCloseTo((6_378_137 * Math.PI) / 180, 3)
  })
})

describe('distanceAndBearing', () => {
  it('gives exactly distanceM and initialBearingDeg, from one solve', () => {
    const random = seededRandom(16)
    const pairs: Array<[LonLat, LonLat]> = [
      ...KARNEY_PAIRS.map(({ a, b }): [LonLat, LonLat] => [a, b]),
      [
        [120.15, 30.27],
        [120.15, 30.27],
      ], // coincident: bearing 0
      [
        [10, 0],
        [-170, 0],
      ], // antipodal on the equator
      ...Array.from({ length: 500 }, (): [LonLat, LonLat] => [
        randomLonLatIn(random, ZHEJIANG_BBOX),
        randomLonLatIn(random, ZHEJIANG_BBOX),
      ]),
    ]
    for (const [a, b] of pairs) {
      expect(distanceAndBearing(a, b)).toEqual({
        distanceM: distanceM(a, b),
        bearingDeg: initialBearingDeg(a, b),
      })
    }
  })
})

describe('initialBearingDeg', () => {
  const origin: LonLat = [120.15, 30.27]
  it.each([
    { to: [120.15, 30.28] as LonLat, bearingDeg: 0, name: 'due north' },
    { to: [120.15, 30.26] as LonLat, bearingDeg: 180, name: 'due south' },
  ])('is $bearingDeg for a point $name', ({ to, bearingDeg }) => {
    expect(initialBearingDeg(origin, to)).toBeCloseTo(bearingDeg, 9)
  })

  it('is ≈90 going east and ≈270 going west (just off, since a parallel is not a geodesic)', () => {
    const east = initialBearingDeg(origin, [120.16, 30.27])
    const west = initialBearingDeg(origin, [120.14, 30.27])
    // Over 0.01° at 30°N the geodesic bulges poleward by sin(30°)·0.005° ≈ 0.0025° of azimuth.
    expect(east).toBeCloseTo(90 - 0.0025, 4)
    expect(west).toBeCloseTo(270 + 0.0025, 4)
  })

  it('is exactly 90 and 270 along the equator', () => {
    expect(initialBearingDeg([10, 0], [11, 0])).toBe(90)
    expect(initialBearingDeg([10, 0], [9, 0])).toBe(270)
  })

  it('stays in [0, 360), never negative, for random directions', () => {
    const random = seededRandom(7)
    for (let i = 0; i < 500; i++) {
      const b = initialBearingDeg(origin, randomLonLatIn(random, ZHEJIANG_BBOX))
      expect(b).toBeGreaterThanOrEqual(0)
      expect(b).toBeLessThan(360)
    }
  })

  it('matches Karney reference azimuths (catches a swap of from and to)', () => {
    for (const { a, b, azi1 } of KARNEY_PAIRS) {
      if (azi1 === undefined) continue
      expect(initialBearingDeg(a, b)).toBeCloseTo(azi1, 4)
    }
  })

  it('is 0 for coincident points rather than an arbitrary direction', () => {
    expect(initialBearingDeg(origin, origin)).toBe(0)
  })
})

describe('SPHERE_ELLIPSOID_MAX_REL_GAP', () => {
  const g = SPHERE_ELLIPSOID_MAX_REL_GAP
  const sphereM = (a: LonLat, b: LonLat) => sphereDistanceKm(a[0], a[1], b[0], b[1]) * 1000

  it('bounds the sphere/ellipsoid ratio both ways for random pairs worldwide', () => {
    const random = seededRandom(42)
    for (let i = 0; i < 5000; i++) {
      const a: LonLat = [random() * 360 - 180, random() * 180 - 90]
      // Mix long and very short pairs: the ratio's extremes are reached by short steps.
      const span = i % 2 === 0 ? 180 : 0.01
      const b: LonLat = [
        a[0] + (random() - 0.5) * span,
        Math.max(-90, Math.min(90, a[1] + (random() - 0.5) * span)),
      ]
      const dE = distanceM(a, b)
      const dS = sphereM(a, b)
      expect(dS).toBeLessThanOrEqual((1 + g) * dE + 1e-6)
      expect(dE).toBeLessThanOrEqual((1 + g) * dS + 1e-6)
    }
  })

  it('is nearly tight: a short north-south step at the equator reaches it (so it is not loose)', () => {
    const a: LonLat = [120, -0.0005]
    const b: LonLat = [120, 0.0005]
    const ratio = sphereM(a, b) / distanceM(a, b)
    expect(ratio).toBeLessThanOrEqual(1 + g)
    expect(ratio).toBeGreaterThan(1 + g - 1e-6)
  })

  it('is computed for the radius geokdbush really uses (6371 km)', () => {
    // One radian of great circle on geokdbush's sphere.
    expect(sphereM([0, 0], [180 / Math.PI, 0])).toBeCloseTo(GEOKDBUSH_RADIUS_M, 3)
  })
})
