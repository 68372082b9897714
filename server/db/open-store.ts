import path from 'node:path'
import type { Store } from './store.ts'
import { SqliteStore } from './sqlite/sqlite-store.ts'
import { PostgresStore } from './postgres/postgres-store.ts'
import { redacted } from './postgres/open-postgres.ts'

/**
 * Where the data lives: a postgres:// URL (DATABASE_URL) or the path of a SQLite file. A plain
 * string, so it crosses into worker threads (the API's imports) as it is.
 */
export type StoreLocation = string

export function storeLocation(settings: {
  dataDir: string
  databaseUrl: string | null
}): StoreLocation {
  return settings.databaseUrl ?? path.join(settings.dataDir, 'waystation.sqlite')
}

const isPostgres = (location: StoreLocation) => /^postgres(ql)?:\/\//.test(location)

/** For messages: the file, or the URL without its password. */
export function describeLocation(location: StoreLocation): string {
  return isPostgres(location) ? redacted(location) : location
}

/** The one place that picks an engine. `serving`: see SqliteStore.open. */
export function openStore(
  location: StoreLocation,
  options: { serving?: boolean } = {},
): Promise<Store> {
  return isPostgres(location) ? PostgresStore.open(location) : SqliteStore.open(location, options)
}
