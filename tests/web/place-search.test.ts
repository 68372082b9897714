import { describe, expect, test } from 'vitest'
import { searchPlaces } from '../../web/finder/place-search.ts'
import type { Place } from '../../web/api/client.ts'

const place = (name: string, kind: Place['kind'], adcode: string, city = '杭州市'): Place => ({
  name,
  kind,
  city,
  adcode,
  point: [120, 30],
  bbox: [119, 29, 121, 31],
})
const PLACES = [
  place('杭州市', 'city', '330100'),
  place('西湖区', 'county', '330106'),
  place('上城区', 'county', '330102'),
  place('余杭区', 'county', '330110'),
  place('临安区', 'county', '330112'),
  place('宁波市', 'city', '330200', '宁波市'),
  place('景宁畲族自治县', 'county', '331127', '丽水市'),
]
const names = (q: string) => searchPlaces(PLACES, q).map((p) => p.name)

describe('place search', () => {
  test('finds a name with or without its 市/区/县 suffix', () => {
    expect(names('西湖区')).toEqual(['西湖区'])
    expect(names('西湖')).toEqual(['西湖区'])
    expect(names('景宁')).toEqual(['景宁畲族自治县'])
  })

  test('a longer phrase that starts with a place name finds the place', () => {
    expect(names('杭州东站')).toEqual(['杭州市'])
  })

  test('exact before prefix before substring, cities first', () => {
    expect(names('杭')).toEqual(['杭州市', '余杭区'])
    expect(names('区').length).toBe(4)
  })

  test('blank or unknown queries find nothing', () => {
    expect(names('  ')).toEqual([])
    expect(names('上海')).toEqual([])
  })
})
