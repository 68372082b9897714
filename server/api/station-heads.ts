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
 * Heads are copied into slabs of this size: small Buffers would each hold a pool slice or an
 * ArrayBuffer of their own (~40 % more memory at 150,000 stations).
 */
const SLAB_BYTES = 1 << 20

interface Slab {
  bytes: Buffer
  used: number
  ids: string[]
}

/**
 * Station heads by id for one data version, copied into slabs and dropped a slab at a time,
 * oldest first, beyond `maxBytes` (first in, first out: a hit costs one lookup).
 * Reading ~20 rows and encoding ~20 features was most of a nearby answer's CPU at 150,000
 * stations; with the heads kept, an answer reads and encodes only the stations it has not met
 * since the last write. Keyed on the data version, so a write shows in the next answer.
 */
export class StationHeads {
  readonly #maxBytes: number
  readonly #slabBytes: number
  readonly #heads = new Map<string, StationHead>()
  readonly #slabs: Slab[] = []
  #version = -Infinity

  constructor(maxBytes: number, slabBytes = SLAB_BYTES) {
    this.#maxBytes = maxBytes
    this.#slabBytes = slabBytes
  }

  /**
   * The heads of `ids` at data version `version`, in order, reading those it lacks with `read`
   * (which must read at `version` or later, as after nearbyStationPoints gave it). A station
   * `read` no longer finds is undefined.
   */
  async of(
    version: number,
    ids: readonly string[],
    read: (ids: string[]) => Promise<Station[]>,
  ): Promise<(StationHead | undefined)[]> {
    if (version > this.#version) {
      this.#heads.clear()
      this.#slabs.length = 0
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
      return head && keep && version === this.#version ? this.#add(id, head) : head
    })
  }

  get size(): number {
    return this.#heads.size
  }

  /** Memory held: the slabs' sizes. */
  get bytes(): number {
    return this.#slabs.reduce((sum, slab) => sum + slab.bytes.length, 0)
  }

  #add(id: string, head: StationHead): StationHead {
    const length = head.json.length
    let slab = this.#slabs.at(-1)
    if (!slab || slab.used + length > slab.bytes.length) {
      slab = { bytes: Buffer.allocUnsafeSlow(Math.max(this.#slabBytes, length)), used: 0, ids: [] }
      this.#slabs.push(slab)
      this.#evict()
    }
    head.json.copy(slab.bytes, slab.used)
    const kept = { ...head, json: slab.bytes.subarray(slab.used, slab.used + length) }
    slab.used += length
    slab.ids.push(id)
    this.#heads.set(id, kept)
    return kept
  }

  /** Drops the oldest slabs (never the one being filled) while over the budget. */
  #evict(): void {
    while (this.#slabs.length > 1 && this.bytes > this.#maxBytes) {
      const oldest = this.#slabs.shift()!
      for (const id of oldest.ids) {
        if (this.#heads.get(id)?.json.buffer === oldest.bytes.buffer) this.#heads.delete(id)
      }
    }
  }
}
