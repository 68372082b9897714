import path from 'node:path'

/**
 * Where the data lives: a postgres:// URL (DATABASE_URL) or the path of a SQLite file. A plain
 * string, so it crosses into worker threads (the API's imports) as it is. This module loads no
 * engine: main.ts reads it before the server's modules load.
 */
export type StoreLocation = string

export function storeLocation(settings: {
  dataDir: string
  databaseUrl: string | null
}): StoreLocation {
  return settings.databaseUrl ?? path.join(settings.dataDir, 'waystation.sqlite')
}

export const isPostgres = (location: StoreLocation) => /^postgres(ql)?:\/\//.test(location)
