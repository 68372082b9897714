import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../e2e/harness.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { dumpSqlite } from '../db/dump-sqlite.ts'
import { runCli, spawnCli, stationLine } from './run-cli.ts'

// `npm run backup` against a live server that is being written to, then the README's restore
// procedure followed step by step into another data directory: the restored server must hold
// exactly what the original held at the backup's moment, table by table and answer by answer.

const BACKUP = 'server/cli/backup.ts'
const DB = 'waystation.sqlite'
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-backup-'))
const servers: RunningServer[] = []
afterAll(async () => {
  for (const s of servers) await s.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const backup = (args: string[], env: Record<string, string>) => runCli(args, env, BACKUP)

/** Answers that depend on the data only (hours evaluated at a fixed instant). */
const AT = '2026-03-04T10:00:00%2B08:00'
const probes = [
  '/api/health',
  `/api/stations/nearby?lon=120.07&lat=30.201&radius=2000&limit=50&at=${AT}`,
  `/api/stations/nearby?lon=120.15&lat=30.28&radius=5000&limit=30&at=${AT}`,
  '/api/classes/nearby?lon=120.15&lat=30.28&radius=10000&limit=20',
]
async function answers(base: string): Promise<unknown[]> {
  return Promise.all(
    probes.map(async (url) => {
      const res = await fetch(base + url)
      expect(res.status, url).toBe(200)
      return res.json()
    }),
  )
}

describe('npm run backup', () => {
  it(
    'refuses a missing database, a missing folder and an existing file',
    { timeout: 120_000 },
    async () => {
      const empty = path.join(tmp, 'empty')
      fs.mkdirSync(empty)
      const env = { WAYSTATION_DATA_DIR: empty }
      const noDb = await backup([path.join(tmp, 'a.sqlite')], env)
      expect(noDb.code).toBe(1)
      expect(noDb.stderr).toMatch(/no database at .*waystation\.sqlite/)

      await (await SqliteStore.open(path.join(empty, DB))).close()
      const noFolder = await backup([path.join(tmp, 'missing', 'a.sqlite')], env)
      expect(noFolder.code).toBe(1)
      expect(noFolder.stderr).toMatch(/folder .*missing does not exist/)

      const taken = path.join(tmp, 'taken.sqlite')
      fs.writeFileSync(taken, 'keep me')
      const exists = await backup([taken], env)
      expect(exists.code).toBe(1)
      expect(exists.stderr).toMatch(/exists \(--force replaces it\)/)
      expect(fs.readFileSync(taken, 'utf8')).toBe('keep me')

      const usage = await backup([], env)
      expect(usage.code).toBe(2)
      const postgres = await backup([path.join(tmp, 'pg.sqlite')], {
        ...env,
        DATABASE_URL: 'postgres://localhost/waystation',
      })
      expect(postgres.code).toBe(1)
      expect(postgres.stderr).toMatch(/SQLite store only.*pg_dump/)
    },
  )

  it(
    'copies a live, written-to database; the README restore gives back that moment exactly',
    { timeout: 300_000 },
    async () => {
      const original = await startServer({ dataDir: path.join(tmp, 'original') })
      servers.push(original)
      const env = { WAYSTATION_DATA_DIR: original.dataDir }
      const dbFile = path.join(original.dataDir, DB)

      // Every state the original passes through, keyed by data version: its tables and answers.
      const states = new Map<number, { tables: unknown; answers: unknown[] }>()
      const record = async () => {
        const [health, ...rest] = await answers(original.baseUrl)
        const version = (health as { dataVersion: number }).dataVersion
        states.set(version, { tables: dumpSqlite(dbFile), answers: [health, ...rest] })
      }
      await record()

      // Imports commit one after another, each recorded, from before the backup starts until
      // after it ends; a backup that tore a commit would match none of the recorded states.
      const file = path.join(tmp, 'backup.sqlite')
      const run = spawnCli([file], env, BACKUP)
      let backupDone = false
      void run.exited.then(() => (backupDone = true))
      for (let batch = 0; batch < 8 && (batch < 2 || !backupDone); batch++) {
        const lines = Array.from({ length: 1500 }, (_, i) => stationLine(batch * 1500 + i))
        const register = path.join(tmp, `batch-${batch}.jsonl`)
        fs.writeFileSync(register, `${lines.join('\n')}\n`)
        const imported = await runCli([register, '--source', `batch ${batch}`], env)
        expect(imported.code, imported.stderr).toBe(0)
        await record()
      }
      expect(await run.exited, run.stderr()).toBe(0)
      expect(states.size).toBeGreaterThanOrEqual(3)
      const version = Number(/data version (\d+)/.exec(run.stdout())?.[1])
      const moment = states.get(version)
      expect(moment, `backup at data version ${version}`).toBeDefined()
      expect(fs.readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([])

      // Restore into a data dir whose server crashed: its -wal and -shm are stale.
      const restoredDir = path.join(tmp, 'restored')
      const crashed = await startServer({ dataDir: restoredDir, env: { WAYSTATION_SEED: 'none' } })
      crashed.child.kill('SIGKILL')
      await crashed.stop()
      const target = path.join(restoredDir, DB)
      expect(fs.existsSync(`${target}-wal`)).toBe(true)

      // The README's procedure: server stopped; delete -wal and -shm; copy the backup; start.
      fs.rmSync(`${target}-wal`, { force: true })
      fs.rmSync(`${target}-shm`, { force: true })
      fs.copyFileSync(file, target)
      const restored = await startServer({ dataDir: restoredDir })
      servers.push(restored)

      expect(dumpSqlite(target)).toEqual(moment!.tables)
      expect(await answers(restored.baseUrl)).toEqual(moment!.answers)
    },
  )
})
