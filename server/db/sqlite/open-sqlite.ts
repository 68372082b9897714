import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import type { Database as Tables } from '../schema.ts'
import { initial } from './migrations/0001-initial.ts'

/** Opens (creating if needed) a SQLite file in WAL mode and brings its schema up to date. */
export async function openSqlite(file: string): Promise<Kysely<Tables>> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) })
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ '0001-initial': initial }) },
  })
  const { error } = await migrator.migrateToLatest()
  if (error) {
    await db.destroy()
    throw new Error(`migrating ${file} failed: ${String(error)}`, { cause: error })
  }
  return db
}
