// Entry of the import worker thread: tsx's hooks do not reach worker threads on Node 20, so it
// registers them here, then runs the TypeScript task (see worker-importer.ts).
import { register } from 'tsx/esm/api'

register()
await import('./import-worker.ts')
