import type { Station } from '../domain/station.ts'
import { pointFeature } from './nearby-fields.ts'

/**
 * What a nearby answer needs of a station besides where it is: its GeoJSON feature up to the
 * answer's own fields (the feature's JSON without its closing `}}`, as UTF-8) and its hours.
 */
export interface StationHead {
  json: Buffer
  openingHours: string | null
}

/** A station's head: the bytes JSON.stringify gives its feature with no extras, open at the end. */
export function stationHead(station: Station): StationHead {
  const json = JSON.stringify(pointFeature(station, {}))
  return { json: Buffer.from(json.slice(0, -2)), openingHours: station.openingHours }
}

/**
 * Station heads by id for one data version, the first kept dropped first beyond `maxBytes`
 * (first in, first out: a hit costs one lookup, where keeping recency order cost two more).
 * Reading ~20 rows and encoding ~20 features was most of a nearby answer's CPU at 150,000
 * stations; with the heads kept, an answer reads and encodes only the stations it has not met
 * since the last write. Keyed on the data version, so a write shows in the next answer.
 */
export class StationHeads {
  readonly #maxBytes: number
  readonly #heads = new Map<string, StationHead>()
  #version = -Infinity
  #bytes = 0

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  /**
   * The heads of `ids` at data version `version`, in order, reading those it lacks with `read`
   * (which must read at `version` or later, as after nearbyStationPoints gave it). A station `read` no longer
   * finds is undefined.
   */
  async of(
    version: number,
    ids: readonly string[],
    read: (ids: string[]) => Promise<Station[]>,
  ): Promise<(StationHead | undefined)[]> {
    if (version > this.#version) {
      this.#heads.clear()
      this.#bytes = 0
      this.#version = version
    }
    // An answer that began before the latest write: read everything, keep nothing.
    const keep = version === this.#version
    const heads = ids.map((id) => (keep ? this.#heads.get(id) : undefined))
    const missing = ids.filter((_, i) => heads[i] === undefined)
    if (missing.length === 0) return heads
    const fetched = new Map((await read(missing)).map((s) => [s.id, stationHead(s)]))
    return ids.map((id, i) => {
      const known = heads[i]
      if (known) return known
      const head = fetched.get(id)
      if (head && keep && version === this.#version) this.#add(id, head)
      return head
    })
  }

  get size(): number {
    return this.#heads.size
  }

  get bytes(): number {
    return this.#bytes
  }

  #add(id: string, head: StationHead): void {
    const old = this.#heads.get(id)
    if (old) this.#bytes -= old.json.length
    this.#heads.set(id, head)
    this.#bytes += head.json.length
    for (const [oldest, h] of this.#heads) {
      if (this.#bytes <= this.#maxBytes) break
      this.#heads.delete(oldest)
      this.#bytes -= h.json.length
    }
  }
}
