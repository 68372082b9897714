import pg from 'pg'
import { z } from 'zod'
import { sql, type Kysely } from 'kysely'
import { REPORT_TYPES } from '../../domain/vocabularies.ts'
import type { Database } from '../schema.ts'
import { OpenReports } from '../open-reports.ts'
import { readDataVersion } from '../kysely/data-version.ts'
import { loadOpenReports } from '../kysely/reports.ts'

/** The channel every instance on a database listens on (NOTIFY is per database). */
const CHANNEL = 'waystation'
/** The listener's name in pg_stat_activity. */
export const LISTENER_NAME = 'waystation-listener'
/** Wait before connecting the listener again once it is lost. */
const RECONNECT_MS = 1000

/** What a write tells every instance, its own included: sent in the write's transaction. */
const changeSchema = z.union([
  /** The data version moved to this. */
  z.object({ version: z.number().int() }),
  /** A worker's report was stored. */
  z.object({
    report: z.object({
      stationId: z.string(),
      id: z.string(),
      type: z.enum(REPORT_TYPES),
      createdAt: z.string(),
    }),
  }),
  /** An editor resolved or dismissed a report. */
  z.object({ closed: z.object({ stationId: z.string(), id: z.string() }) }),
  /** Every report went (a dataset replaced): read them again. */
  z.object({ reportsReplaced: z.literal(true) }),
])
export type Change = z.infer<typeof changeSchema>

/** Inside a write's transaction: every instance hears of `change` once it commits. */
export async function announce(trx: Kysely<Database>, change: Change): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${JSON.stringify(change)})`.execute(trx)
}

/** Inside a write's transaction, after its bump: the new data version, announced. */
export async function announceVersion(trx: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ version: number }>`SELECT v.version,
      pg_notify(${CHANNEL}, json_build_object('version', v.version)::text)
    FROM (SELECT CAST(value AS integer) AS version FROM meta WHERE key = 'data_version') v`.execute(
    trx,
  )
  return rows[0]!.version
}

/**
 * The data version and the open reports, kept in memory and in step across every instance on
 * one database, so that a request reads neither: each write announces its change (announce(),
 * NOTIFY in its transaction, so it is heard on commit and never if rolled back), and a
 * dedicated connection, not the pool's, LISTENs. Once connected it reads both afresh (a change
 * may have been missed while it was away), applying what it hears meanwhile on top. While it is
 * down, `version` and `reports` are null: the store reads the database per request instead
 * (correct, slower) until it is back, tried again every RECONNECT_MS.
 */
export class SharedState {
  readonly #url: string
  readonly #db: Kysely<Database>
  readonly #onError: (err: unknown) => void
  #client: pg.Client | null = null
  #live = false
  #version = 0
  #reports = new OpenReports()
  /** While reading afresh: the changes heard meanwhile, applied once it is read. */
  #heard: Change[] | null = null
  #retry: NodeJS.Timeout | null = null
  #closed = false

  private constructor(url: string, db: Kysely<Database>, onError: (err: unknown) => void) {
    this.#url = url
    this.#db = db
    this.#onError = onError
  }

  /** Listening and read, or (when that failed) reading per request and trying again. */
  static async start(
    url: string,
    db: Kysely<Database>,
    onError: (err: unknown) => void,
  ): Promise<SharedState> {
    const state = new SharedState(url, db, onError)
    await state.#connect()
    return state
  }

  /** The data version, or null while not listening (read the database). */
  get version(): number | null {
    return this.#live ? this.#version : null
  }

  /** The open reports, or null while not listening (read the database). */
  get reports(): OpenReports | null {
    return this.#live ? this.#reports : null
  }

  /**
   * A change this instance committed: applied at once, so its next request sees its own write
   * (its notification, heard a moment later, then changes nothing).
   */
  applied(change: Change): void {
    if ('reportsReplaced' in change) this.#reports.clear()
    this.#apply(change)
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#retry) clearTimeout(this.#retry)
    const client = this.#client
    this.#client = null
    this.#live = false
    await client?.end().catch(() => undefined)
  }

  async #connect(): Promise<void> {
    this.#retry = null
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: LISTENER_NAME,
      keepAlive: true,
    })
    this.#client = client
    client.on('notification', (message) => this.#hear(message.payload))
    client.on('error', (err) => this.#lost(client, err))
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
    } catch (err) {
      this.#lost(client, err)
      return
    }
    await this.#readAfresh()
  }

  #lost(client: pg.Client, err?: unknown): void {
    if (client !== this.#client) return
    if (err !== undefined) this.#onError(err)
    this.#client = null
    this.#live = false
    this.#heard = null
    client.end().catch(() => undefined)
    if (!this.#closed) {
      this.#retry = setTimeout(() => void this.#connect(), RECONNECT_MS)
      this.#retry.unref()
    }
  }

  /**
   * Both read from the database, with what was heard meanwhile on top; then live. Failing, it
   * counts as losing the listener: the next connection reads afresh.
   */
  async #readAfresh(): Promise<void> {
    const client = this.#client
    if (client === null) return
    try {
      for (;;) {
        this.#heard = []
        const reports = new OpenReports()
        const [version] = await Promise.all([
          readDataVersion(this.#db),
          loadOpenReports(this.#db, new Date(), reports),
        ])
        const heard = this.#heard as Change[] | null
        // Lost meanwhile: the next connection reads afresh.
        if (client !== this.#client || heard === null) return
        this.#heard = null
        this.#version = Math.max(this.#version, version)
        this.#reports = reports
        heard.forEach((change) => this.#apply(change))
        this.#live = true
        // Replaced while being read: what was read may be the old set.
        if (!heard.some((change) => 'reportsReplaced' in change)) return
      }
    } catch (err) {
      this.#lost(client, err)
    }
  }

  #hear(payload: string | undefined): void {
    let change: Change
    try {
      change = changeSchema.parse(JSON.parse(payload ?? ''))
    } catch (err) {
      // Not ours to read (another version of the app?): whatever it said, read afresh.
      this.#onError(err)
      change = { reportsReplaced: true }
    }
    if (this.#heard !== null) this.#heard.push(change)
    else if ('reportsReplaced' in change) void this.#readAfresh()
    else this.#apply(change)
  }

  #apply(change: Change): void {
    // Versions only grow: one heard late (a write committed just before ours, or one read
    // before this instance's own write) must not take it back.
    if ('version' in change) this.#version = Math.max(this.#version, change.version)
    else if ('report' in change) {
      const { stationId, ...report } = change.report
      this.#reports.add(stationId, report)
    } else if ('closed' in change) this.#reports.remove(change.closed.stationId, change.closed.id)
  }
}
