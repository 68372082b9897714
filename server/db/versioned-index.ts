import type { IndexThread } from './index-thread.ts'

/**
 * A store's in-memory index at the newest data version built: rebuilt in the store's index
 * thread when asked, one build at a time (callers while one runs share it), and a build read at
 * an older version than the one held is dropped. Data versions only grow.
 */
export class VersionedIndex<C extends { version: number }, I> {
  readonly #thread: Pick<IndexThread<C>, 'build' | 'close'>
  readonly #make: (columns: C) => I
  #held: { version: number; index: I } | null = null
  #building: Promise<void> | null = null

  /** `make` turns a build's columns (moved from the thread) into the index. */
  constructor(thread: Pick<IndexThread<C>, 'build' | 'close'>, make: (columns: C) => I) {
    this.#thread = thread
    this.#make = make
  }

  /** The index held; null before the first build. */
  get index(): I | null {
    return this.#held?.index ?? null
  }

  /** The data version the held index was read at; -1 before the first build. */
  get version(): number {
    return this.#held?.version ?? -1
  }

  /** Installs columns read on this thread (a store that serves nothing skips the thread). */
  install(columns: C): void {
    if (columns.version >= this.version) {
      this.#held = { version: columns.version, index: this.#make(columns) }
    }
  }

  /** Builds in the thread; the index held answers until the new one is installed in one step. */
  rebuild(): Promise<void> {
    this.#building ??= this.#thread
      .build()
      .then((columns) => this.install(columns))
      .finally(() => (this.#building = null))
    return this.#building
  }

  /**
   * Waits for an index at `version` or later. A build already in flight may have read before
   * the latest commit: then the next one, started after it, reads at least that commit.
   */
  async fresh(version: number): Promise<void> {
    for (let i = 0; i < 2 && this.version < version; i++) await this.rebuild()
  }

  close(): Promise<void> {
    return this.#thread.close()
  }
}
