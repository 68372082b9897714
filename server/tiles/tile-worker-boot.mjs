// Entry of the tile thread: registers tsx there (its hooks do not reach worker threads on
// Node 20), then loads the TypeScript tasks, which Piscina calls by name.
import { register } from 'tsx/esm/api'

register()
export const { build, tile } = await import('./tile-worker.ts')
