/** Finest and coarsest H3 resolutions the coverage grid uses. */
export const FINEST_RES = 9
export const COARSEST_RES = 7

/**
 * Largest cell-radius / service-radius ratio we accept. The overlap estimator (see coverage.ts)
 * errs by at most ~1.6 % of a disc's area at ρ/R ≈ 0.5 (H3 res 8, R = 1 km) and ~3 % at
 * ρ/R ≈ 0.8 (res 9, R = 200 m, where the floor FINEST_RES binds), measured over random offsets.
 */
const MAX_CELL_TO_RADIUS = 0.5

/**
 * H3's average hexagon area in m² (getHexagonAreaAvg) at the resolutions used: a table, so the
 * event loop, which only picks a resolution, does not load h3-js (~12 MB, ~0.1 s at start).
 */
export const HEXAGON_AREA_AVG_M2: Readonly<Record<number, number>> = {
  7: 5161293.359717198,
  8: 737327.5975944188,
  9: 105332.5134272069,
}

/**
 * The coarsest H3 resolution whose average equal-area cell radius is at most half the service
 * radius, clamped to [COARSEST_RES, FINEST_RES]: res 9 below ~970 m, res 8 up to ~2.56 km,
 * res 7 beyond. Coarser means fewer cells (faster); finer means smaller discretisation error.
 */
export function resolutionForRadius(radiusM: number): number {
  for (let res = COARSEST_RES; res < FINEST_RES; res++) {
    if (equalAreaRadiusM(HEXAGON_AREA_AVG_M2[res]!) <= MAX_CELL_TO_RADIUS * radiusM) return res
  }
  return FINEST_RES
}

/** Radius of the disc with the given area. */
export function equalAreaRadiusM(areaM2: number): number {
  return Math.sqrt(areaM2 / Math.PI)
}
