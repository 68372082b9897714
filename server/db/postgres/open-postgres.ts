import pg from 'pg'
import { Kysely, Migrator, PostgresDialect } from 'kysely'
import type { Database as Tables } from '../schema.ts'
import { initial } from './migrations/0001-initial.ts'

/**
 * Connects a pool to a PostgreSQL database (PostGIS installed, or installable by this user) and
 * brings its schema up to date; Kysely's migrator takes a lock, so several instances starting
 * at once migrate once. `onQueryError` sees every failed query.
 */
export async function openPostgres(
  url: string,
  onQueryError: (error: unknown) => void,
): Promise<Kysely<Tables>> {
  const pool = new pg.Pool({ connectionString: url })
  // An idle client's error (the server restarted) must not crash the process: the pool drops it.
  pool.on('error', onQueryError)
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'error') onQueryError(event.error)
    },
  })
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ '0001-initial': initial }) },
  })
  const { error } = await migrator.migrateToLatest()
  if (error) {
    await db.destroy()
    throw new Error(`migrating ${redacted(url)} failed: ${String(error)}`, { cause: error })
  }
  return db
}

/** The URL without its password, for messages. */
export function redacted(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'DATABASE_URL'
  }
}
