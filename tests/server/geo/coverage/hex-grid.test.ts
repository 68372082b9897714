import { describe, expect, test } from 'vitest'
import { buildCountyGrid } from '../../../../server/geo/coverage/hex-grid.ts'
import { pointInGeometry } from '../../../../server/geo/polygon.ts'
import { countyGeometry, square } from './fixtures.ts'

describe('buildCountyGrid', () => {
  for (const county of ['上城区', '嵊泗县']) {
    for (const res of [7, 8, 9]) {
      test(`${county} at res ${res}: the pieces' land is within 0.5 % of the exact area`, () => {
        const grid = buildCountyGrid(countyGeometry(county), res)
        expect(Math.abs(grid.gridAreaKm2 / grid.areaKm2 - 1)).toBeLessThan(0.005)
      })
    }
  }

  test('every piece centre lies in the county, every cell once, pieces point at their cell', () => {
    const geometry = countyGeometry('嵊泗县')
    const grid = buildCountyGrid(geometry, 8)
    for (let i = 0; i < grid.pieceLon.length; i++) {
      expect(
        pointInGeometry([grid.pieceLon[i] as number, grid.pieceLat[i] as number], geometry),
      ).toBe(true)
    }
    expect(new Set(grid.cells).size).toBe(grid.cells.length)
    expect(Math.max(...grid.pieceCell)).toBe(grid.cells.length - 1)
  })

  test('a county smaller than one cell still gets its land (an island between cell centres)', () => {
    const tiny = square(121.0, 29.0, 0.004) // ≈ 0.17 km², a third of a res-8 cell
    const grid = buildCountyGrid(tiny, 7)
    expect(grid.pieceLon.length).toBeGreaterThan(0)
    expect(Math.abs(grid.gridAreaKm2 / grid.areaKm2 - 1)).toBeLessThan(0.2)
  })
})
