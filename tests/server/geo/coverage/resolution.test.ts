import { getHexagonAreaAvg } from 'h3-js'
import { expect, test } from 'vitest'
import {
  COARSEST_RES,
  equalAreaRadiusM,
  FINEST_RES,
  HEXAGON_AREA_AVG_M2,
  resolutionForRadius,
} from '../../../../server/geo/coverage/resolution.ts'
import {
  COVERAGE_MAX_RADIUS_M as MAX_RADIUS_M,
  COVERAGE_MIN_RADIUS_M as MIN_RADIUS_M,
  EBIKE_RADIUS_M,
  WALK_RADIUS_M,
} from '../../../../server/domain/coverage.ts'

test("the table of average hexagon areas is H3's own, at every resolution used", () => {
  for (let res = COARSEST_RES; res <= FINEST_RES; res++) {
    expect(HEXAGON_AREA_AVG_M2[res], `res ${res}`).toBe(getHexagonAreaAvg(res, 'm2'))
  }
})

test('picks res 9 for short radii, 8 for a walk, 7 for an e-bike ride and beyond', () => {
  expect(resolutionForRadius(MIN_RADIUS_M)).toBe(9)
  expect(resolutionForRadius(WALK_RADIUS_M)).toBe(8)
  expect(resolutionForRadius(EBIKE_RADIUS_M)).toBe(7)
  expect(resolutionForRadius(MAX_RADIUS_M)).toBe(7)
})

test('never gets finer as the radius grows, and keeps ρ ≤ R/2 wherever the floor allows', () => {
  let previous = FINEST_RES
  for (let radiusM = MIN_RADIUS_M; radiusM <= MAX_RADIUS_M; radiusM += 50) {
    const res = resolutionForRadius(radiusM)
    expect(res).toBeLessThanOrEqual(previous)
    expect(res).toBeGreaterThanOrEqual(COARSEST_RES)
    if (res < FINEST_RES)
      expect(equalAreaRadiusM(getHexagonAreaAvg(res, 'm2'))).toBeLessThanOrEqual(radiusM / 2)
    previous = res
  }
})
