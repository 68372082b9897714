import { mersenne } from 'pure-rand'

/** Uniform doubles in [0, 1) from a seeded Mersenne Twister: the same stream on every run. */
export function seededRandom(seed: number): () => number {
  const rng = mersenne(seed)
  return () => {
    const hi = rng.unsafeNext() >>> 5
    const lo = rng.unsafeNext() >>> 6
    return (hi * 67_108_864 + lo) / 9_007_199_254_740_992
  }
}

/** Zhejiang's bounding box, [minLon, minLat, maxLon, maxLat] (it spans 118.0–123.0°E, 27.0–31.2°N). */
export const ZHEJIANG_BBOX = [118.0, 27.0, 123.0, 31.2] as const

export function randomLonLatIn(
  random: () => number,
  [minLon, minLat, maxLon, maxLat]: readonly [number, number, number, number],
): [number, number] {
  return [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)]
}
