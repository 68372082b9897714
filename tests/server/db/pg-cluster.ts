import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll } from 'vitest'
import { freePort } from '../../e2e/free-port.ts'
import { PostgresStore } from '../../../server/db/postgres/postgres-store.ts'
import { PG_BIN as BIN } from './pg-available.ts'

/**
 * A PostgreSQL + PostGIS for one test file: the server at WAYSTATION_TEST_DATABASE_URL when set,
 * else a throwaway cluster of Debian's PostgreSQL 15 started in beforeAll (initdb in a fresh
 * temporary folder, a free port on loopback, its unix socket in that folder) and stopped and
 * deleted in afterAll. Per file rather than a vitest globalSetup: only the files that use it pay
 * its ~2 s start, and a run of unrelated tests starts no server.
 *
 * Each database it makes is a copy of one template holding PostGIS and the store's schema
 * (CREATE DATABASE … TEMPLATE is a file copy, where CREATE EXTENSION postgis and the migrations
 * take a second or two).
 */

const TEMPLATE = 'waystation_postgis'
/** The superuser initdb makes, and the only one the cluster trusts (loopback and socket only). */
const USER = 'waystation'

const given = process.env.WAYSTATION_TEST_DATABASE_URL

export interface PgTestServer {
  /** A new, empty database with PostGIS, and its URL. */
  createDatabase(): Promise<string>
}

/** Registers beforeAll/afterAll for a server this file's tests can make databases on. */
export function usePostgres(): PgTestServer {
  let cluster: { dir: string; adminUrl: string } | null = null
  let adminUrl = ''
  let made = 0
  beforeAll(async () => {
    if (given) {
      adminUrl = given
    } else {
      cluster = await startCluster()
      adminUrl = cluster.adminUrl
    }
    await admin(adminUrl, async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE])
      if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${TEMPLATE}`)
    })
    // Opening a store migrates it (PostGIS included); closed, it leaves no connection, as a
    // template must.
    await (await PostgresStore.open(withDatabase(adminUrl, TEMPLATE))).close()
  }, 60_000)
  afterAll(() => {
    if (cluster) stopCluster(cluster.dir)
  })
  return {
    async createDatabase() {
      // Unique across files sharing one given server: process id and a counter.
      const name = `waystation_test_${process.pid}_${++made}`
      await admin(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name}`)
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`)
      })
      return withDatabase(adminUrl, name)
    },
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

async function admin(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

/** PostgreSQL will not run as root: as root, its commands run as Debian's `postgres` user. */
function run(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args]]
    : [path.join(BIN, command), args]
  execFileSync(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] })
}

async function startCluster(): Promise<{ dir: string; adminUrl: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-pg-'))
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir])
  const data = path.join(dir, 'data')
  const port = await freePort()
  try {
    run('initdb', ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--locale=C', '-N'])
    // A test cluster: durability off (fsync, full pages) for speed; loopback only.
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
    ].join(' ')
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start'])
  } catch (err) {
    const log = path.join(dir, 'log')
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : ''
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`could not start a test PostgreSQL: ${String(err)}\n${tail}`, { cause: err })
  }
  return { dir, adminUrl: `postgres://${USER}@127.0.0.1:${port}/postgres` }
}

function stopCluster(dir: string): void {
  try {
    run('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'])
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
