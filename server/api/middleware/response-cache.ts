import { promisify } from 'node:util'
import { gzip } from 'node:zlib'

const gzipAsync = promisify(gzip)

/** Bytes a Response can be built from. */
export type Bytes = Uint8Array<ArrayBuffer>

/** One stored 200 answer: its bytes as sent, and their gzip, made once on first demand. */
export interface CachedAnswer {
  /** Strong validator of the identity bytes; the gzip variant appends `-gzip`. */
  etag: string
  headers: Record<string, string>
  identity: Bytes
  gzip?: Promise<Bytes>
}

/**
 * Answers kept for one data version, keyed by path and normalised query, least recently
 * used first out once their bytes (both encodings) pass `maxBytes`. A newer data version
 * empties it, so nothing stale is served; an older one (a request that read the version
 * before a write landed) is neither served nor stored.
 */
export class ResponseCache {
  readonly #maxBytes: number
  #version = -Infinity
  #bytes = 0
  /** Each answer with the bytes counted for it so far. */
  readonly #answers = new Map<string, { answer: CachedAnswer; bytes: number }>()
  /** Answers being made, so concurrent requests for one key run the handler once. */
  readonly #pending = new Map<string, Promise<CachedAnswer | null>>()
  /** How many times a body was gzipped: once per answer, whatever the number of requests. */
  gzipRuns = 0

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  /** Bytes held, both encodings. */
  get bytes(): number {
    return this.#bytes
  }

  /** The stored answer, or the one being made, or undefined: then call `make`. */
  get(version: number, key: string): CachedAnswer | Promise<CachedAnswer | null> | undefined {
    if (!this.#isCurrent(version)) return undefined
    const slot = this.#answers.get(key)
    if (slot) {
      this.#answers.delete(key) // re-inserted: most recently used last
      this.#answers.set(key, slot)
      return slot.answer
    }
    return this.#pending.get(key)
  }

  /**
   * Runs `make` once for concurrent callers and stores its answer (null: not cacheable,
   * e.g. an error). Call after `get` returned undefined.
   */
  make(
    version: number,
    key: string,
    make: () => Promise<CachedAnswer | null>,
  ): Promise<CachedAnswer | null> {
    const done = () => {
      if (this.#pending.get(key) === made) this.#pending.delete(key)
    }
    const made = make().then(
      (answer) => {
        done()
        if (answer && version === this.#version) this.#store(key, answer)
        return answer
      },
      (err: unknown) => {
        done()
        throw err
      },
    )
    if (this.#isCurrent(version)) this.#pending.set(key, made)
    return made
  }

  /** The answer's gzip bytes, compressed off the event loop the first time they are asked for. */
  gzip(key: string, answer: CachedAnswer): Promise<Bytes> {
    if (!answer.gzip) {
      this.gzipRuns++
      answer.gzip = gzipAsync(answer.identity) as Promise<Bytes> // zlib's own buffer, unpooled
      const count = (gz: Bytes) => {
        const slot = this.#answers.get(key)
        if (slot?.answer !== answer) return // evicted meanwhile: nothing to count
        slot.bytes += gz.byteLength
        this.#grow(gz.byteLength)
      }
      // A failure reaches the request awaiting it; here there is nothing to count.
      answer.gzip.then(count, () => undefined)
    }
    return answer.gzip
  }

  /** Moves to a newer version (dropping everything); false for an older one. */
  #isCurrent(version: number): boolean {
    if (version > this.#version) {
      this.#version = version
      this.#answers.clear()
      this.#pending.clear()
      this.#bytes = 0
    }
    return version === this.#version
  }

  #store(key: string, answer: CachedAnswer) {
    const old = this.#answers.get(key)
    if (old) this.#drop(key, old.bytes)
    this.#answers.set(key, { answer, bytes: answer.identity.byteLength })
    this.#grow(answer.identity.byteLength)
  }

  #grow(n: number) {
    this.#bytes += n
    for (const [key, slot] of this.#answers) {
      if (this.#bytes <= this.#maxBytes) break
      this.#drop(key, slot.bytes)
    }
  }

  #drop(key: string, bytes: number) {
    this.#answers.delete(key)
    this.#bytes -= bytes
  }
}
