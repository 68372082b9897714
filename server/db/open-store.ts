import type { Store } from './store.ts'
import { isPostgres, type StoreLocation } from './store-location.ts'
import { SqliteStore } from './sqlite/sqlite-store.ts'
import { PostgresStore } from './postgres/postgres-store.ts'
import { redacted } from './postgres/open-postgres.ts'

export { storeLocation, type StoreLocation } from './store-location.ts'

/** For messages: the file, or the URL without its password. */
export function describeLocation(location: StoreLocation): string {
  return isPostgres(location) ? redacted(location) : location
}

/** The one place that picks an engine. `serving` and `pageCheck`: see SqliteStore.open. */
export function openStore(
  location: StoreLocation,
  options: { serving?: boolean; pageCheck?: Promise<string[]> } = {},
): Promise<Store> {
  return isPostgres(location) ? PostgresStore.open(location) : SqliteStore.open(location, options)
}
