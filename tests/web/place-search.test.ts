import { describe, expect, test } from 'vitest'
import { searchPlaces } from '../../web/finder/place-search.ts'
import type { Place } from '../../web/api/client.ts'
import { placeNameForms } from '../../server/search/place-names.ts'

// Latin forms as the server sends them in the label layer.
const place = (name: string, kind: Place['kind'], adcode: string, city = '杭州市'): Place => ({
  name,
  kind,
  city,
  adcode,
  point: [120, 30],
  bbox: [119, 29, 121, 31],
  cityEn: placeNameForms(city).nameEn,
  ...placeNameForms(name),
})
const PLACES = [
  place('杭州市', 'city', '330100'),
  place('西湖区', 'county', '330106'),
  place('上城区', 'county', '330102'),
  place('余杭区', 'county', '330110'),
  place('临安区', 'county', '330112'),
  place('宁波市', 'city', '330200', '宁波市'),
  place('景宁畲族自治县', 'county', '331127', '丽水市'),
  place('鄞州区', 'county', '330212', '宁波市'),
  place('义乌市', 'county', '330782', '金华市'),
  place('余姚市', 'county', '330281', '宁波市'),
  place('永嘉县', 'county', '330324', '温州市'),
  place('淳安县', 'county', '330127'),
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
    expect(names('区').length).toBe(5)
  })

  test('blank or unknown queries find nothing', () => {
    expect(names('  ')).toEqual([])
    expect(names('上海')).toEqual([])
  })

  test('finds places by pinyin, in any case, with or without spaces', () => {
    expect(names('yiwu')).toEqual(['义乌市'])
    expect(names('Yiwu')).toEqual(['义乌市'])
    expect(names('yinzhou')).toEqual(['鄞州区'])
    expect(names('Yin Zhou')).toEqual(['鄞州区'])
    expect(names('hangzhou')).toEqual(['杭州市'])
  })

  test('finds places by initials, full pinyin matches first', () => {
    expect(names('yw')).toEqual(['义乌市'])
    expect(names('yz')).toEqual(['鄞州区'])
    expect(names('yy')).toEqual(['余姚市'])
    expect(names('y')[0]).toBe('余杭区') // one letter: every y- place, by adcode
  })

  test('finds places by English name, apostrophes optional', () => {
    expect(names('Yinzhou District')).toEqual(['鄞州区'])
    expect(names("chun'an")).toEqual(['淳安县'])
    expect(names('chunan')).toEqual(['淳安县'])
    expect(names('ningbo')).toEqual(['宁波市'])
    expect(names('shanghai')).toEqual([])
  })
})
