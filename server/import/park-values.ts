import { normalizeCell } from './cell-values.ts'

/** Park cells to field values. Each returns null for text it cannot read. */

/** The eight compass points as registers write them, clockwise from north. */
const COMPASS = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'] as const
const DEGREES = /^(\d{1,3}(?:\.\d+)?)\s*(?:°|度)?$/
/** 朝东, 面向东南, 正北, 向西: a compass point with the words around it that say "facing". */
const COMPASS_WORD = /^(?:朝|向|面向|面朝)?正?(东北|东南|西南|西北|北|东|南|西)(?:方|方向|向)?$/

/**
 * Which way a kiosk's screen faces, in whole degrees clockwise from north (0–359): a number of
 * degrees from 0 to 360 (360 is north again; a fraction is rounded), or a compass point
 * (东, 朝西南, 正北). Anything else, or a number outside 0–360, is not read.
 */
export function readFacingDeg(text: string): number | null {
  const t = normalizeCell(text)
  const m = DEGREES.exec(t)
  if (m) {
    const deg = Number(m[1])
    return deg <= 360 ? Math.round(deg) % 360 : null
  }
  const word = COMPASS_WORD.exec(t)?.[1]
  return word === undefined ? null : COMPASS.indexOf(word as (typeof COMPASS)[number]) * 45
}
