import type { Place } from '../api/client.ts'

// Trailing administrative suffixes people often leave off: 西湖区 → 西湖, 杭州市 → 杭州.
const SUFFIX = /(自治县|市|区|县)$/

/**
 * Places whose name contains the query, or whose name without its suffix starts it
 * ("杭州火车站" finds 杭州市). Exact names first, then prefixes, cities before counties.
 */
export function searchPlaces(places: readonly Place[], query: string, limit = 6): Place[] {
  const q = query.trim()
  if (q === '') return []
  const scored: { place: Place; score: number }[] = []
  for (const place of places) {
    const bare = place.name.replace(SUFFIX, '')
    let score: number
    if (place.name === q || bare === q) score = 0
    else if (place.name.startsWith(q)) score = 1
    else if (place.name.includes(q)) score = 2
    else if (bare.length >= 2 && q.startsWith(bare)) score = 3
    else continue
    scored.push({ place, score: score * 2 + (place.kind === 'city' ? 0 : 1) })
  }
  return scored
    .sort((a, b) => a.score - b.score || a.place.adcode.localeCompare(b.place.adcode))
    .slice(0, limit)
    .map((s) => s.place)
}
