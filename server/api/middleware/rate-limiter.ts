/** At most `max` requests in any `windowMs`. */
export interface RateRule {
  max: number
  windowMs: number
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterS: number }

export interface RateLimiterOptions {
  /** Clients remembered at once; the one unseen longest is forgotten first. */
  maxKeys?: number
  /** Milliseconds since the epoch: injected so tests can move time. */
  now?: () => number
}

/**
 * Sliding-window limits per client key, in memory: each key keeps the times of its allowed
 * requests within the longest window (no more than the largest `max`), so memory is bounded by
 * maxKeys × that. A refused request is not counted, so a client that waits Retry-After gets in.
 * Forgetting a key (eviction, or a restart) forgives it: a limiter, not a ledger.
 */
export class RateLimiter {
  readonly #rules: readonly RateRule[]
  readonly #maxKeys: number
  readonly #now: () => number
  readonly #longestMs: number
  readonly #keep: number
  /** Key → ascending times of its allowed requests; Map order is least recently seen first. */
  readonly #hits = new Map<string, number[]>()

  constructor(
    rules: readonly RateRule[],
    { maxKeys = 10_000, now = Date.now }: RateLimiterOptions = {},
  ) {
    if (rules.length === 0) throw new Error('RateLimiter needs at least one rule')
    this.#rules = rules
    this.#maxKeys = maxKeys
    this.#now = now
    this.#longestMs = Math.max(...rules.map((r) => r.windowMs))
    this.#keep = Math.max(...rules.map((r) => r.max))
  }

  /** How many keys are remembered now. */
  get size(): number {
    return this.#hits.size
  }

  /** Counts a request by `key` if every rule allows it; otherwise says how long to wait. */
  hit(key: string): RateDecision {
    const now = this.#now()
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > now - this.#longestMs)
    let waitMs = 0
    for (const { max, windowMs } of this.#rules) {
      const inWindow = hits.filter((t) => t > now - windowMs)
      // The request that must leave the window before another fits in.
      if (inWindow.length >= max) {
        waitMs = Math.max(waitMs, inWindow[inWindow.length - max]! + windowMs - now)
      }
    }
    this.#hits.delete(key)
    if (waitMs > 0) {
      if (hits.length > 0) this.#hits.set(key, hits)
      return { allowed: false, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) }
    }
    hits.push(now)
    this.#hits.set(key, hits.slice(-this.#keep))
    while (this.#hits.size > this.#maxKeys) {
      this.#hits.delete(this.#hits.keys().next().value!)
    }
    return { allowed: true }
  }
}
