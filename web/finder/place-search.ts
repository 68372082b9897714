import type { Place } from '../api/client.ts'

// Trailing administrative suffixes people often leave off: 西湖区 → 西湖, 杭州市 → 杭州.
const SUFFIX = /(自治县|市|区|县)$/
const HAN = /\p{Script=Han}/u

/** Latin text as a search key: lower case, without spaces, apostrophes or hyphens. */
export const latinKey = (s: string) => s.toLowerCase().replace(/[\s'’-]/g, '')

/** Rank of a Chinese query against a place, or null when it does not match. */
function hanScore(place: Place, q: string): number | null {
  const bare = place.name.replace(SUFFIX, '')
  if (place.name === q || bare === q) return 0
  if (place.name.startsWith(q)) return 1
  if (place.name.includes(q)) return 2
  if (bare.length >= 2 && q.startsWith(bare)) return 3
  return null
}

/** Rank of a Latin query: full pinyin or English name ("yiwu", "Yinzhou District"), then initials ("yw"). */
function latinScore(place: Place, q: string): number | null {
  const en = latinKey(place.nameEn)
  if (place.pinyin === q || en === q) return 0
  if (place.pinyin.startsWith(q) || en.startsWith(q)) return 1
  if (place.initials === q) return 2
  if (place.initials.startsWith(q)) return 3
  return null
}

/**
 * Places matching the query, best first, cities before counties. Chinese: whose name contains
 * it, or whose name without its suffix starts it ("杭州火车站" finds 杭州市). Latin: by pinyin,
 * initials or English name, precomputed by the server (no pinyin dictionary on the phone).
 */
export function searchPlaces(places: readonly Place[], query: string, limit = 6): Place[] {
  const han = HAN.test(query)
  const q = han ? query.trim() : latinKey(query)
  if (q === '') return []
  const scored: { place: Place; score: number }[] = []
  for (const place of places) {
    const score = han ? hanScore(place, q) : latinScore(place, q)
    if (score === null) continue
    scored.push({ place, score: score * 2 + (place.kind === 'city' ? 0 : 1) })
  }
  return scored
    .sort((a, b) => a.score - b.score || a.place.adcode.localeCompare(b.place.adcode))
    .slice(0, limit)
    .map((s) => s.place)
}
