import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inArea } from '../../../server/db/store.ts'
import type { ClassFilter, MapStation, Store, StationFilter } from '../../../server/db/store.ts'
import { amenityMask } from '../../../server/domain/amenity-mask.ts'
import type { Station } from '../../../server/domain/station.ts'
import type { ChildcareClass } from '../../../server/domain/childcare-class.ts'
import type { Park } from '../../../server/domain/park.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { isOpenAt } from '../../../server/domain/opening-hours.ts'
import { nearbyBruteForce } from '../../../server/geo/nearby-brute-force.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'
import { makeDataset } from '../../fixtures/dataset.ts'
import { seedIfEmpty } from '../../../server/seed.ts'
import {
  ImportRefusedError,
  RecordChangedError,
  ReportClosedError,
} from '../../../server/db/store.ts'
import type { AuditActor, ImportChange } from '../../../server/db/store.ts'
import type { ImportCounts } from '../../../server/domain/import-report.ts'
import type { ImportLayer, ImportMode } from '../../../server/import/register.ts'

/** Who the contract's imports are recorded as. */
const ACTOR: AuditActor = { userId: null, name: 'contract test' }
const SHIPPED_DATA = fileURLToPath(new URL('../../../data', import.meta.url))

/**
 * The behaviour every Store must have, whatever its engine (kysely's DIALECTS loop, hono's
 * common router cases). Call it from one test file per implementation, with a way to make an
 * empty store and to open again, as after a restart, the database a closed store was using.
 */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<Store>,
  reopen: (closed: Store) => Promise<Store>,
) {
  describe(`Store contract: ${name}`, () => {
    let store: Store
    const data = makeDataset()
    beforeEach(async () => {
      store = await makeStore()
    })
    afterEach(async () => {
      await store.close()
    })

    const COUNTS: ImportCounts = {
      read: 0,
      add: 0,
      update: 0,
      unchanged: 0,
      remove: 0,
      rejected: 0,
      duplicates: 0,
      warnings: 0,
    }
    let batchNo = 0
    /** A change as the planner would make it, against what the store holds now. */
    const change = async <L extends ImportLayer>(
      layer: L,
      parts: Partial<Pick<ImportChange<L>, 'add' | 'update' | 'remove'>>,
      mode: ImportMode = 'merge',
    ): Promise<ImportChange<L>> => ({
      batch: {
        id: `batch-${++batchNo}`,
        layer,
        source: 'register.jsonl',
        mode,
        files: [{ name: 'register.jsonl', sha256: 'ab'.repeat(32), rows: 3 }],
        counts: { ...COUNTS, add: parts.add?.length ?? 0 },
        createdAt: new Date(Date.UTC(2026, 10, 30, 7, batchNo)).toISOString(),
      },
      basedOn: await store.dataVersion(),
      add: parts.add ?? [],
      update: parts.update ?? [],
      remove: parts.remove ?? [],
    })
    const real = <T extends Station | ChildcareClass | Park>(r: T, over: Partial<T>): T => ({
      ...r,
      sample: false,
      source: 'register.jsonl',
      importBatch: `batch-${batchNo + 1}`,
      ...over,
    })

    const text = (s: Station, q: string) =>
      s.name.toLowerCase().includes(q.toLowerCase()) ||
      s.address.toLowerCase().includes(q.toLowerCase())
    const stationOracle = (origin: LonLat, radiusM: number, limit: number, f: StationFilter) =>
      nearbyBruteForce(
        data.stations,
        (s) => [s.lon, s.lat],
        origin,
        {
          radiusM,
          limit,
          filter: (s: Station) =>
            s.status === 'active' &&
            (f.amenities ?? []).every((a) => s.amenities.includes(a)) &&
            (f.kind === undefined || s.kind === f.kind) &&
            (f.adcode === undefined || inArea(s.adcode, f.adcode)) &&
            (f.text === undefined || text(s, f.text)) &&
            (f.openAt === undefined || isOpenAt(s.openingHours, f.openAt) === true),
        },
        (s) => s.id,
      )

    it('starts empty at data version 0', async () => {
      expect(await store.counts()).toEqual({ stations: 0, classes: 0, counties: 0 })
      expect(await store.dataVersion()).toBe(0)
      expect(await store.hasSampleData()).toBe(false)
    })

    it('stores a data set and reads every record back unchanged', async () => {
      await store.replaceDataset(data)
      expect(await store.counts()).toEqual({ stations: 300, classes: 80, counties: 2 })
      expect(await store.hasSampleData()).toBe(true)
      for (const s of data.stations) expect(await store.getStation(s.id)).toEqual(s)
      expect(await store.getStation('st-missing')).toBeNull()
      const byAdcode = [...data.counties].sort((a, b) => a.id.localeCompare(b.id))
      expect(await store.listCounties()).toEqual(byAdcode)
    })

    it('stores parks and reads them back by id and by area', async () => {
      await store.replaceDataset(data)
      expect(await store.listParks()).toEqual(data.parks)
      expect(await store.getPark(data.parks[1]!.id)).toEqual(data.parks[1])
      expect(await store.getPark('pk-none')).toBeNull()
      for (const area of ['330106', '330102', '330100', '330200']) {
        expect(await store.listParks(area)).toEqual(
          data.parks.filter((p) => inArea(p.adcode, area)),
        )
      }
    })

    it('verifies sound pages and reports no fault, empty and written', async () => {
      expect(await store.verify()).toEqual([])
      expect(await store.fault()).toBeNull()
      await store.replaceDataset(data)
      expect(await store.verify()).toEqual([])
      expect(await store.fault()).toBeNull()
    })

    it('reopens as it was left: same records and data version, nearby index rebuilt', async () => {
      await store.replaceDataset(data)
      const [counts, version] = [await store.counts(), await store.dataVersion()]
      await store.close()
      store = await reopen(store)
      expect(await store.counts()).toEqual(counts)
      expect(await store.dataVersion()).toBe(version)
      // A restart must not reseed a store that has data (which would bump the version).
      expect(await seedIfEmpty(store, SHIPPED_DATA)).toBe(false)
      expect(await store.dataVersion()).toBe(version)
      const rnd = createRandom(7)
      for (let i = 0; i < 20; i++) {
        const origin: LonLat = [rnd.uniform(120.06, 120.24), rnd.uniform(30.21, 30.29)]
        const got = await store.nearbyStations(origin, { radiusM: 5000, limit: 50, filter: {} })
        const want = stationOracle(origin, 5000, 50, {})
        expect(want.length).toBeGreaterThan(0)
        expect(got.hits.map((h) => h.item.id)).toEqual(want.map((h) => h.item.id))
        expect(got.total).toBe(stationOracle(origin, 5000, Infinity, {}).length)
        const classes = await store.nearbyClasses(origin, { radiusM: 5000, limit: 50, filter: {} })
        const wantClasses = nearbyBruteForce(
          data.classes,
          (c) => [c.lon, c.lat],
          origin,
          {
            radiusM: 5000,
            limit: 50,
          },
          (c) => c.id,
        )
        expect(classes.hits.map((h) => h.item.id)).toEqual(wantClasses.map((h) => h.item.id))
      }
    })

    it('writes an import as one batch and rolls it back exactly', async () => {
      await store.replaceDataset(data)
      const before = await store.layerSnapshot('stations')
      expect(before.records).toEqual([...data.stations].sort((a, b) => a.id.localeCompare(b.id)))
      const [s1, s2, s3] = before.records as [Station, Station, Station]
      const added = real(s1, { id: 'st-new', name: '新驿站', amenities: ['fridge', 'toilet'] })
      const updated = real(s2, { phone: '110', amenities: [], status: 'active' })
      const c = await change('stations', {
        add: [added],
        update: [{ before: s2, after: updated }],
        remove: [s3],
      })
      const batch = await store.applyImport(c, ACTOR)
      expect(batch).toEqual({ ...c.batch, rolledBackAt: null })
      expect(await store.dataVersion()).toBe(before.dataVersion + 1)
      expect(await store.getStation('st-new')).toEqual(added)
      expect(await store.getStation(s2.id)).toEqual(updated)
      expect(await store.getStation(s3.id)).toBeNull()
      expect(await store.listImportBatches()).toEqual([batch])
      expect(await store.hasSampleData()).toBe(true)
      // The nearby index sees the change at once.
      const near = await store.nearbyStations([added.lon, added.lat], {
        radiusM: 1,
        limit: 5,
        filter: { amenities: ['fridge'] },
      })
      expect(near.hits.map((h) => h.item.id)).toContain('st-new')

      const undone = await store.rollbackImport(batch.id, ACTOR)
      expect(undone.rolledBackAt).toMatch(/^\d{4}-\d\d-\d\dT/)
      const after = await store.layerSnapshot('stations')
      expect(after.records).toEqual(before.records)
      expect(after.dataVersion).toBe(before.dataVersion + 2) // caches must notice the undo
      expect(await store.listImportBatches()).toEqual([undone])
      const gone = await store.nearbyStations([added.lon, added.lat], {
        radiusM: 1,
        limit: 5,
        filter: { amenities: ['fridge'] },
      })
      expect(gone.hits.map((h) => h.item.id)).not.toContain('st-new')
    })

    it('imports and rolls back classes too', async () => {
      await store.replaceDataset(data)
      const before = await store.layerSnapshot('classes')
      const [c1, c2] = before.records as [ChildcareClass, ChildcareClass]
      const batch = await store.applyImport(
        await change('classes', {
          add: [real(c1, { id: 'cl-new' })],
          update: [{ before: c1, after: real(c1, { enrolled: 0 }) }],
          remove: [c2],
        }),
        ACTOR,
      )
      expect((await store.layerSnapshot('classes')).records.map((c) => c.id)).toContain('cl-new')
      expect((await store.counts()).classes).toBe(80)
      await store.rollbackImport(batch.id, ACTOR)
      expect((await store.layerSnapshot('classes')).records).toEqual(before.records)
    })

    it('imports and rolls back parks too', async () => {
      await store.replaceDataset(data)
      const before = await store.layerSnapshot('parks')
      expect(before.records).toEqual(data.parks)
      const [p1, p2] = before.records as [Park, Park]
      const added = real(p1, { id: 'pk-new' })
      const batch = await store.applyImport(
        await change('parks', {
          add: [added],
          update: [{ before: p1, after: real(p1, { facingDeg: 270 }) }],
          remove: [p2],
        }),
        ACTOR,
      )
      expect(await store.getPark('pk-new')).toEqual(added)
      expect((await store.getPark(p1.id))?.facingDeg).toBe(270)
      expect(await store.getPark(p2.id)).toBeNull()
      await store.rollbackImport(batch.id, ACTOR)
      expect(await store.listParks()).toEqual(data.parks)
    })

    it('rolls back only the newest live batch of a layer, and only once', async () => {
      await store.replaceDataset(data)
      const { records } = await store.layerSnapshot('stations')
      const first = await store.applyImport(
        await change('stations', { add: [real(records[0]!, { id: 'st-x1' })] }),
        ACTOR,
      )
      const other = await store.applyImport(
        await change('classes', { add: [real(data.classes[0]!, { id: 'cl-x1' })] }),
        ACTOR,
      )
      const second = await store.applyImport(
        await change('stations', { add: [real(records[0]!, { id: 'st-x2' })] }),
        ACTOR,
      )
      const refused = async (id: string, why: RegExp) => {
        const version = await store.dataVersion()
        await expect(store.rollbackImport(id, ACTOR)).rejects.toThrow(ImportRefusedError)
        await expect(store.rollbackImport(id, ACTOR)).rejects.toThrow(why)
        expect(await store.dataVersion()).toBe(version)
      }
      await refused(first.id, new RegExp(`${second.id} came after ${first.id}.*roll it back first`))
      await refused('nope', /there is no import batch nope/)
      // Another layer's batch does not stand in the way.
      await store.rollbackImport(other.id, ACTOR)
      await store.rollbackImport(second.id, ACTOR)
      await refused(second.id, /was rolled back at/)
      await store.rollbackImport(first.id, ACTOR)
      expect(await store.counts()).toEqual({ stations: 300, classes: 80, counties: 2 })
      expect((await store.listImportBatches()).map((b) => [b.id, b.rolledBackAt !== null])).toEqual(
        [
          [second.id, true],
          [other.id, true],
          [first.id, true],
        ],
      )
    })

    it('writes nothing when the plan is stale or any record is refused', async () => {
      await store.replaceDataset(data)
      const before = await store.layerSnapshot('stations')
      const s = before.records[0]!
      const stale = await change('stations', { add: [real(s, { id: 'st-stale' })] })
      await store.replaceDataset(data) // another writer moved the data meanwhile
      await expect(store.applyImport(stale, ACTOR)).rejects.toThrow(/data changed.*run it again/)
      const broken = await change('stations', {
        add: [real(s, { id: 'st-ok' }), real(s, { id: 'st-bad', adcode: '999999' })],
        remove: [before.records[1]!],
      })
      await expect(store.applyImport(broken, ACTOR)).rejects.toThrow()
      const now = await store.layerSnapshot('stations')
      expect(now.records).toEqual(before.records)
      expect(now.dataVersion).toBe(before.dataVersion + 1) // only the replaceDataset
      expect(await store.listImportBatches()).toEqual([])
    })

    it('writes one record with its audit entry, and refuses a writer who saw an older one', async () => {
      await store.replaceDataset(data)
      const editor: AuditActor = { userId: 7, name: '西湖区编辑' }
      const s = (await store.getStation(data.stations[0]!.id))!
      const moved = { ...s, lon: s.lon + 0.001, amenities: ['wifi' as const], adcode: '330102' }
      const at = '2026-11-30T09:00:00.000Z'
      const version = await store.dataVersion()
      const write = { layer: 'stations' as const, id: s.id, actor: editor, at }
      const entry = await store.writeRecord({
        ...write,
        expected: s,
        next: moved,
        action: 'update',
      })
      expect(entry).toEqual({
        id: entry.id,
        at,
        userId: 7,
        actor: '西湖区编辑',
        action: 'update',
        layer: 'stations',
        recordId: s.id,
        batchId: null,
        adcodes: [...new Set([s.adcode, '330102'])].sort(),
        before: s,
        after: moved,
        undoes: null,
      })
      expect(await store.getStation(s.id)).toEqual(moved)
      expect(await store.dataVersion()).toBe(version + 1)
      expect(await store.getAuditEntry(entry.id)).toEqual(entry)
      // The index follows the write.
      const near = await store.nearbyStations([moved.lon, moved.lat], {
        radiusM: 1,
        limit: 5,
        filter: { amenities: ['wifi'] },
      })
      expect(near.hits.map((h) => h.item.id)).toContain(s.id)
      // Written against the old image: refused, nothing changes.
      await expect(
        store.writeRecord({ ...write, expected: s, next: { ...s, phone: '1' }, action: 'update' }),
      ).rejects.toThrow(RecordChangedError)
      expect(await store.getStation(s.id)).toEqual(moved)
      expect(await store.dataVersion()).toBe(version + 1)
      // Created (must not exist yet), removed, undone; classes alike.
      const added = { ...s, id: 'st-added' }
      await store.writeRecord({
        ...write,
        id: added.id,
        expected: null,
        next: added,
        action: 'create',
      })
      await expect(
        store.writeRecord({
          ...write,
          id: added.id,
          expected: null,
          next: added,
          action: 'create',
        }),
      ).rejects.toThrow(RecordChangedError)
      await store.writeRecord({
        ...write,
        id: added.id,
        expected: added,
        next: null,
        action: 'undo',
        undoes: 2,
      })
      expect(await store.getStation(added.id)).toBeNull()
      const k = (await store.getClass(data.classes[0]!.id))!
      expect(k).toEqual(data.classes[0])
      expect(await store.getClass('cl-none')).toBeNull()
      await store.writeRecord({
        layer: 'classes',
        id: k.id,
        expected: k,
        next: null,
        action: 'delete',
        actor: editor,
        at,
      })
      expect(await store.getClass(k.id)).toBeNull()
      expect((await store.counts()).classes).toBe(79)

      // Newest first, by record, by user, by county, in pages.
      const all = await store.listAudit({ limit: 10 })
      expect(all.entries.map((e) => e.action)).toEqual(['delete', 'undo', 'create', 'update'])
      expect(all.entries.find((e) => e.action === 'undo')?.undoes).toBe(2)
      expect((await store.listAudit({ recordId: s.id, limit: 10 })).entries).toEqual([entry])
      expect((await store.listAudit({ layer: 'classes', limit: 10 })).entries).toHaveLength(1)
      expect((await store.listAudit({ userId: 8, limit: 10 })).entries).toEqual([])
      expect((await store.listAudit({ adcodes: ['330102'], limit: 10 })).entries).toContainEqual(
        entry,
      )
      expect((await store.listAudit({ adcodes: [], limit: 10 })).entries).toEqual([])
      const first = await store.listAudit({ limit: 3 })
      const rest = await store.listAudit({ limit: 3, beforeId: first.nextBefore! })
      expect([...first.entries, ...rest.entries]).toEqual(all.entries)
      expect(rest.nextBefore).toBeNull()
    })

    it('records an import and its rollback as one audit entry each', async () => {
      await store.replaceDataset(data)
      const [s1, s2] = (await store.layerSnapshot('stations')).records as [Station, Station]
      const c = await change('stations', {
        add: [real(s1, { id: 'st-imported', adcode: '330102' })],
        remove: [s2],
      })
      const batch = await store.applyImport(c, ACTOR)
      const undone = await store.rollbackImport(batch.id, { userId: 3, name: '管理员' })
      const { entries } = await store.listAudit({ limit: 10 })
      const adcodes = [...new Set(['330102', s2.adcode])].sort()
      expect(entries).toMatchObject([
        {
          action: 'rollback',
          batchId: batch.id,
          userId: 3,
          actor: '管理员',
          before: batch,
          after: undone,
          adcodes,
        },
        {
          action: 'import',
          batchId: batch.id,
          userId: null,
          actor: ACTOR.name,
          recordId: null,
          before: null,
          after: batch,
          adcodes,
        },
      ])
    })

    it('keeps accounts by token digest, and sessions until they expire or the account is revoked', async () => {
      const made = await store.createAccount({
        name: '西湖区编辑',
        role: 'editor',
        counties: ['330106'],
        tokenHash: 'a'.repeat(64),
        createdAt: '2026-11-30T09:00:00.000Z',
      })
      const admin = await store.createAccount({
        name: '管理员',
        role: 'admin',
        counties: [],
        tokenHash: 'b'.repeat(64),
        createdAt: '2026-11-30T09:01:00.000Z',
      })
      expect(made).toEqual({
        id: made.id,
        name: '西湖区编辑',
        role: 'editor',
        counties: ['330106'],
        createdAt: '2026-11-30T09:00:00.000Z',
        revokedAt: null,
      })
      await expect(
        store.createAccount({ ...admin, tokenHash: 'a'.repeat(64), createdAt: admin.createdAt }),
      ).rejects.toThrow() // one token, one account
      expect(await store.accountByTokenHash('a'.repeat(64))).toEqual({
        account: made,
        tokenHash: 'a'.repeat(64),
      })
      expect(await store.accountByTokenHash('c'.repeat(64))).toBeNull()
      expect(await store.listAccounts()).toEqual([made, admin])

      const session = (idHash: string, userId: number, expiresAt: string) =>
        store.createSession({ idHash, userId, createdAt: '2026-11-30T10:00:00.000Z', expiresAt })
      await session('s1', made.id, '2026-11-30T18:00:00.000Z')
      await session('s2', admin.id, '2026-11-30T18:00:00.000Z')
      expect(await store.sessionAccount('s1', '2026-11-30T12:00:00.000Z')).toEqual({
        account: made,
        expiresAt: '2026-11-30T18:00:00.000Z',
      })
      expect(await store.sessionAccount('s1', '2026-11-30T18:00:00.000Z')).toBeNull() // expired
      expect(await store.sessionAccount('nope', '2026-11-30T12:00:00.000Z')).toBeNull()
      await store.deleteSession('s2')
      expect(await store.sessionAccount('s2', '2026-11-30T12:00:00.000Z')).toBeNull()

      const revoked = await store.revokeAccount(made.id, '2026-11-30T13:00:00.000Z')
      expect(revoked).toEqual({ ...made, revokedAt: '2026-11-30T13:00:00.000Z' })
      expect(await store.sessionAccount('s1', '2026-11-30T12:00:00.000Z')).toBeNull()
      expect((await store.accountByTokenHash('a'.repeat(64)))?.account.revokedAt).toBe(
        '2026-11-30T13:00:00.000Z',
      )
      // Revoking again keeps the first time; an unknown id is null.
      expect(await store.revokeAccount(made.id, '2026-12-01T00:00:00.000Z')).toEqual(revoked)
      expect(await store.revokeAccount(9999, '2026-12-01T00:00:00.000Z')).toBeNull()
    })

    it('bumps the data version on every write', async () => {
      await store.replaceDataset(data)
      const v1 = await store.dataVersion()
      await store.replaceDataset(data)
      expect(await store.dataVersion()).toBe(v1 + 1)
    })

    it('keeps reports apart from the data: no version bump, a trust signal, kept on reopen', async () => {
      await store.replaceDataset(data)
      const version = await store.dataVersion()
      const [a, b] = [data.stations[0]!, data.stations[1]!]
      const at = (iso: string) => new Date(iso)
      expect(
        await store.addReport('st-missing', { type: 'locked' }, at('2026-06-01T08:00:00Z')),
      ).toBeNull()
      const locked = await store.addReport(
        a.id,
        { type: 'locked', note: '<b>锁</b>' },
        at('2026-06-01T08:00:00Z'),
      )
      expect(locked).toEqual({
        id: expect.stringMatching(/^rp-/),
        stationId: a.id,
        adcode: a.adcode,
        type: 'locked',
        amenity: null,
        note: '<b>锁</b>',
        createdAt: '2026-06-01T08:00:00.000Z',
        status: 'open',
      })
      await store.addReport(b.id, { type: 'confirmed_open' }, at('2026-06-01T09:00:00Z'))
      await store.addReport(
        b.id,
        { type: 'amenity_missing', amenity: 'toilet' },
        at('2026-06-01T09:30:00Z'),
      )
      expect(await store.dataVersion()).toBe(version)
      expect(await store.getStation(a.id)).toEqual(a)
      const now = at('2026-06-02T00:00:00Z')
      const expected = [
        {
          lastConfirmedAt: null,
          openReports: { locked: 1 },
          latestReport: { type: 'locked', createdAt: '2026-06-01T08:00:00.000Z' },
        },
        {
          lastConfirmedAt: '2026-06-01T09:00:00.000Z',
          openReports: { amenity_missing: 1 },
          latestReport: { type: 'amenity_missing', createdAt: '2026-06-01T09:30:00.000Z' },
        },
        { lastConfirmedAt: null, openReports: {}, latestReport: null },
      ]
      expect(await store.trust([a.id, b.id, 'st-missing'], now)).toEqual(expected)
      await store.close()
      store = await reopen(store)
      // Loaded at start-up as the reports of the last 30 days: those of June are long gone by now.
      expect(await store.trust([a.id, b.id], new Date())).toEqual([expected[2], expected[2]])
      expect(await store.dataVersion()).toBe(version)
      const recent = new Date()
      await store.addReport(a.id, { type: 'not_found' }, recent)
      await store.close()
      store = await reopen(store)
      expect(await store.trust([a.id], new Date())).toEqual([
        {
          lastConfirmedAt: null,
          openReports: { not_found: 1 },
          latestReport: { type: 'not_found', createdAt: recent.toISOString() },
        },
      ])
      // A new data set starts with no reports.
      await store.replaceDataset(data)
      expect(await store.trust([a.id], new Date())).toEqual([expected[2]])
    })

    it('lists reports newest first by county, status and type, and closes each once with its audit entry', async () => {
      await store.replaceDataset(data)
      const version = await store.dataVersion()
      const west = data.stations.filter((s) => s.adcode === '330106' && s.status === 'active')
      const east = data.stations.find((s) => s.adcode === '330102' && s.status === 'active')!
      const recent = Date.now() - 3600_000
      const at = (minutes: number) => new Date(recent + minutes * 60_000)
      const noReports = await store.reportsTag()
      expect(noReports).not.toBeNull()
      const a = (await store.addReport(west[0]!.id, { type: 'locked' }, at(1)))!
      const oneReport = await store.reportsTag()
      expect(oneReport).not.toBe(noReports)
      const b = (await store.addReport(west[1]!.id, { type: 'other', note: 'x' }, at(2)))!
      const c = (await store.addReport(east.id, { type: 'locked' }, at(2)))!
      const withBAndC = await store.reportsTag()
      expect([noReports, oneReport]).not.toContain(withBAndC)
      const ids = (page: { reports: { id: string }[] }) => page.reports.map((r) => r.id)
      // Newest first; the same instant by id, descending.
      const all = await store.listReports({ limit: 10 })
      expect(ids(all)).toEqual([...[b.id, c.id].sort().reverse(), a.id])
      expect(all.next).toBeNull()
      expect(all.reports.find((r) => r.id === a.id)).toEqual({
        ...a,
        stationName: west[0]!.name,
        closedAt: null,
        closedBy: null,
        auditEntryId: null,
      })
      expect(ids(await store.listReports({ counties: ['330106'], limit: 10 }))).toEqual([
        b.id,
        a.id,
      ])
      expect(ids(await store.listReports({ counties: [], limit: 10 }))).toEqual([])
      expect(ids(await store.listReports({ area: '330100', type: 'locked', limit: 10 }))).toEqual([
        c.id,
        a.id,
      ])
      expect(ids(await store.listReports({ area: '330102', limit: 10 }))).toEqual([c.id])
      const first = await store.listReports({ limit: 2 })
      expect(first.next).toEqual({
        createdAt: first.reports[1]!.createdAt,
        id: first.reports[1]!.id,
      })
      expect(ids(await store.listReports({ limit: 2, before: first.next! }))).toEqual([a.id])

      const editor: AuditActor = { userId: 3, name: '西湖区编辑' }
      expect((await store.trust([west[0]!.id], new Date()))[0]!.openReports).toEqual({ locked: 1 })
      const closedAt = new Date().toISOString()
      const { report, entry } = await store.closeReport({
        id: a.id,
        status: 'resolved',
        auditEntryId: 42,
        actor: editor,
        at: closedAt,
      })
      expect(report).toEqual({
        ...a,
        status: 'resolved',
        stationName: west[0]!.name,
        closedAt,
        closedBy: '西湖区编辑',
        auditEntryId: 42,
      })
      expect(entry).toMatchObject({
        action: 'resolve',
        layer: 'reports',
        recordId: a.id,
        userId: 3,
        adcodes: ['330106'],
        after: report,
      })
      expect(await store.getReport(a.id)).toEqual(report)
      expect(await store.getAuditEntry(entry.id)).toEqual(entry)
      // In its station's history, and no other's.
      expect((await store.listAudit({ stationId: west[0]!.id, limit: 10 })).entries).toEqual([
        entry,
      ])
      expect((await store.listAudit({ stationId: west[1]!.id, limit: 10 })).entries).toEqual([])
      expect((await store.trust([west[0]!.id], new Date()))[0]!.openReports).toEqual({})
      // The reports tag moves as each report comes and each is closed.
      expect(await store.reportsTag()).not.toBe(withBAndC)
      expect(ids(await store.listReports({ status: 'open', limit: 10 }))).not.toContain(a.id)
      expect(ids(await store.listReports({ status: 'resolved', limit: 10 }))).toEqual([a.id])
      // Once only: a second close writes nothing.
      const audit = await store.listAudit({ limit: 100 })
      await expect(
        store.closeReport({
          id: a.id,
          status: 'dismissed',
          auditEntryId: null,
          actor: editor,
          at: closedAt,
        }),
      ).rejects.toThrow(ReportClosedError)
      await expect(
        store.closeReport({
          id: 'rp-missing',
          status: 'dismissed',
          auditEntryId: null,
          actor: editor,
          at: closedAt,
        }),
      ).rejects.toThrow(ReportClosedError)
      expect(await store.listAudit({ limit: 100 })).toEqual(audit)
      expect(await store.getReport(a.id)).toEqual(report)
      expect(await store.getReport('rp-missing')).toBeNull()
      expect(await store.dataVersion()).toBe(version)
      // Closed stays closed, and out of the trust signal, across a restart.
      await store.close()
      store = await reopen(store)
      expect(await store.getReport(a.id)).toEqual(report)
      expect((await store.trust([west[0]!.id], new Date()))[0]!.openReports).toEqual({})
    })

    it('leaves the old data intact when a write fails half-way', async () => {
      await store.replaceDataset(data)
      const version = await store.dataVersion()
      const broken = {
        ...data,
        stations: [...data.stations.slice(0, 10), { ...data.stations[0]!, adcode: '999999' }],
      }
      await expect(store.replaceDataset(broken)).rejects.toThrow()
      expect(await store.counts()).toEqual({ stations: 300, classes: 80, counties: 2 })
      expect(await store.dataVersion()).toBe(version)
      const origin: LonLat = [120.15, 30.25]
      const { hits } = await store.nearbyStations(origin, {
        radiusM: 50_000,
        limit: 200,
        filter: {},
      })
      expect(hits.length).toBe(stationOracle(origin, 50_000, 200, {}).length)
    })

    it('ranks nearby active stations exactly as brute force does, under every filter', async () => {
      await store.replaceDataset(data)
      const rnd = createRandom(99)
      const at = new Date('2026-07-07T12:30:00+08:00')
      const filters: StationFilter[] = [
        {},
        { amenities: ['toilet'] },
        { amenities: ['toilet', 'microwave', 'drinking_water'] },
        { kind: 'courier_station' },
        { openAt: at },
        { openAt: new Date('2026-07-07T23:30:00+08:00'), amenities: ['wifi'] },
        { adcode: '330106' },
        { adcode: '330100', kind: 'courier_station' },
        { adcode: '330200' },
        { text: '100%_' },
        { text: '驿站1', adcode: '330102' },
      ]
      let totals = 0
      for (let i = 0; i < 66; i++) {
        const origin: LonLat = [rnd.uniform(120.0, 120.3), rnd.uniform(30.15, 30.35)]
        const radiusM = rnd.pick([300, 1000, 3000, 20_000, Infinity])
        const limit = rnd.pick([1, 5, 20, 200])
        const filter = filters[i % filters.length]!
        const { hits, total } = await store.nearbyStations(origin, { radiusM, limit, filter })
        // The same hits without the records: where each is, as the record says.
        const points = await store.nearbyStationPoints(origin, { radiusM, limit, filter })
        expect(points).toEqual({
          version: await store.dataVersion(),
          hits: hits.map(({ item, ...hit }) => ({
            item: { id: item.id, lon: item.lon, lat: item.lat },
            ...hit,
          })),
          total,
        })
        const want = stationOracle(origin, radiusM, limit, filter)
        expect(hits.map((h) => h.item.id)).toEqual(want.map((h) => h.item.id))
        hits.forEach((h, k) => {
          expect(h.distanceM).toBeCloseTo(want[k]!.distanceM, 6)
          expect(h.bearingDeg).toBe(want[k]!.bearingDeg)
        })
        expect(hits.every((h) => h.item.status === 'active')).toBe(true)
        // The count is exact: every match within the radius, not just the page.
        expect(total).toBe(stationOracle(origin, radiusM, Infinity, filter).length)
        if (total > limit) totals++
      }
      expect(totals).toBeGreaterThan(5) // some pages were cut: total said more than the page
    })

    it('lists an area by distance with no radius: every station of the county, none outside', async () => {
      await store.replaceDataset(data)
      const inWest = data.stations.filter((s) => s.status === 'active' && s.adcode === '330106')
      const { hits, total } = await store.nearbyStations([120.2, 30.25], {
        radiusM: Infinity,
        limit: 1000,
        filter: { adcode: '330106' },
      })
      expect(total).toBe(inWest.length)
      expect(hits.map((h) => h.item.id).sort()).toEqual(inWest.map((s) => s.id).sort())
      // A prefecture city's code takes in all its counties.
      const city = await store.nearbyStations([120.2, 30.25], {
        radiusM: Infinity,
        limit: 1,
        filter: { adcode: '330100' },
      })
      expect(city.total).toBe(data.stations.filter((s) => s.status === 'active').length)
    })

    it('reads stations by id in the order asked, skipping unknown ids', async () => {
      await store.replaceDataset(data)
      const [a, b, c] = [data.stations[7]!, data.stations[3]!, data.stations[250]!]
      const got = await store.getStations([a.id, 'no-such-station', b.id, c.id])
      expect(got).toEqual(
        [a, b, c].map((s) => expect.objectContaining({ ...s, amenities: [...s.amenities].sort() })),
      )
      expect(await store.getStations([])).toEqual([])
    })

    it('returns nothing near a point with no stations rather than failing', async () => {
      await store.replaceDataset(data)
      expect(
        await store.nearbyStations([0, 0], { radiusM: 50_000, limit: 20, filter: {} }),
      ).toEqual({ hits: [], total: 0 })
    })

    it('filters nearby classes by age, date and seats, nearest first', async () => {
      await store.replaceDataset(data)
      const origin: LonLat = [120.15, 30.25]
      const filters: ClassFilter[] = [
        {},
        { age: 6 },
        { date: '2026-07-05' },
        { hasSeats: true },
        { age: 9, date: '2026-08-15', hasSeats: true },
        { adcode: '330102', hasSeats: true },
      ]
      for (const filter of filters) {
        const got = await store.nearbyClasses(origin, { radiusM: 8000, limit: 200, filter })
        const want = nearbyBruteForce(
          data.classes,
          (c) => [c.lon, c.lat],
          origin,
          {
            radiusM: 8000,
            limit: 200,
            filter: (c: ChildcareClass) =>
              (filter.age === undefined || (c.ageMin <= filter.age && filter.age <= c.ageMax)) &&
              (filter.date === undefined ||
                (c.termStart <= filter.date && filter.date <= c.termEnd)) &&
              (filter.hasSeats !== true || c.enrolled < c.capacity) &&
              (filter.adcode === undefined || inArea(c.adcode, filter.adcode)),
          },
          (c) => c.id,
        )
        expect(got.hits.map((h) => h.item)).toEqual(want.map((h) => h.item))
        expect(got.total).toBe(want.length) // fewer than 200 here: the page holds them all
      }
    })

    it('gives coverage points: active stations, or every class, in id order', async () => {
      await store.replaceDataset(data)
      const point = (r: { id: string; adcode: string; lon: number; lat: number }) => ({
        id: r.id,
        adcode: r.adcode,
        lon: r.lon,
        lat: r.lat,
      })
      expect(await store.coveragePoints('stations')).toEqual(
        data.stations
          .filter((s) => s.status === 'active')
          .map((s) => ({ ...point(s), hours: s.openingHours, termStart: null, termEnd: null })),
      )
      expect(await store.coveragePoints('classes')).toEqual(
        data.classes.map((c) => ({
          ...point(c),
          hours: c.schedule,
          termStart: c.termStart,
          termEnd: c.termEnd,
        })),
      )
    })

    it('pages through stations by id with no gaps or repeats', async () => {
      await store.replaceDataset(data)
      const seen: string[] = []
      let afterId: string | undefined
      for (;;) {
        const page = await store.listStations({ limit: 37, afterId })
        seen.push(...page.stations.map((s) => s.id))
        if (page.lastId === null) break
        afterId = page.lastId
      }
      expect(seen).toEqual(data.stations.map((s) => s.id).sort())
    })

    it('pages through the map stations: every active one, by id, amenities as a bit set', async () => {
      await store.replaceDataset(data)
      const seen: MapStation[] = []
      let afterId: string | undefined
      for (;;) {
        const page = await store.listMapStations({ limit: 37, afterId })
        seen.push(...page.stations)
        if (page.lastId === null) break
        afterId = page.lastId
      }
      const active = data.stations.filter((s) => s.status === 'active')
      expect(active.length).toBeLessThan(data.stations.length)
      expect(seen).toEqual(
        active
          .map((s) => ({
            id: s.id,
            lon: s.lon,
            lat: s.lat,
            kind: s.kind,
            tier: s.tier,
            name: s.name,
            sample: s.sample,
            openingHours: s.openingHours,
            amenities: amenityMask(s.amenities),
          }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      )
    })

    it('filters the station list by bbox, county, kind, amenities and text', async () => {
      await store.replaceDataset(data)
      const all = async (q: Parameters<Store['listStations']>[0]) =>
        (await store.listStations(q)).stations.map((s) => s.id)
      const ids = (pred: (s: Station) => boolean) =>
        data.stations
          .filter(pred)
          .map((s) => s.id)
          .sort()
      const [w, s, e, n] = [120.1, 30.22, 120.2, 30.27] as const
      expect(await all({ bbox: [w, s, e, n], limit: 1000 })).toEqual(
        ids((x) => x.lon >= w && x.lon <= e && x.lat >= s && x.lat <= n),
      )
      expect(await all({ adcode: '330106', limit: 1000 })).toEqual(
        ids((x) => x.adcode === '330106'),
      )
      expect(
        await all({ kind: 'trucker_home', amenities: ['toilet', 'wifi'], limit: 1000 }),
      ).toEqual(
        ids(
          (x) =>
            x.kind === 'trucker_home' &&
            x.amenities.includes('toilet') &&
            x.amenities.includes('wifi'),
        ),
      )
      expect(await all({ q: '驿站12', limit: 1000 })).toEqual(ids((x) => x.name.includes('驿站12')))
      // LIKE wildcards in the text are literal characters, not patterns.
      expect(await all({ q: '100%_', limit: 1000 })).toEqual(ids((x) => x.name.includes('100%_')))
      expect(await all({ q: '%', limit: 1000 })).toEqual(ids((x) => x.name.includes('%')))
      expect(await all({ q: '测试路12号', limit: 1000 })).toEqual(
        ids((x) => x.address.includes('测试路12号')),
      )
    })

    it('pages through the classes a filter selects, in id order, with no gaps or repeats', async () => {
      await store.replaceDataset(data)
      const filters: ClassFilter[] = [
        {},
        { adcode: '330106' },
        { adcode: '330100', hasSeats: true },
        { age: 5, date: '2026-07-05' },
        { adcode: '330102', age: 9 },
        { adcode: '330200' },
      ]
      for (const filter of filters) {
        const seen: ChildcareClass[] = []
        let afterId: string | undefined
        for (;;) {
          const page = await store.listClasses({ ...filter, limit: 7, afterId })
          seen.push(...page.classes)
          if (page.lastId === null) break
          afterId = page.lastId
        }
        const want = data.classes
          .filter(
            (c) =>
              (filter.age === undefined || (c.ageMin <= filter.age && filter.age <= c.ageMax)) &&
              (filter.date === undefined ||
                (c.termStart <= filter.date && filter.date <= c.termEnd)) &&
              (filter.hasSeats !== true || c.enrolled < c.capacity) &&
              (filter.adcode === undefined || inArea(c.adcode, filter.adcode)),
          )
          .sort((a, b) => (a.id < b.id ? -1 : 1))
        expect(seen, JSON.stringify(filter)).toEqual(want)
      }
    })
  })
}
