import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { Store } from '../db/store.ts'
import type { TileLayer } from '../domain/tile-format.ts'
import type { BuildTask, StageTask, TileTask } from './tile-worker.ts'
import { TILE_LAYER_SOURCES } from './tile-layers.ts'
import type { TileLayerSource } from './tile-layers.ts'

const WORKER_FILE = fileURLToPath(new URL('./tile-worker-boot.mjs', import.meta.url))

/**
 * Vector tiles of the point layers, cut in one worker thread that keeps each layer's index at
 * the newest data version. The index is built on the first tile asked for at a version, once
 * however many requests wait for it (supercluster takes ~1 s for 150,000 points: far too long
 * for the event loop, and it cannot be split into slices).
 */
export class TileService {
  readonly #store: Store
  readonly #sources: Record<TileLayer, TileLayerSource>
  #pool: Piscina | null = null
  /** Per layer: the build in flight or done, and its data version. */
  readonly #builds = new Map<TileLayer, { version: number; done: Promise<number> }>()

  constructor(store: Store, sources = TILE_LAYER_SOURCES) {
    this.#store = store
    this.#sources = sources
  }

  /**
   * The tile's bytes at the store's current data version: empty when nothing falls in it.
   * `cluster: false` gives every point on its own; `openAt` only the points open then.
   */
  async tile(
    layer: TileLayer,
    z: number,
    x: number,
    y: number,
    { cluster = true, openAt }: { cluster?: boolean; openAt?: Date } = {},
  ): Promise<Uint8Array<ArrayBuffer>> {
    // A write between the build and the tile, or a restarted thread, leaves it without that
    // version's index: build again (a second miss in a row means writes keep coming).
    for (let attempt = 0; attempt < 3; attempt++) {
      const version = await this.#store.dataVersion()
      await this.indexed(layer, version)
      const task: TileTask = { layer, version, z, x, y, cluster, openAt: openAt?.getTime() ?? null }
      const bytes = (await this.#run('tile', task)) as Uint8Array<ArrayBuffer> | null
      if (bytes) return bytes
      if (this.#builds.get(layer)?.version === version) this.#builds.delete(layer)
    }
    throw new Error(`the ${layer} tile index kept changing while a tile was cut`)
  }

  /** Resolves once the layer is indexed at `version`, to the build's ms in the thread. */
  indexed(layer: TileLayer, version: number): Promise<number> {
    const current = this.#builds.get(layer)
    if (current?.version === version) return current.done
    const done = this.#build(layer, version)
    this.#builds.set(layer, { version, done })
    // A failed build is forgotten, so the next request tries again.
    done.catch(() => {
      if (this.#builds.get(layer)?.done === done) this.#builds.delete(layer)
    })
    return done
  }

  /** Starts the thread and indexes every layer now, rather than on the first map's request. */
  async warm(): Promise<void> {
    const version = await this.#store.dataVersion()
    for (const layer of Object.keys(this.#sources) as TileLayer[])
      await this.indexed(layer, version)
  }

  async close(): Promise<void> {
    await this.#pool?.destroy()
    this.#pool = null
  }

  async #build(layer: TileLayer, version: number): Promise<number> {
    const source = this.#sources[layer]
    // Each page goes to the thread as it is read: one message per page (150,000 points at once
    // held the event loop ~90 ms), and the event loop never holds the whole layer.
    for await (const points of source.pages(this.#store)) {
      const stage: StageTask = { layer, version, points }
      await this.#run('stage', stage)
    }
    const task: BuildTask = { layer, version, countBy: source.countBy }
    return (await this.#run('build', task)) as number
  }

  #run(name: 'stage' | 'build' | 'tile', task: StageTask | BuildTask | TileTask): Promise<unknown> {
    // One thread: it holds the indexes, so every task must reach the same one.
    this.#pool ??= new Piscina({
      filename: WORKER_FILE,
      minThreads: 1,
      maxThreads: 1,
      execArgv: [],
    })
    return this.#pool.run(task, { name })
  }
}
