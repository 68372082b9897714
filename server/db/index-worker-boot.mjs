// Entry of an index thread: registers tsx there (its hooks do not reach worker threads on
// Node 20), then loads the TypeScript worker named in workerData.module.
import os from 'node:os'
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

// A rebuild is a second of CPU at national scale: on a busy machine the event loop must win
// (Linux lowers just this thread; elsewhere it is skipped).
if (os.platform() === 'linux') os.setPriority(10)

register()
await import(workerData.module)
