import Database from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import type { Database as Tables } from '../schema.ts'
import { initial } from './migrations/0001-initial.ts'
import { provenance } from './migrations/0002-provenance.ts'
import { importBatches } from './migrations/0003-import-batches.ts'
import { parks } from './migrations/0004-parks.ts'
import { accountsAudit } from './migrations/0005-accounts-audit.ts'
import { accessReports } from './migrations/0006-access-reports.ts'

/**
 * Opens (creating if needed) a SQLite file, in a directory that must exist, in WAL mode and
 * brings its schema up to date. `onQueryError` sees every failed query. Answers Kysely and the
 * better-sqlite3 connection under it, for bulk writes by prepared statement (same connection, so
 * they join a Kysely transaction that is open).
 */
export async function openSqlite(
  file: string,
  onQueryError: (error: unknown) => void,
): Promise<{ db: Kysely<Tables>; sqlite: Database.Database }> {
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // FULL: every commit fsyncs the WAL, so a write the API or an import reported done survives
  // a power cut or OS crash (NORMAL may lose the last commits then). Writes are whole imports and
  // single edits, so one fsync per transaction costs next to nothing.
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // 64 MiB of page cache (default 2 MiB): a 150k-row import's b-trees stay in memory, not spilled.
  sqlite.pragma('cache_size = -65536')
  const db = new Kysely<Tables>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'error') onQueryError(event.error)
    },
  })
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: async () => ({
        '0001-initial': initial,
        '0002-provenance': provenance,
        '0003-import-batches': importBatches,
        '0004-parks': parks,
        '0005-accounts-audit': accountsAudit,
        '0006-access-reports': accessReports,
      }),
    },
  })
  const { error } = await migrator.migrateToLatest()
  if (error) {
    await db.destroy()
    throw new Error(`migrating ${file} failed: ${String(error)}`, { cause: error })
  }
  return { db, sqlite }
}
