import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeLocation, openStore, storeLocation } from '../db/open-store.ts'
import type { Store } from '../db/store.ts'
import { prepareDataDir } from '../data-dir.ts'
import { seedIfEmpty } from '../seed.ts'
import type { Settings } from '../settings.ts'

/**
 * The store a command-line tool works on: created, migrated and seeded as `npm start` would
 * (so a tool run first on a fresh clone leaves the same database), saying so on stderr.
 */
export async function openCliStore(settings: Settings): Promise<Store> {
  if (settings.databaseUrl === null) prepareDataDir(settings.dataDir)
  const location = storeLocation(settings)
  const store = await openStore(location)
  try {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
    if (await seedIfEmpty(store, path.join(root, 'data'), settings.seed)) {
      console.error(`created ${describeLocation(location)} (seed: ${settings.seed})`)
    }
    return store
  } catch (err) {
    await store.close()
    throw err
  }
}
