// Entry of the coverage worker threads. tsx's hooks do not reach worker threads on Node 20
// (its --import loader registers them on the main thread only), so each worker registers them
// here, then loads the TypeScript tasks. Piscina calls these exports by name.
import os from 'node:os'
import { register } from 'tsx/esm/api'

// Coverage work is background work: on a busy CPU the event loop must win. Linux applies a
// priority to the calling thread only, so this lowers just this worker (elsewhere, where it
// would lower the whole process or is refused, it is skipped).
if (os.platform() === 'linux') os.setPriority(10)

register()
export const { grid, figures, gaps, suggestions, scenario, openAt } =
  await import('./coverage-worker.ts')
