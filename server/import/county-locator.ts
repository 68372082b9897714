import type { CountyFacts, CountyFeature } from '../domain/county.ts'
import type { LonLat } from '../domain/geojson.ts'
import { geometryBBox, pointInGeometry, type AreaGeometry, type BBox } from '../geo/polygon.ts'

export interface CountyLocator {
  /** The county a WGS-84 point lies in, or null outside every county. */
  countyAt(lonLat: LonLat): CountyFacts | null
  /**
   * The county a register names: a 6-digit adcode, or a name with or without its city and
   * suffix (杭州市上城区, 上城区, 上城); null when it names none of ours.
   */
  countyNamed(text: string): CountyFacts | null
}

interface Entry {
  facts: CountyFacts
  geometry: AreaGeometry
  bbox: BBox
}

/**
 * Point-in-county for many points: a bounding-box test first, and the county that answered last
 * is tried first (registers list a county's stations together).
 */
export function createCountyLocator(counties: readonly CountyFeature[]): CountyLocator {
  const entries: Entry[] = counties.map((c) => {
    const geometry = c.geometry as AreaGeometry
    return { facts: c.properties, geometry, bbox: geometryBBox(geometry) }
  })
  let last: Entry | undefined
  const contains = (e: Entry, [x, y]: LonLat) =>
    x >= e.bbox[0] &&
    x <= e.bbox[2] &&
    y >= e.bbox[1] &&
    y <= e.bbox[3] &&
    pointInGeometry([x, y], e.geometry)

  const byAdcode = new Map(entries.map((e) => [e.facts.adcode, e.facts]))
  // Longest names first, so 景宁畲族自治县 is not read as a shorter name inside it.
  const byName = [...entries].sort((a, b) => b.facts.name.length - a.facts.name.length)
  const named = new Map<string, CountyFacts | null>()

  return {
    countyAt(lonLat) {
      if (last && contains(last, lonLat)) return last.facts
      for (const e of entries) {
        if (e !== last && contains(e, lonLat)) {
          last = e
          return e.facts
        }
      }
      return null
    },
    countyNamed(text) {
      const t = text.normalize('NFKC').replace(/\s/g, '')
      if (named.has(t)) return named.get(t)!
      let found: CountyFacts | null = null
      if (/^\d{6}$/.test(t)) found = byAdcode.get(t) ?? null
      else {
        const candidates = byName.filter(
          ({ facts }) => t.includes(facts.name) || t === shortName(facts.name),
        )
        found =
          (candidates.find(({ facts }) => t.includes(facts.city)) ?? candidates[0])?.facts ?? null
      }
      named.set(t, found)
      return found
    },
  }
}

/** 上城区 → 上城, 景宁畲族自治县 → 景宁; a one-character stem keeps its suffix (e.g. 县 names). */
function shortName(name: string): string {
  const stem = name.replace(/(畲族自治县|自治县|区|县|市)$/, '')
  return stem.length >= 2 ? stem : name
}
