// Entry of the tile thread: registers tsx there (its hooks do not reach worker threads on
// Node 20), then loads the TypeScript tasks, which Piscina calls by name.
import os from 'node:os'
import { register } from 'tsx/esm/api'

// An index build is seconds of CPU at national scale: on a busy machine the event loop must
// win, as for the coverage threads (Linux lowers just this thread; elsewhere it is skipped).
if (os.platform() === 'linux') os.setPriority(10)

register()
export const { stage, build, tile } = await import('./tile-worker.ts')
