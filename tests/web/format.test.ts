import { describe, expect, test } from 'vitest'
import { formatDirection, formatRadius } from '../../web/finder/format.ts'
import { compassIndex, formatDistance } from '../../web/ui/distance-text.ts'
import { zhCN } from '../../web/i18n/zh-CN.ts'
import { en } from '../../web/i18n/en.ts'
import { WALK_M_PER_MIN } from '../../web/finder/walk.ts'
import { WALK_METRES_PER_MINUTE } from '../../server/api/nearby-fields.ts'

describe('compass words', () => {
  test('each eighth is centred on its direction, boundaries round up', () => {
    const cases: [number, string][] = [
      [0, '北'],
      [22.4, '北'],
      [22.5, '东北'],
      [45, '东北'],
      [67.6, '东'],
      [135, '东南'],
      [180, '南'],
      [225, '西南'],
      [270, '西'],
      [315, '西北'],
      [337.4, '西北'],
      [337.5, '北'],
      [359.99, '北'],
    ]
    for (const [deg, word] of cases) expect(zhCN.compass[compassIndex(deg)], `${deg}°`).toBe(word)
  })

  test('bearings outside [0, 360) wrap', () => {
    expect(compassIndex(-90)).toBe(compassIndex(270))
    expect(compassIndex(720 + 45)).toBe(1)
  })

  test('reads as a sentence in both languages', () => {
    expect(formatDirection(100, zhCN)).toBe('在东方')
    expect(formatDirection(100, en)).toBe('to the E')
  })
})

describe('distances', () => {
  test('metres to the nearest 10 below 1 km, one decimal below 10 km, whole km above', () => {
    expect(formatDistance(4, zhCN)).toBe('0 米')
    expect(formatDistance(876, zhCN)).toBe('880 米')
    expect(formatDistance(999.4, zhCN)).toBe('1000 米')
    expect(formatDistance(1000, zhCN)).toBe('1.0 公里')
    expect(formatDistance(1260, en)).toBe('1.3 km')
    expect(formatDistance(12_600, en)).toBe('13 km')
  })

  test('radius choices', () => {
    expect(formatRadius(3000, zhCN)).toBe('3 公里')
    expect(formatRadius(500, en)).toBe('500 m')
  })

  test('the card walks at the same pace as the API', () => {
    expect(WALK_M_PER_MIN).toBe(WALK_METRES_PER_MINUTE)
  })
})
