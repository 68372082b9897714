import type { CoverageRow } from '../../server/domain/coverage.ts'
import { classOf } from './color-scale.ts'
import type { ColorScale } from './color-scale.ts'
import { metricValue } from './metric-format.ts'
import type { Metric } from './planner-state.ts'

/**
 * The legend's class filter: counties whose value falls in class `legendClass` of the scale the
 * map is coloured with, so the table lists exactly the counties drawn in that colour. Null when
 * no class is picked or the scale has fewer classes than the one asked for (ties merge classes).
 */
export function legendFilter(
  scale: ColorScale | null,
  metric: Metric,
  legendClass: number | null,
): ((row: CoverageRow) => boolean) | null {
  if (scale === null || legendClass === null || legendClass >= scale.classes.length) return null
  return (row) => classOf(metricValue(row, metric), scale.breaks) === legendClass
}
