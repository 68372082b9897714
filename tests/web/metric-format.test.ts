import { describe, expect, test } from 'vitest'
import {
  formatKm2,
  formatMetric,
  formatNumber,
  formatPct,
  MISSING,
} from '../../web/planner/metric-format.ts'

describe('planner number formats', () => {
  test('shares to one decimal with a percent sign', () => {
    expect(formatPct(76.25916, 'zh-CN')).toBe('76.3%')
    expect(formatPct(100, 'en')).toBe('100.0%')
    expect(formatPct(0.04, 'en')).toBe('0.0%')
  })

  test('areas to one decimal with thousands separators in both languages', () => {
    expect(formatKm2(96632.149, 'zh-CN')).toBe('96,632.1')
    expect(formatKm2(107137.35, 'en')).toBe('107,137.4')
    expect(formatKm2(6.2141, 'en')).toBe('6.2')
  })

  test('each metric at its own precision', () => {
    expect(formatMetric('perTenThousand', 1.174309, 'zh-CN')).toBe('1.17')
    expect(formatMetric('per100Km2', 160.4594, 'zh-CN')).toBe('160.5')
    expect(formatMetric('count', 5549, 'en')).toBe('5,549')
    expect(formatMetric('coveredPct', 9.8449, 'en')).toBe('9.8')
  })

  test('a missing figure is a dash, never 0 or blank; a rounding artefact is not negative', () => {
    expect(formatNumber(null, 1, 'en')).toBe(MISSING)
    expect(formatNumber(NaN, 1, 'en')).toBe(MISSING)
    expect(formatPct(null, 'zh-CN')).toBe(MISSING)
    expect(formatNumber(-1e-12, 1, 'en')).toBe('0.0')
    expect(formatNumber(-0.04, 1, 'en')).toBe('0.0')
    expect(formatNumber(-0.06, 1, 'en')).toBe('-0.1')
  })
})
