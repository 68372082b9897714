import type { CountyFacts } from '../../../server/domain/county.ts'
import { townName } from './names.ts'
import { createPlaceSampler } from './place-sampler.ts'
import type { AreaGeometry, PlaceSampler } from './place-sampler.ts'
import type { Random } from './random.ts'

/** What the generator needs of a county feature (data/counties.geojson provides all of it). */
export interface SampleCounty {
  geometry: AreaGeometry
  properties: Pick<
    CountyFacts,
    'adcode' | 'name' | 'city' | 'population' | 'urbanPopulation' | 'children' | 'areaKm2'
  >
}

/** A town centre (镇/街道 seat) that stations and classes cluster around. */
export interface TownCentre {
  lon: number
  lat: number
  name: string
  /** Relative share of the county's clustered points. */
  weight: number
  /** Standard deviation of the Gaussian scatter around the centre. */
  sdKm: number
}

export interface CountyLayout {
  adcode: string
  name: string
  city: string
  sampler: PlaceSampler
  towns: TownCentre[]
  townWeights: number[]
  population: number
  urbanPopulation: number
  children: number
  /** Share of points placed around town centres; the rest scatter uniformly. */
  clusterShare: number
}

/**
 * Lays out every county: fills missing census facts from provincial medians, then places
 * 3–12 town centres (more in populous counties) uniformly inside the outline. The first is
 * the county seat and draws more points the more urban the county is.
 */
export function layoutCounties(counties: readonly SampleCounty[], rng: Random): CountyLayout[] {
  const known = counties.filter((c) => c.properties.population !== null)
  const density = median(
    known.map((c) => (c.properties.population as number) / c.properties.areaKm2),
  )
  const urbanShare = median(
    known
      .filter((c) => c.properties.urbanPopulation !== null)
      .map((c) => (c.properties.urbanPopulation as number) / (c.properties.population as number)),
  )
  const childShare = median(
    known
      .filter((c) => c.properties.children !== null)
      .map((c) => (c.properties.children as number) / (c.properties.population as number)),
  )
  return counties.map((county) => {
    const f = county.properties
    const population = f.population ?? Math.round((density || 500) * f.areaKm2)
    const urbanPopulation = f.urbanPopulation ?? Math.round(population * (urbanShare || 0.7))
    const children = f.children ?? Math.round(population * (childShare || 0.13))
    const urban = population > 0 ? Math.min(1, urbanPopulation / population) : 0
    const sampler = createPlaceSampler(county.geometry)
    const district = f.name.endsWith('区')
    const townCount = clamp(Math.round(3 + population / 120_000), 3, 12)
    const seatSdKm = clamp(0.08 * Math.sqrt(f.areaKm2), 0.5, 4)
    const towns: TownCentre[] = []
    for (let i = 0; i < townCount; i++) {
      const [lon, lat] = sampler.uniform(rng)
      towns.push({
        lon,
        lat,
        name: townName(rng, district || (i === 0 && urban > 0.6)),
        weight: i === 0 ? 1 + 4 * urban : rng.uniform(0.5, 1.5) / (i + 1),
        sdKm: i === 0 ? seatSdKm : seatSdKm * rng.uniform(0.4, 0.8),
      })
    }
    return {
      adcode: f.adcode,
      name: f.name,
      city: f.city,
      sampler,
      towns,
      townWeights: towns.map((t) => t.weight),
      population,
      urbanPopulation,
      children,
      clusterShare: 0.55 + 0.4 * urban,
    }
  })
}

/** The town whose centre is nearest (planar, fine at county scale) to a point. */
export function nearestTown(layout: CountyLayout, lon: number, lat: number): TownCentre {
  const cos = Math.cos((lat * Math.PI) / 180)
  let best = layout.towns[0] as TownCentre
  let bestD = Infinity
  for (const t of layout.towns) {
    const d = ((t.lon - lon) * cos) ** 2 + (t.lat - lat) ** 2
    if (d < bestD) {
      bestD = d
      best = t
    }
  }
  return best
}

/** A point for a record: near a weighted town centre with probability clusterShare. */
export function placePoint(
  layout: CountyLayout,
  rng: Random,
  clusterShare: number,
): { lon: number; lat: number; town: TownCentre } {
  if (rng.chance(clusterShare)) {
    const town = rng.weighted(layout.towns, layout.townWeights)
    const [lon, lat] = layout.sampler.near(rng, town.lon, town.lat, town.sdKm)
    return { lon, lat, town }
  }
  const [lon, lat] = layout.sampler.uniform(rng)
  return { lon, lat, town: nearestTown(layout, lon, lat) }
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x))
}
