import { xoroshiro128plus } from 'pure-rand'
import type { RandomGenerator } from 'pure-rand'

/**
 * A seeded source of randomness. Stateful by design (each call advances the stream), but
 * deterministic: the same seed yields the same sequence on every platform.
 */
export interface Random {
  /** Uniform in [0, 1), 53 random bits. */
  next(): number
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks items[i] with probability weights[i] / sum(weights). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T
  /** Normal deviate (Box–Muller). */
  normal(mean: number, sd: number): number
  /** An independent stream 2^64 draws ahead of this one's start; this stream is unchanged. */
  fork(): Random
}

const TWO_POW_26 = 67_108_864
const TWO_POW_53 = 9_007_199_254_740_992

/** seed: any safe integer; its low 32 bits and the next 32 all count. */
export function createRandom(seed: number): Random {
  // pure-rand seeds xoroshiro128+ as (-1, ~seed, seed, 0), whose first outputs barely depend on
  // small seeds; spreading the seed over all 128 bits with splitmix32 avoids that.
  let x = (seed | 0) ^ Math.imul(Math.floor(seed / 4_294_967_296) | 0, 0x27d4eb2d)
  const state = [0, 0, 0, 0].map(() => {
    x = (x + 0x9e3779b9) | 0
    let z = x
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) | 0
  })
  return wrap(xoroshiro128plus.fromState(state))
}

function wrap(start: RandomGenerator): Random {
  const rng = start.clone()
  let jumped = start
  let spare: number | null = null
  const next = () => {
    const hi = rng.unsafeNext() >>> 5
    const lo = rng.unsafeNext() >>> 6
    return (hi * TWO_POW_26 + lo) / TWO_POW_53
  }
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list')
      return items[Math.floor(next() * items.length)] as (typeof items)[number]
    },
    weighted: (items, weights) => {
      if (items.length === 0 || items.length !== weights.length) {
        throw new Error('weighted needs as many weights as items, and at least one')
      }
      let total = 0
      for (const w of weights) total += w
      let r = next() * total
      for (let i = 0; i < items.length; i++) {
        r -= weights[i] as number
        if (r < 0) return items[i] as (typeof items)[number]
      }
      return items[items.length - 1] as (typeof items)[number]
    },
    normal: (mean, sd) => {
      if (spare !== null) {
        const z = spare
        spare = null
        return mean + sd * z
      }
      // 1 - next() is in (0, 1], so the log is finite.
      const r = Math.sqrt(-2 * Math.log(1 - next()))
      const theta = 2 * Math.PI * next()
      spare = r * Math.sin(theta)
      return mean + sd * r * Math.cos(theta)
    },
    fork: () => {
      const j = jumped.jump
      if (!j) throw new Error('generator cannot jump')
      jumped = j.call(jumped)
      return wrap(jumped)
    },
  }
  return random
}
