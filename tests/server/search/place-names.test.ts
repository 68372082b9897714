import { describe, expect, test } from 'vitest'
import { placeNameForms } from '../../../server/search/place-names.ts'

describe('placeNameForms', () => {
  test('romanises counties, districts and cities with their English designation', () => {
    expect(placeNameForms('鄞州区')).toEqual({
      nameEn: 'Yinzhou District',
      pinyin: 'yinzhou',
      initials: 'yz',
    })
    expect(placeNameForms('义乌市')).toEqual({ nameEn: 'Yiwu', pinyin: 'yiwu', initials: 'yw' })
    expect(placeNameForms('桐庐县').nameEn).toBe('Tonglu County')
    expect(placeNameForms('景宁畲族自治县')).toMatchObject({
      nameEn: 'Jingning She Autonomous County',
      pinyin: 'jingning',
    })
  })

  test("writes the syllable apostrophe (Chun'an) but keeps it out of the search key", () => {
    expect(placeNameForms('淳安县')).toMatchObject({ nameEn: "Chun'an County", pinyin: 'chunan' })
    expect(placeNameForms('临安市').nameEn).toBe("Lin'an")
  })

  test('uses the place reading where the dictionary has another (乐清 Yueqing, 莲都 Liandu)', () => {
    expect(placeNameForms('乐清市').nameEn).toBe('Yueqing')
    expect(placeNameForms('莲都区').nameEn).toBe('Liandu District')
    expect(placeNameForms('丽水市').pinyin).toBe('lishui')
    expect(placeNameForms('台州市').pinyin).toBe('taizhou')
  })
})
