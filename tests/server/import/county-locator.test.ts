import { describe, expect, it } from 'vitest'
import { pointInGeometry, polygonsOf, type AreaGeometry } from '../../../server/geo/polygon.ts'
import { createCountyLocator } from '../../../server/import/county-locator.ts'
import { randomLonLatIn, seededRandom, ZHEJIANG_BBOX } from '../geo/seeded-random.ts'
import { loadCounties } from './fixtures.ts'

const counties = loadCounties()
const locator = createCountyLocator(counties)

describe('createCountyLocator', () => {
  it('agrees with testing every county, inside and outside the province', () => {
    const random = seededRandom(7)
    let inside = 0
    for (let i = 0; i < 3000; i++) {
      const p = randomLonLatIn(random, ZHEJIANG_BBOX)
      const brute = counties.filter((c) => pointInGeometry(p, c.geometry as AreaGeometry))
      expect(brute.length).toBeLessThanOrEqual(1)
      expect(locator.countyAt(p)?.adcode ?? null).toBe(brute[0]?.properties.adcode ?? null)
      if (brute.length) inside++
    }
    expect(inside).toBeGreaterThan(1000) // both kinds of answer were checked
    expect(inside).toBeLessThan(3000)
  })

  it('agrees with testing every county right beside the borders, where the grid does not decide', () => {
    const random = seededRandom(8)
    let checked = 0
    for (const county of counties) {
      const vertices = polygonsOf(county.geometry as AreaGeometry).flat(2)
      for (let i = 0; i < vertices.length; i += 25) {
        const [x, y] = vertices[i]!
        const p: [number, number] = [x! + (random() - 0.5) * 2e-4, y! + (random() - 0.5) * 2e-4]
        const brute = counties.find((c) => pointInGeometry(p, c.geometry as AreaGeometry))
        expect(locator.countyAt(p)?.adcode ?? null).toBe(brute?.properties.adcode ?? null)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it.each([
    ['330102', '330102'],
    ['上城区', '330102'],
    ['杭州市上城区', '330102'],
    ['浙江省杭州市上城区', '330102'],
    ['上城', '330102'],
    ['景宁畲族自治县', '331127'],
    ['景宁', '331127'],
    ['普陀区', '330903'],
    ['舟山市普陀区', '330903'],
    ['１０１０１０', null],
    ['临平区', null], // created in 2021: not on our 2016 boundaries
    ['朝阳区', null],
  ])('names %s → %s', (text, adcode) => {
    expect(locator.countyNamed(text)?.adcode ?? null).toBe(adcode)
  })
})
