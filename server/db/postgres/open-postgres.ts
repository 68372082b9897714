import { createHash } from 'node:crypto'
import pg from 'pg'
import { Kysely, Migrator, PostgresDialect, type CompiledQuery } from 'kysely'
import type { Database as Tables } from '../schema.ts'
import { initial } from './migrations/0001-initial.ts'
import { stationPosition } from './migrations/0002-station-position.ts'

/**
 * Runs a compiled query as a named prepared statement on the store's pool, resolving to its
 * rows. For the hot path only (nearby): Kysely's own queries are unnamed, so PostgreSQL parses
 * and plans them on every call, which costs the nearby statement as much as running it. A named
 * one is parsed once per pooled connection, and after five runs PostgreSQL keeps its generic plan.
 */
export type RunPrepared = <R>(query: CompiledQuery) => Promise<R[]>

export interface PostgresConnection {
  db: Kysely<Tables>
  run: RunPrepared
}

/**
 * Connects a pool to a PostgreSQL database (PostGIS installed, or installable by this user) and
 * brings its schema up to date; Kysely's migrator takes a lock, so several instances starting
 * at once migrate once. `onQueryError` sees every failed query.
 */
export async function openPostgres(
  url: string,
  onQueryError: (error: unknown) => void,
): Promise<PostgresConnection> {
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
    provider: {
      getMigrations: async () => ({
        '0001-initial': initial,
        '0002-station-position': stationPosition,
      }),
    },
  })
  const { error } = await migrator.migrateToLatest()
  if (error) {
    await db.destroy()
    throw new Error(`migrating ${redacted(url)} failed: ${String(error)}`, { cause: error })
  }
  // A statement's name must stand for one text on every connection: name it by its digest.
  const names = new Map<string, string>()
  const nameOf = (text: string) => {
    let name = names.get(text)
    if (name === undefined) {
      name = `w${createHash('sha1').update(text).digest('hex')}`
      names.set(text, name)
    }
    return name
  }
  const run: RunPrepared = async <R>(query: CompiledQuery) => {
    try {
      const result = await pool.query({
        name: nameOf(query.sql),
        text: query.sql,
        values: query.parameters as unknown[],
      })
      return result.rows as R[]
    } catch (err) {
      onQueryError(err)
      throw err
    }
  }
  return { db, run }
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
