import pg from 'pg'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PostgresStore } from '../../../server/db/postgres/postgres-store.ts'
import { openPostgres } from '../../../server/db/postgres/open-postgres.ts'
import { LISTENER_NAME, SharedState } from '../../../server/db/postgres/shared-state.ts'
import type { AuditActor } from '../../../server/db/store.ts'
import { makeDataset } from '../../fixtures/dataset.ts'
import { usePostgres } from './pg-cluster.ts'
import { pgUnavailable } from './pg-available.ts'

// Several API instances on one database: what one writes, the others know within moments,
// from memory (LISTEN/NOTIFY), and still when their listening connection is cut.

const EDITOR: AuditActor = { userId: null, name: 'instances test' }
/** Another instance hears of a change within this (it takes milliseconds). */
const SOON = { timeout: 5000, interval: 20 }

describe.skipIf(pgUnavailable !== null)(
  `PostgreSQL instances on one database${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    const server = usePostgres()
    const data = makeDataset()
    const station = data.stations.find((s) => s.status === 'active')!
    let url: string
    let a: PostgresStore
    let b: PostgresStore
    beforeEach(async () => {
      url = await server.createDatabase()
      ;[a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)])
      await a.replaceDataset(data)
    })
    afterEach(async () => {
      await Promise.all([a.close(), b.close()])
    })

    const openReportsOn = async (store: PostgresStore) =>
      (await store.trust([station.id], new Date()))[0]!.openReports
    /** A new edit of the station through `store`: the data version moves. */
    const edit = async (store: PostgresStore) => {
      const before = (await store.getStation(station.id))!
      await store.writeRecord({
        layer: 'stations',
        id: station.id,
        expected: before,
        next: { ...before, phone: `0571-${String(Date.now()).slice(-8)}` },
        actor: EDITOR,
        action: 'update',
        at: new Date().toISOString(),
      })
    }
    /** Ends every listening connection on this database, as a network cut or restart would. */
    const cutListeners = () =>
      admin(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = $1 AND datname = current_database()`,
      )
    /** The server processes of the listening connections on this database. */
    const listeners = async () =>
      (
        await admin(`SELECT pid FROM pg_stat_activity
          WHERE application_name = $1 AND datname = current_database() ORDER BY pid`)
      ).map((r) => r.pid as number)
    const admin = async (text: string) => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        return (await client.query(text, [LISTENER_NAME])).rows
      } finally {
        await client.end()
      }
    }

    it("a write through one instance moves the other's data version", async () => {
      await expect.poll(() => b.dataVersion(), SOON).toBe(await a.dataVersion())
      const version = await a.dataVersion()
      await edit(a)
      // The writer knows at once; the other within moments.
      expect(await a.dataVersion()).toBe(version + 1)
      await expect.poll(() => b.dataVersion(), SOON).toBe(version + 1)
      await edit(b)
      await expect.poll(() => a.dataVersion(), SOON).toBe(version + 2)
    })

    it("a report made through one instance is in the other's trust signal, until closed", async () => {
      const none = await a.reportsTag()
      const report = (await a.addReport(station.id, { type: 'locked' }, new Date()))!
      expect(await openReportsOn(a)).toEqual({ locked: 1 })
      await expect.poll(() => openReportsOn(b), SOON).toEqual({ locked: 1 })
      // Both hold the same reports, so both tag them alike (answers keyed on it agree).
      const one = await a.reportsTag()
      expect(one).not.toBe(none)
      expect(await b.reportsTag()).toBe(one)
      await b.closeReport({
        id: report.id,
        status: 'dismissed',
        auditEntryId: null,
        actor: EDITOR,
        at: new Date().toISOString(),
      })
      expect(await openReportsOn(b)).toEqual({})
      await expect.poll(() => openReportsOn(a), SOON).toEqual({})
      expect([await a.reportsTag(), await b.reportsTag()]).toEqual([none, none])
      // A replaced dataset has no reports, on every instance.
      await b.addReport(station.id, { type: 'not_found' }, new Date())
      await expect.poll(() => openReportsOn(a), SOON).toEqual({ not_found: 1 })
      await a.replaceDataset(data)
      await expect.poll(() => openReportsOn(b), SOON).toEqual({})
      expect(await openReportsOn(a)).toEqual({})
    })

    it('answers right while its listener is cut, and listens again', async () => {
      const before = await listeners()
      expect(before).toHaveLength(2)
      const version = await a.dataVersion()
      await cutListeners()
      // Written while nobody listens: nobody hears of it, every instance must still know.
      await edit(a)
      await a.addReport(station.id, { type: 'closed' }, new Date())
      await expect.poll(() => b.dataVersion(), SOON).toBe(version + 1)
      await expect.poll(() => openReportsOn(b), SOON).toEqual({ closed: 1 })
      // Back within a second or so, on new connections; then changes are heard again.
      await expect
        .poll(async () => (await listeners()).filter((pid) => !before.includes(pid)), SOON)
        .toHaveLength(2)
      await edit(a)
      await expect.poll(() => b.dataVersion(), SOON).toBe(version + 2)
      expect(await openReportsOn(b)).toEqual({ closed: 1 })
    })

    it('reads both afresh when it listens again: what it missed meanwhile is not lost', async () => {
      const { db } = await openPostgres(url, () => undefined)
      const state = await SharedState.start(url, db, () => undefined)
      try {
        expect(state.version).toBe(await a.dataVersion())
        expect(state.reports?.trust([station.id], new Date())[0]!.openReports).toEqual({})
        await cutListeners()
        // Down: it says so (the store then reads the database per request)...
        await expect.poll(() => state.version, SOON).toBeNull()
        expect(state.reports).toBeNull()
        // ...and misses what is written meanwhile (a listener comes back after a second).
        await expect.poll(listeners, SOON).toEqual([])
        await edit(a)
        await a.addReport(station.id, { type: 'locked' }, new Date())
        const version = await a.dataVersion()
        await expect.poll(() => state.version, SOON).toBe(version)
        expect(state.reports?.trust([station.id], new Date())[0]!.openReports).toEqual({
          locked: 1,
        })
      } finally {
        await state.close()
        await db.destroy()
      }
    })
  },
)
