import path from 'node:path'
import { parseArgs } from 'node:util'
import { BackupRefusedError, backupSqlite } from '../db/sqlite/backup-sqlite.ts'
import { readSettings, SettingsError } from '../settings.ts'

// `npm run backup -- FILE`: a consistent copy of the database under WAYSTATION_DATA_DIR, taken
// while the server runs and writes. Exit 0: written; 1: refused or failed (nothing at FILE
// changed); 2: usage or a bad setting.

const USAGE = `Usage:
  npm run backup -- FILE [--force]

Copies WAYSTATION_DATA_DIR/waystation.sqlite (default var/) to FILE with SQLite's online backup
API: safe while the server runs and writes; the copy is one consistent state, checked before it
is put in place. FILE's folder must exist; an existing FILE is kept unless --force.
Restore: stop the server, delete waystation.sqlite-wal and waystation.sqlite-shm in the data
directory, copy FILE to waystation.sqlite there, start the server.
Exit status: 0 written, 1 refused or failed (FILE untouched), 2 bad arguments.`

class UsageError extends Error {}

function parse(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { force: { type: 'boolean' }, help: { type: 'boolean' } },
  })
  if (values.help) return null
  if (positionals.length !== 1) throw new UsageError('give exactly one FILE to write')
  return { file: path.resolve(positionals[0]!), force: values.force === true }
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>
  let dataDir: string
  try {
    args = parse(process.argv.slice(2))
    dataDir = readSettings(process.env).dataDir
  } catch (err) {
    if (err instanceof SettingsError) {
      console.error(err.message)
      return 2
    }
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`)
    return 2
  }
  if (args === null) {
    console.log(USAGE)
    return 0
  }
  if (process.env.DATABASE_URL) {
    console.error(
      'DATABASE_URL is set: this command backs up the SQLite store only. Back up PostgreSQL ' +
        'with its own tools (pg_dump, or pg_basebackup for a whole cluster); unset ' +
        'DATABASE_URL to back up WAYSTATION_DATA_DIR/waystation.sqlite.',
    )
    return 1
  }
  const source = path.join(dataDir, 'waystation.sqlite')
  const t0 = performance.now()
  try {
    const s = await backupSqlite(source, args.file, { force: args.force })
    const seconds = ((performance.now() - t0) / 1000).toFixed(1)
    console.log(
      `backed up ${source} to ${args.file}: ${s.stations} stations, ${s.classes} classes, ` +
        `data version ${s.dataVersion}, ${(s.bytes / 2 ** 20).toFixed(1)} MiB in ${seconds} s`,
    )
    return 0
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    console.error(err instanceof BackupRefusedError ? `refused: ${why}` : `backup failed: ${why}`)
    return 1
  }
}

process.exitCode = await main()
