import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** A backup refused before anything was written: the message says why, for the operator. */
export class BackupRefusedError extends Error {}

export interface BackupSummary {
  stations: number
  classes: number
  dataVersion: number
  bytes: number
}

/** More pages than any file has: the whole copy in one step, so in one read transaction. */
const ALL_PAGES = 0x7fffffff

/**
 * Copies the SQLite database `source` to `dest` with the online backup API while other
 * connections (a running server, an import) read and write it.
 *
 * The copy is one backup step, so it reads one WAL snapshot: the state after some commit, never
 * half of one, and writers are not blocked meanwhile (stepping page by page would restart
 * whenever another connection commits, and might never finish under steady writes). It is
 * written beside `dest`, switched to a rollback journal so that it is a single self-contained
 * file, checked with quick_check and fsynced, then renamed over `dest`: a failed or interrupted
 * backup never leaves a partial file there.
 */
export async function backupSqlite(
  source: string,
  dest: string,
  { force = false }: { force?: boolean } = {},
): Promise<BackupSummary> {
  if (!fs.existsSync(source)) throw new BackupRefusedError(`there is no database at ${source}`)
  const folder = path.dirname(dest)
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new BackupRefusedError(`the folder ${folder} does not exist`)
  }
  if (fs.existsSync(dest)) {
    if (fs.realpathSync(dest) === fs.realpathSync(source)) {
      throw new BackupRefusedError(`${dest} is the database itself`)
    }
    if (!force) throw new BackupRefusedError(`${dest} exists (--force replaces it)`)
    if (!fs.statSync(dest).isFile()) throw new BackupRefusedError(`${dest} is not a file`)
  }
  const tmp = `${dest}.${process.pid}.tmp`
  try {
    const db = new Database(source, { fileMustExist: true })
    try {
      await db.backup(tmp, { progress: () => ALL_PAGES })
    } finally {
      db.close()
    }
    const summary = checkCopy(tmp)
    const fd = fs.openSync(tmp, 'r')
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, dest)
    return summary
  } finally {
    fs.rmSync(tmp, { force: true })
    fs.rmSync(`${tmp}-journal`, { force: true })
  }
}

/** Makes the copy one file (no -wal), proves it sound, and says what it holds. */
function checkCopy(file: string): BackupSummary {
  const copy = new Database(file, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
    const problems = (copy.pragma('quick_check', { simple: false }) as { quick_check: string }[])
      .map((r) => r.quick_check)
      .filter((r) => r !== 'ok')
    if (problems.length > 0) throw new Error(`the copy failed quick_check: ${problems[0]}`)
    const count = (table: string) =>
      copy.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    const version = copy
      .prepare(`SELECT value FROM meta WHERE key = 'data_version'`)
      .pluck()
      .get() as string | undefined
    return {
      stations: count('stations'),
      classes: count('childcare_classes'),
      dataVersion: Number(version ?? 0),
      bytes: fs.statSync(file).size,
    }
  } finally {
    copy.close()
  }
}
