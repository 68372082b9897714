// Entry of the coverage worker threads. tsx's hooks do not reach worker threads on Node 20
// (its --import loader registers them on the main thread only), so each worker registers them
// here, then loads the TypeScript tasks. Piscina calls these exports by name.
import { register } from 'tsx/esm/api'

register()
export const { grid, figures, gaps, suggestions, openAt } = await import('./coverage-worker.ts')
