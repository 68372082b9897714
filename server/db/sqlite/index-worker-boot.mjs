// Entry of the index thread: registers tsx there (its hooks do not reach worker threads on
// Node 20), then loads the TypeScript worker.
import os from 'node:os'
import { register } from 'tsx/esm/api'

// A rebuild is a second of CPU at national scale: on a busy machine the event loop must win
// (Linux lowers just this thread; elsewhere it is skipped).
if (os.platform() === 'linux') os.setPriority(10)

register()
await import('./index-worker.ts')
