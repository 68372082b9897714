import gcoord from 'gcoord'
import { describe, expect, it } from 'vitest'
import type { LonLat } from '../../../server/domain/geojson.ts'
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  toWgs84,
  wgs84ToBd09,
  wgs84ToGcj02,
} from '../../../server/geo/crs.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'

/** Largest coordinate difference, in degrees. */
const gapDeg = (a: LonLat, b: LonLat) => Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]))

/** A 0.05° grid over Zhejiang's bounding box (lon 118.0–123.0, lat 27.0–31.2): 101 × 85 points. */
const ZHEJIANG_GRID: LonLat[] = []
for (let i = 0; i <= 100; i++) {
  for (let j = 0; j <= 84; j++) ZHEJIANG_GRID.push([118 + i * 0.05, 27 + j * 0.05])
}

// 1e-7° is about 1 cm; the iterative inverses should do far better than that.
const ROUND_TRIP_DEG = 1e-7

/**
 * The published GCJ-02 and BD-09 forward formulas, written out here from the formulas
 * themselves (Krasovsky ellipsoid a = 6378245 m, e² = 0.00669342162296594323, as published; Baidu's
 * x_pi = 3000π/180 polar perturbation), so that crs.ts is checked against code that shares
 * nothing with it. Valid inside China, which all of Zhejiang is.
 */
const independent = {
  wgs84ToGcj02([lon, lat]: LonLat): LonLat {
    const A = 6378245.0
    const EE = 0.006693421622965943
    const { PI, sin, sqrt, abs, cos } = Math
    const x = lon - 105
    const y = lat - 35
    const wave = ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3
    let dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
    dLat += wave + ((20 * sin(y * PI) + 40 * sin((y / 3) * PI)) * 2) / 3
    dLat += ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3
    let dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
    dLon += wave + ((20 * sin(x * PI) + 40 * sin((x / 3) * PI)) * 2) / 3
    dLon += ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3
    const radLat = (lat / 180) * PI
    const magic = 1 - EE * sin(radLat) ** 2
    const sqrtMagic = sqrt(magic)
    dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * PI)
    dLon = (dLon * 180) / ((A / sqrtMagic) * cos(radLat) * PI)
    return [lon + dLon, lat + dLat]
  },
  gcj02ToBd09([lon, lat]: LonLat): LonLat {
    const X_PI = (Math.PI * 3000) / 180
    const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI)
    const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI)
    return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006]
  },
}

/** The largest difference between f(p) and g(p) over the grid, degrees. */
const worstDeg = (f: (p: LonLat) => LonLat, g: (p: LonLat) => LonLat) =>
  Math.max(...ZHEJIANG_GRID.map((p) => gapDeg(f(p), g(p))))

describe('crs against an independent implementation, over a 0.05° grid covering Zhejiang', () => {
  it('maps WGS-84 to GCJ-02 and GCJ-02 to BD-09 as the published formulas do (< 1e-9°, 0.1 mm)', () => {
    const wgsToBd = (p: LonLat) => independent.gcj02ToBd09(independent.wgs84ToGcj02(p))
    expect(worstDeg(wgs84ToGcj02, independent.wgs84ToGcj02)).toBeLessThan(1e-9)
    expect(worstDeg(gcj02ToBd09, independent.gcj02ToBd09)).toBeLessThan(1e-9)
    expect(worstDeg(wgs84ToBd09, wgsToBd)).toBeLessThan(1e-9)
  })

  it.each([
    ['GCJ-02 → WGS-84', gcj02ToWgs84, independent.wgs84ToGcj02],
    ['BD-09 → GCJ-02', bd09ToGcj02, independent.gcj02ToBd09],
    [
      'BD-09 → WGS-84',
      bd09ToWgs84,
      (p: LonLat) => independent.gcj02ToBd09(independent.wgs84ToGcj02(p)),
    ],
  ])('inverts %s: the independent forward lands within 1 geodesic mm', (_, inverse, forward) => {
    // Sub-metre is the requirement; the published one-step inverses miss by up to ~2 m.
    const worstM = Math.max(...ZHEJIANG_GRID.map((p) => distanceM(forward(inverse(p)), p)))
    expect(worstM).toBeLessThan(1e-3)
  })

  it.each([
    ['WGS-84 → GCJ-02 → WGS-84', (p: LonLat) => gcj02ToWgs84(wgs84ToGcj02(p))],
    ['GCJ-02 → WGS-84 → GCJ-02', (p: LonLat) => wgs84ToGcj02(gcj02ToWgs84(p))],
    ['GCJ-02 → BD-09 → GCJ-02', (p: LonLat) => bd09ToGcj02(gcj02ToBd09(p))],
    ['BD-09 → GCJ-02 → BD-09', (p: LonLat) => gcj02ToBd09(bd09ToGcj02(p))],
    ['WGS-84 → BD-09 → WGS-84', (p: LonLat) => bd09ToWgs84(wgs84ToBd09(p))],
    ['BD-09 → WGS-84 → BD-09', (p: LonLat) => wgs84ToBd09(bd09ToWgs84(p))],
  ])(
    '%s returns to the start within 1e-7° (an approximate inverse is off by metres)',
    (_, trip) => {
      expect(worstDeg(trip, (p) => p)).toBeLessThan(ROUND_TRIP_DEG)
    },
  )

  it('moves points by the expected few hundred metres, so the round trips are not trivially identity', () => {
    for (const p of ZHEJIANG_GRID.filter((_, i) => i % 97 === 0)) {
      const gcjShiftM = distanceM(p, wgs84ToGcj02(p))
      const bdShiftM = distanceM(p, wgs84ToBd09(p))
      expect(gcjShiftM).toBeGreaterThan(100)
      expect(gcjShiftM).toBeLessThan(1000)
      expect(bdShiftM).toBeGreaterThan(gcjShiftM)
      expect(bdShiftM).toBeLessThan(2000)
    }
  })
})

describe('crs forward transforms match published reference points', () => {
  // googollee/eviltransform go/transform_test.go `tests` ({wgsLat, wgsLng, gcjLat, gcjLng}),
  // the vectors shared by its Go, Python, C#, PHP and Ruby ports.
  it.each([
    {
      name: 'Shanghai',
      wgs: [121.5272106, 31.1774276] as LonLat,
      gcj: [121.531541859215, 31.17530398364597] as LonLat,
    },
    {
      name: 'Shenzhen',
      wgs: [113.912316, 22.543847] as LonLat,
      gcj: [113.9171764808363, 22.540796131694766] as LonLat,
    },
    {
      name: 'Beijing',
      wgs: [116.377817, 39.911954] as LonLat,
      gcj: [116.38404722455657, 39.91334545536069] as LonLat,
    },
  ])('WGS-84 → GCJ-02 for $name (eviltransform test vector)', ({ wgs, gcj }) => {
    expect(gapDeg(wgs84ToGcj02(wgs), gcj)).toBeLessThan(1e-12)
    expect(gapDeg(gcj02ToWgs84(gcj), wgs)).toBeLessThan(1e-9)
  })

  // The 天安门 example of wandergis/coordtransform's README (input 116.404, 39.915):
  //   wgs84togcj02 → [116.41024449916938, 39.91640428150164]
  //   gcj02tobd09  → [116.41036949371029, 39.92133699351021]
  //   gcj02towgs84 → [116.39775550083061, 39.91359571849836]  (its one-step approximate inverse)
  //   bd09togcj02  → [116.39762729119315, 39.90865673957631]  (its closed-form approximate inverse)
  const TIANANMEN: LonLat = [116.404, 39.915]

  it('WGS-84 → GCJ-02 at 天安门 matches coordtransform', () => {
    expect(gapDeg(wgs84ToGcj02(TIANANMEN), [116.41024449916938, 39.91640428150164])).toBeLessThan(
      1e-12,
    )
  })

  it('GCJ-02 → BD-09 at 天安门 matches coordtransform', () => {
    expect(gapDeg(gcj02ToBd09(TIANANMEN), [116.41036949371029, 39.92133699351021])).toBeLessThan(
      1e-12,
    )
  })

  it('inverts exactly where the published approximate inverses are off by centimetres to metres', () => {
    const approxWgs: LonLat = [116.39775550083061, 39.91359571849836]
    const approxGcj: LonLat = [116.39762729119315, 39.90865673957631]
    const wgs = gcj02ToWgs84(TIANANMEN)
    const gcj = bd09ToGcj02(TIANANMEN)
    // Close to the published answers...
    expect(distanceM(wgs, approxWgs)).toBeLessThan(2)
    expect(distanceM(gcj, approxGcj)).toBeLessThan(0.5)
    // ...but ours map forward onto the input, and the approximations do not.
    expect(gapDeg(wgs84ToGcj02(wgs), TIANANMEN)).toBeLessThan(1e-10)
    expect(gapDeg(gcj02ToBd09(gcj), TIANANMEN)).toBeLessThan(1e-10)
    expect(gapDeg(wgs84ToGcj02(approxWgs), TIANANMEN)).toBeGreaterThan(1e-7)
    expect(gapDeg(gcj02ToBd09(approxGcj), TIANANMEN)).toBeGreaterThan(1e-7)
  })
})

describe('crs against gcoord, the library whose formulas it writes out', () => {
  const abroad: LonLat[] = [
    [-74.006, 40.7128],
    [139.6917, 35.6895],
    [72.004, 0.8293],
    [137.8348, 30],
  ]
  it("gives exactly gcoord's forward answers, in Zhejiang and beyond its China box", () => {
    for (const p of [...ZHEJIANG_GRID, ...abroad]) {
      expect(wgs84ToGcj02(p)).toEqual(gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02))
      expect(gcj02ToBd09(p)).toEqual(gcoord.transform(p, gcoord.GCJ02, gcoord.BD09))
      expect(wgs84ToBd09(p)).toEqual(gcoord.transform(p, gcoord.WGS84, gcoord.BD09))
    }
  })
})

describe('crs outside China', () => {
  // gcoord applies GCJ-02 only inside its rough China box (lon 72.004–137.8347, lat 0.8293–55.8271).
  const abroad: Array<[string, LonLat]> = [
    ['New York', [-74.006, 40.7128]],
    ['London', [-0.1276, 51.5072]],
    ['Tokyo', [139.6917, 35.6895]],
    ['Sydney', [151.2093, -33.8688]],
    ['Moscow', [37.6173, 55.7558]],
  ]

  it.each(abroad)('WGS-84 ↔ GCJ-02 is the identity in %s', (_, p) => {
    expect(wgs84ToGcj02(p)).toEqual(p)
    expect(gcj02ToWgs84(p)).toEqual(p)
    expect(toWgs84(p, 'gcj02')).toEqual(p)
  })

  it('still round-trips BD-09 abroad (gcoord applies the Baidu offset everywhere)', () => {
    for (const [, p] of abroad) {
      expect(gapDeg(bd09ToWgs84(wgs84ToBd09(p)), p)).toBeLessThan(ROUND_TRIP_DEG)
    }
  })
})

describe('toWgs84', () => {
  it('dispatches on the source system name', () => {
    const wgs: LonLat = [120.15, 30.27]
    expect(toWgs84(wgs, 'wgs84')).toEqual(wgs)
    expect(gapDeg(toWgs84(wgs84ToGcj02(wgs), 'gcj02'), wgs)).toBeLessThan(ROUND_TRIP_DEG)
    expect(gapDeg(toWgs84(wgs84ToBd09(wgs), 'bd09'), wgs)).toBeLessThan(ROUND_TRIP_DEG)
  })
})
