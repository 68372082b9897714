import { isIsoDate } from '../domain/iso-date.ts'
import { memoizeText } from './text-memo.ts'

/** Cell readers shared by both layers. Each returns null for text it cannot read. */

/** NFKC, trimmed: full-width digits and punctuation as ASCII. */
export function normalizeCell(text: string): string {
  return text.normalize('NFKC').trim()
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$/
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/

/** A calendar date as YYYY-MM-DD from 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301. */
export const readDate = memoizeText((text): string | null => {
  const t = normalizeCell(text)
  const m = DATE.exec(t) ?? COMPACT_DATE.exec(t)
  if (!m) return null
  return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
})

export function isoDate(year: number, month: number, day: number): string | null {
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return isIsoDate(iso) ? iso : null
}

/** A whole number, allowing a unit after it (30人, 30名, 30个). */
export function readCount(text: string): number | null {
  const m = /^(\d+)\s*(人|名|个|位)?$/.exec(normalizeCell(text))
  return m ? Number(m[1]) : null
}
