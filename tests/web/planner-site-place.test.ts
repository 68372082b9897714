import { describe, expect, test } from 'vitest'
import { sitePlace } from '../../web/planner/site-place.ts'
import { zhCN as zhCNBase } from '../../web/i18n/zh-CN.ts'
import { en as enBase } from '../../web/i18n/en.ts'
import { zhCNPlanner } from '../../web/i18n/zh-CN-planner.ts'
import { enPlanner } from '../../web/i18n/en-planner.ts'

// The planner page's strings: every page's plus the planner's own.
const zhCN = { ...zhCNBase, planner: zhCNPlanner }
const en = { ...enBase, planner: enPlanner }

const station = (bearingDeg: number, distanceM: number) => ({
  id: 'st-1',
  name: '西溪爱心驿站',
  distanceM,
  bearingDeg,
})

describe('where a suggested site lies', () => {
  test('named from the nearest station, with the distance and direction from it to the site', () => {
    expect(sitePlace(station(45, 1800), 'stations', zhCN)).toBe('西溪爱心驿站 东北 1.8 公里')
    expect(sitePlace(station(45, 1800), 'stations', en)).toBe('1.8 km NE of 西溪爱心驿站')
  })

  test('each eighth of the compass is centred on its direction', () => {
    const words = ['北', '东北', '东', '东南', '南', '西南', '西', '西北']
    words.forEach((w, i) =>
      expect(sitePlace(station(i * 45, 500), 'stations', zhCN)).toBe(`西溪爱心驿站 ${w} 500 米`),
    )
    // Just either side of the boundary between N and NE, and across north.
    expect(sitePlace(station(22.4, 500), 'stations', en)).toBe('500 m N of 西溪爱心驿站')
    expect(sitePlace(station(22.6, 500), 'stations', en)).toBe('500 m NE of 西溪爱心驿站')
    expect(sitePlace(station(359.9, 500), 'stations', en)).toBe('500 m N of 西溪爱心驿站')
  })

  test('distances read as the finder writes them: metres under 1 km, whole km from 10 km', () => {
    expect(sitePlace(station(180, 946), 'stations', zhCN)).toBe('西溪爱心驿站 南 950 米')
    expect(sitePlace(station(180, 12_400), 'stations', en)).toBe('12 km S of 西溪爱心驿站')
  })

  test('no station nearby says so, in the words of the layer', () => {
    expect(sitePlace(null, 'stations', zhCN)).toBe('附近没有现有站点')
    expect(sitePlace(null, 'classes', zhCN)).toBe('附近没有现有托班')
    expect(sitePlace(undefined, 'classes', en)).toBe('No existing class nearby')
  })
})
