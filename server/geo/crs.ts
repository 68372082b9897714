import gcoord from 'gcoord'
import type { LonLat } from '../domain/geojson.ts'
import type { CrsName } from '../domain/crs.ts'

/**
 * Chinese web-map coordinate systems. We store WGS-84; GCJ-02 (Amap, Tencent) and
 * BD-09 (Baidu) appear only at the edges: on import and in navigation links.
 *
 * gcoord's forward transforms are the published formulas. Their published inverses are
 * approximations (errors of 1–2 m), so each inverse here solves forward(x) = target by
 * fixed-point iteration, which converges to well under a millimetre in a few steps.
 */

const TOLERANCE_DEG = 1e-10 // ≈ 0.01 mm
const MAX_ITERATIONS = 30

export function wgs84ToGcj02(p: LonLat): LonLat {
  return gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as LonLat
}

export function gcj02ToBd09(p: LonLat): LonLat {
  return gcoord.transform(p, gcoord.GCJ02, gcoord.BD09) as LonLat
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
