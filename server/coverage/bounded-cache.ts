/**
 * Results by key, computed once: a caller asking for a key already being computed awaits the
 * same promise (in-flight de-duplication), and later callers get the settled value. Entries of
 * an older data version are dropped as soon as a newer one is seen; failures are not kept; the
 * least recently used settled entries go when there are more than `maxEntries` or they weigh
 * more than `maxWeight` (e.g. bytes of a serialised answer). Pending entries are never evicted.
 */
interface Entry<T> {
  version: number
  value: Promise<T>
  settled: boolean
  weight: number
}

export class BoundedCache<T> {
  readonly #entries = new Map<string, Entry<T>>()
  readonly #maxEntries: number
  readonly #maxWeight: number
  readonly #weigh: (value: T) => number
  #version = -Infinity
  #weight = 0

  constructor(maxEntries: number, maxWeight = Infinity, weigh: (value: T) => number = () => 0) {
    this.#maxEntries = maxEntries
    this.#maxWeight = maxWeight
    this.#weigh = weigh
  }

  get(version: number, key: string, compute: () => Promise<T>): Promise<T> {
    if (version > this.#version) {
      for (const [k, e] of this.#entries) if (e.version < version) this.#delete(k)
      this.#version = version
    }
    const fullKey = `${version}|${key}`
    const hit = this.#entries.get(fullKey)
    if (hit) {
      this.#entries.delete(fullKey)
      this.#entries.set(fullKey, hit)
      return hit.value
    }
    const entry: Entry<T> = { version, value: compute(), settled: false, weight: 0 }
    this.#entries.set(fullKey, entry)
    entry.value.then(
      (value) => {
        if (this.#entries.get(fullKey) !== entry) return
        entry.settled = true
        entry.weight = this.#weigh(value)
        this.#weight += entry.weight
        this.#evict()
      },
      () => {
        if (this.#entries.get(fullKey) === entry) this.#entries.delete(fullKey)
      },
    )
    this.#evict()
    return entry.value
  }

  get size(): number {
    return this.#entries.size
  }

  #evict(): void {
    for (const [key, entry] of this.#entries) {
      if (this.#entries.size <= this.#maxEntries && this.#weight <= this.#maxWeight) return
      if (entry.settled) this.#delete(key)
    }
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#weight -= entry.weight
    this.#entries.delete(key)
  }
}
