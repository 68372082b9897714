import { parentPort, workerData } from 'node:worker_threads'
import { openStore, type StoreLocation } from '../db/open-store.ts'
import { ImportRefusedError } from '../db/store.ts'
import { runImport, type RunImportOptions } from './run-import.ts'
import { RegisterFileError, type RegisterFile } from './register.ts'
import { ImportOutOfScopeError } from './import-scope.ts'
import type { ImportOutcome } from './importer.ts'

/**
 * One import, in a thread of its own with its own connection to the database: reading,
 * planning and writing 150,000 rows take seconds of CPU that must not stall the event loop.
 * The server's store sees the new data version and rebuilds its indexes, as it does after the CLI.
 */
export interface ImportTask {
  location: StoreLocation
  files: RegisterFile[]
  options: Omit<RunImportOptions, 'onProgress'>
}

async function run({ location, files, options }: ImportTask): Promise<ImportOutcome> {
  const store = await openStore(location)
  try {
    return { kind: 'report', report: await runImport(store, files, options) }
  } catch (err) {
    // Errors lose their class crossing threads: say which kind this is.
    if (err instanceof RegisterFileError)
      return { kind: 'bad-file', file: err.file, message: err.message }
    if (err instanceof ImportRefusedError) return { kind: 'refused', message: err.message }
    if (err instanceof ImportOutOfScopeError)
      return { kind: 'out-of-scope', message: err.message, records: err.records }
    throw err
  } finally {
    await store.close()
  }
}

parentPort!.postMessage(await run(workerData as ImportTask))
