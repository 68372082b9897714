import { CLASS_HOSTS, type ClassHost } from '../domain/vocabularies.ts'
import { isoDate, normalizeCell } from './cell-values.ts'
import { matchKeywords } from './keyword-match.ts'

/** Childcare-class cells to field values. Each returns null (or a reason) for text it cannot read. */

const RANGE = String.raw`\s*(?:-|~|至|到|—|–)\s*`
const AGE_RANGE = new RegExp(String.raw`^(\d{1,2})\s*(?:周?岁)?${RANGE}(\d{1,2})\s*(?:周?岁)?$`)

/** An age range in years: 3-12岁, 3至12周岁, 3岁~12岁. */
export function readAgeRange(text: string): { ageMin: number; ageMax: number } | null {
  const m = AGE_RANGE.exec(normalizeCell(text))
  if (!m) return null
  const [ageMin, ageMax] = [Number(m[1]), Number(m[2])]
  return ageMin <= ageMax ? { ageMin, ageMax } : null
}

const DATE_TOKEN = /(?:(\d{4})\s*[年./-]\s*)?(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?/g

export type TermReading =
  | { ok: true; termStart: string; termEnd: string }
  | { ok: false; code: 'term_not_two_dates' | 'term_no_year' | 'term_not_date' | 'term_backwards' }

/**
 * A term written as two dates: 2025年7月7日至8月15日, 2025-07-07~2025-08-15, 7.7-8.15. The end
 * takes the start's year when it has none; a term with no year anywhere takes `year` (a 年份
 * column or the file's name), and is refused when there is none.
 */
export function readTerm(text: string, year: number | null): TermReading {
  const tokens = [...normalizeCell(text).matchAll(DATE_TOKEN)]
  if (tokens.length !== 2) return { ok: false, code: 'term_not_two_dates' }
  const startYear = tokens[0]![1] ? Number(tokens[0]![1]) : year
  if (startYear === null)
    return {
      ok: false,
      code: 'term_no_year',
    }
  const endYear = tokens[1]![1] ? Number(tokens[1]![1]) : startYear
  const termStart = isoDate(startYear, Number(tokens[0]![2]), Number(tokens[0]![3]))
  const termEnd = isoDate(endYear, Number(tokens[1]![2]), Number(tokens[1]![3]))
  if (termStart === null || termEnd === null) return { ok: false, code: 'term_not_date' }
  if (termEnd < termStart) return { ok: false, code: 'term_backwards' }
  return { ok: true, termStart, termEnd }
}

/** A year: 2025, 2025年, 2025年度. */
export function readYear(text: string): number | null {
  const m = /^(\d{4})\s*(年度?)?$/.exec(normalizeCell(text))
  return m ? Number(m[1]) : null
}

/** The term's fee in CNY: 免费/无 is 0; 300, 300元, ¥300, 300元/期. */
export function readFee(text: string): number | null {
  const t = normalizeCell(text)
  if (/^(免费|无|不收费|0元?)$/.test(t)) return 0
  const m = /^[¥￥]?\s*(\d+(?:\.\d+)?)\s*(元)?(\/(期|人|人期|人\/期))?$/.exec(t)
  return m ? Number(m[1]) : null
}

/** The kind of place that hosts a class, from its host's name (or the class's own name). */
export function readClassHost(text: string): ClassHost | null {
  return matchKeywords(text, CLASS_HOSTS, [
    [/图书馆/, 'library'],
    [/青少年|少年宫|青少年宫/, 'youth_centre'],
    [/学校|小学|中学|学院|幼儿园|学堂/, 'school'],
    [/园区|开发区|工业园|产业园|高新区/, 'industrial_park'],
    [/工会/, 'union_office'],
    [/社区|街道|村委|居委/, 'community_centre'],
    [/公司|企业|集团|厂/, 'enterprise'],
  ])
}
