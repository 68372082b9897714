import type { LonLat } from '../domain/geojson.ts'
import type { CrsName } from '../domain/crs.ts'

/**
 * Chinese web-map coordinate systems. We store WGS-84; GCJ-02 (Amap, Tencent) and
 * BD-09 (Baidu) appear only at the edges: on import and in navigation links.
 *
 * The forward transforms are the published formulas, as gcoord writes them (the tests hold
 * them to gcoord's answers): written out here because gcoord's entry point checks and
 * formats its input on every call, which an import of 150,000 rows pays a million times.
 * The published inverses are approximations (errors of 1–2 m), so each inverse here solves
 * forward(x) = target by fixed-point iteration, which converges to well under a millimetre
 * in a few steps.
 */

const TOLERANCE_DEG = 1e-10 // ≈ 0.01 mm
const MAX_ITERATIONS = 30

/** The Krasovsky 1940 ellipsoid GCJ-02 is defined on. */
const KRASOVSKY_A = 6378245
const KRASOVSKY_EE = 0.006693421622965823
const BAIDU_FACTOR = (Math.PI * 3000) / 180
const { sin, cos, sqrt, abs, atan2, PI } = Math

/** GCJ-02 applies only inside this rough box around China (gcoord's); elsewhere it is WGS-84. */
function inChinaBox(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271
}

function shiftLat(x: number, y: number): number {
  let ret = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
  ret += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3
  ret += ((20 * sin(y * PI) + 40 * sin((y / 3) * PI)) * 2) / 3
  ret += ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3
  return ret
}

function shiftLon(x: number, y: number): number {
  let ret = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
  ret += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3
  ret += ((20 * sin(x * PI) + 40 * sin((x / 3) * PI)) * 2) / 3
  ret += ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3
  return ret
}

export function wgs84ToGcj02([lon, lat]: LonLat): LonLat {
  if (!inChinaBox(lon, lat)) return [lon, lat]
  const radLat = (lat / 180) * PI
  const magic = 1 - KRASOVSKY_EE * sin(radLat) * sin(radLat)
  const sqrtMagic = sqrt(magic)
  const dLon =
    (shiftLon(lon - 105, lat - 35) * 180) / ((KRASOVSKY_A / sqrtMagic) * cos(radLat) * PI)
  const dLat =
    (shiftLat(lon - 105, lat - 35) * 180) /
    (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * PI)
  return [lon + dLon, lat + dLat]
}

export function gcj02ToBd09([lon, lat]: LonLat): LonLat {
  const z = sqrt(lon * lon + lat * lat) + 0.00002 * sin(lat * BAIDU_FACTOR)
  const theta = atan2(lat, lon) + 0.000003 * cos(lon * BAIDU_FACTOR)
  return [z * cos(theta) + 0.0065, z * sin(theta) + 0.006]
}

export function wgs84ToBd09(p: LonLat): LonLat {
  return gcj02ToBd09(wgs84ToGcj02(p))
}

/** Solve forward(x) = target for x, starting from x = target. */
function invert(forward: (p: LonLat) => LonLat, target: LonLat): LonLat {
  let x: LonLat = [target[0], target[1]]
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const y = forward(x)
    const dLon = target[0] - y[0]
    const dLat = target[1] - y[1]
    x = [x[0] + dLon, x[1] + dLat]
    if (Math.abs(dLon) < TOLERANCE_DEG && Math.abs(dLat) < TOLERANCE_DEG) break
  }
  return x
}

export function gcj02ToWgs84(p: LonLat): LonLat {
  return invert(wgs84ToGcj02, p)
}

export function bd09ToGcj02(p: LonLat): LonLat {
  return invert(gcj02ToBd09, p)
}

export function bd09ToWgs84(p: LonLat): LonLat {
  return gcj02ToWgs84(bd09ToGcj02(p))
}

/** Any supported system to WGS-84. */
export function toWgs84(p: LonLat, from: CrsName): LonLat {
  if (from === 'gcj02') return gcj02ToWgs84(p)
  if (from === 'bd09') return bd09ToWgs84(p)
  return p
}
