import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import type { Store } from '../../../server/db/store.ts'
import { openTestStore } from './test-app.ts'
import { Importer } from '../../../server/import/importer.ts'
import { ImportReportSchema } from '../../../server/domain/import-report.ts'
import { distanceM } from '../../../server/geo/geodesic.ts'
import { ParkCollectionSchema } from '../../../server/domain/park.ts'
import {
  csvBytes,
  loadCounties,
  PARK_HEADER,
  parkRow,
  STATION_HEADER,
  stationRow,
  truthPoints,
  xlsxBytes,
  type Rows,
} from '../import/fixtures.ts'
import { addAccount, bearer } from './accounts.ts'

// POST /api/import over a real SQLite file: the upload runs in a worker thread on its own
// connection, and the app's store must notice the new data version by itself.

const TOKEN = 'a'.repeat(24) + '-test-token-0123456789'
const counties = loadCounties()
const points = truthPoints(counties, 12, 5)
let store: Store
let app: ReturnType<typeof createApp>

const register = (rows: Rows, encoding: 'utf8' | 'gbk' = 'utf8') =>
  csvBytes([STATION_HEADER, ...rows], { encoding })
const rows = points.map((p, i) => stationRow(p, i + 1, i % 2 === 0 ? 'gcj02' : 'bd09'))

function post(
  query: string,
  body: Uint8Array | FormData,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
  target = app,
) {
  const payload = body instanceof FormData ? body : new Uint8Array(body)
  return target.request(`/api/import?${query}`, { method: 'POST', body: payload, headers })
}

function form(files: Array<[string, Uint8Array]>): FormData {
  const data = new FormData()
  for (const [name, bytes] of files) data.append('file', new Blob([new Uint8Array(bytes)]), name)
  return data
}

const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  return (await res.json()) as { status: number; detail: string; parameter?: string }
}

beforeAll(async () => {
  const opened = await openTestStore()
  store = opened.store
  await store.replaceDataset({ counties, stations: [], classes: [] })
  app = createApp(store, {
    adminToken: TOKEN,
    importing: { importer: new Importer(opened.location), maxBytes: 256 * 1024 },
  })
})
afterAll(async () => {
  await store.close()
})

describe('POST /api/import', () => {
  it('is off (403) on a server without an importer', async () => {
    const off = createApp(store, { adminToken: TOKEN })
    const res = await post('dryRun=true&filename=a.csv', register(rows), undefined, off)
    expect(res.status).toBe(403)
    expect((await problemOf(res)).detail).toMatch(/off on this server/)
  })

  it('refuses a missing or wrong token (401) and changes nothing', async () => {
    const before = await store.dataVersion()
    const none = await post('dryRun=false&filename=a.csv', register(rows), {})
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    await problemOf(none)
    const wrong = await post('dryRun=false&filename=a.csv', register(rows), {
      authorization: `Bearer ${TOKEN}x`,
    })
    expect(wrong.status).toBe(401)
    expect(await store.dataVersion()).toBe(before)
    expect((await store.counts()).stations).toBe(0)
  })

  it('names the parameter at fault', async () => {
    const noDryRun = await post('filename=a.csv', register(rows))
    expect(noDryRun.status).toBe(400)
    expect((await problemOf(noDryRun)).parameter).toBe('dryRun')
    const noName = await post('dryRun=true', register(rows))
    expect(noName.status).toBe(400)
    expect((await problemOf(noName)).parameter).toBe('filename')
    const empty = await post('dryRun=true&filename=a.csv', new Uint8Array())
    expect((await problemOf(empty)).parameter).toBe('file')
    const badMode = await post('dryRun=true&filename=a.csv&mode=upsert', register(rows))
    expect((await problemOf(badMode)).parameter).toBe('mode')
  })

  it('answers 413 for a body over the limit, 422 for a file it cannot read', async () => {
    const big = await post('dryRun=true&filename=a.csv', new Uint8Array(300 * 1024).fill(65))
    expect(big.status).toBe(413)
    expect((await problemOf(big)).parameter).toBe('file')
    const html = new TextEncoder().encode('<html><body><table><tr><td>名称</td></tr></table>')
    const fake = await post('dryRun=true&filename=register.xlsx', html)
    expect(fake.status).toBe(422)
    const problem = await problemOf(fake)
    expect(problem.parameter).toBe('file')
    expect(problem.detail).toMatch(/register\.xlsx/)
  })

  it('refuses (422, with the report) a file none of whose rows can be taken', async () => {
    const bad = rows.map((r) => r.map((cell, i) => (STATION_HEADER[i] === '经度' ? 'abc' : cell)))
    const res = await post('dryRun=false&filename=bad.csv', register(bad))
    expect(res.status).toBe(422)
    const body = (await res.json()) as { report: unknown }
    const report = ImportReportSchema.parse(body.report)
    expect(report.counts.rejected).toBe(rows.length)
    expect(report.rejected[0]).toMatchObject({ row: 2, column: '经度' })
    expect((await store.counts()).stations).toBe(0)
  })

  it('dry-runs a GBK multipart upload, then imports it; the running app sees it at once', async () => {
    const upload = () => form([['西湖区驿站登记表.csv', register(rows, 'gbk')]])
    const before = await store.dataVersion()
    const dry = await post('dryRun=true&source=测试总工会', upload(), {
      authorization: `Bearer ${TOKEN}`,
    })
    expect(dry.status).toBe(200)
    const plan = ImportReportSchema.parse(await dry.json())
    expect(plan).toMatchObject({ dryRun: true, batchId: null, refused: null })
    expect(plan.files[0]).toMatchObject({ format: 'csv', encoding: 'gb18030', rows: rows.length })
    expect(plan.counts).toMatchObject({ read: rows.length, add: rows.length, rejected: 0 })
    expect(await store.dataVersion()).toBe(before)

    const real = await post('dryRun=false&source=测试总工会', upload(), {
      authorization: `Bearer ${TOKEN}`,
    })
    expect(real.status).toBe(200)
    const done = ImportReportSchema.parse(await real.json())
    expect(done.batchId).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}$/)
    expect(await store.dataVersion()).toBeGreaterThan(before)

    // Every point landed within half a metre of its WGS-84 truth, and nearby finds it.
    for (const [i, p] of points.entries()) {
      const res = await app.request(
        `/api/stations/nearby?lon=${p.lonLat[0]}&lat=${p.lonLat[1]}&radius=200&limit=1`,
      )
      const { features } = (await res.json()) as {
        features: { properties: { sourceRef: string; source: string; sample: boolean } }[]
      }
      expect(features[0]?.properties).toMatchObject({
        sourceRef: `ZJ-${String(i + 1).padStart(5, '0')}`,
        source: '测试总工会',
        sample: false,
      })
      const stored = await store.getStation(
        (await store.layerSnapshot('stations')).records.find(
          (s) => s.sourceRef === features[0]!.properties.sourceRef,
        )!.id,
      )
      expect(distanceM([stored!.lon, stored!.lat], p.lonLat)).toBeLessThan(0.5)
    }
    const health = (await (await app.request('/api/health')).json()) as { sampleData: boolean }
    expect(health.sampleData).toBe(false)
  })

  it('imports parks from an XLSX with layer=parks; the parks list answers them', async () => {
    const parkRows = points.map((p, i) => parkRow(p, i))
    const bytes = await xlsxBytes([PARK_HEADER, ...parkRows])
    const res = await post('dryRun=false&layer=parks&filename=物流园.xlsx&source=物流协会', bytes)
    expect(res.status).toBe(200)
    const report = ImportReportSchema.parse(await res.json())
    expect(report).toMatchObject({ layer: 'parks', refused: null })
    expect(report.counts).toMatchObject({ read: points.length, add: points.length, rejected: 0 })
    const { adcode } = points[3]!
    const listed = await app.request(`/api/parks?adcode=${adcode}`)
    const parks = ParkCollectionSchema.parse(await listed.json()).features
    const park = parks.find((f) => f.properties.sourceRef === 'WL-0003')!
    expect(park.properties).toMatchObject({ facingDeg: 111, sample: false, source: '物流协会' })
    expect(distanceM(park.geometry.coordinates, points[3]!.lonLat)).toBeLessThan(0.5)
  })

  it('round-trips: the CSV export imported again (merge) is all unchanged', async () => {
    const res = await app.request('/api/stations.csv')
    expect(res.status).toBe(200)
    const exported = new Uint8Array(await res.arrayBuffer())
    const again = await post('dryRun=true&source=测试总工会&filename=export.csv', exported)
    expect(again.status).toBe(200)
    const report = ImportReportSchema.parse(await again.json())
    expect(report.unknownColumns).toEqual([])
    expect(report.counts).toMatchObject({
      read: rows.length,
      unchanged: rows.length,
      add: 0,
      update: 0,
      rejected: 0,
    })
  })
})

// Each case runs several imports in worker threads: minutes on a loaded 2-core machine.
describe('POST /api/import with accounts', { timeout: 180_000 }, () => {
  // Every row changed (a new phone): an update in each of the points' twelve counties.
  const changed = () =>
    register(points.map((p, i) => stationRow(p, i + 1, 'wgs84', { 联系电话: '0571-12345678' })))
  const adcodes = async () =>
    [...new Set((await store.layerSnapshot('stations')).records.map((r) => r.adcode))].sort()

  it('refuses an editor a file touching other counties (403 naming the records), dry run or not', async () => {
    const counties = await adcodes()
    expect(counties.length).toBe(12)
    const editor = await addAccount(store, '一县编辑', 'editor', [counties[0]!])
    const before = await store.dataVersion()
    for (const dryRun of [true, false]) {
      const res = await post(
        `dryRun=${dryRun}&source=测试总工会&filename=all.csv`,
        changed(),
        bearer(editor.token),
      )
      expect(res.status).toBe(403)
      const problem = (await problemOf(res)) as unknown as {
        detail: string
        records: { id: string; name: string; adcode: string; row: number }[]
      }
      expect(problem.detail).toMatch(/11 record\(s\) outside your counties/)
      expect(problem.records.map((r) => r.adcode).sort()).toEqual(counties.slice(1))
      expect(problem.records.every((r) => r.name.length > 0 && r.row >= 2)).toBe(true)
    }
    expect(await store.dataVersion()).toBe(before)
    // An editor of all twelve counties may.
    const wide = await addAccount(store, '十二县编辑', 'editor', counties)
    const dry = await post(
      'dryRun=true&source=测试总工会&filename=all.csv',
      changed(),
      bearer(wide.token),
    )
    expect(dry.status).toBe(200)
    expect(ImportReportSchema.parse(await dry.json()).counts.update).toBe(12)
  })

  it('imports for an admin account, recorded in the audit log as one entry for the batch', async () => {
    const admin = await addAccount(store, '省总管理员', 'admin')
    const res = await post(
      'dryRun=false&source=测试总工会&filename=all.csv',
      changed(),
      bearer(admin.token),
    )
    expect(res.status).toBe(200)
    const { batchId } = ImportReportSchema.parse(await res.json())
    const { entries } = await store.listAudit({ limit: 10 })
    expect(entries.filter((e) => e.batchId === batchId)).toEqual([
      expect.objectContaining({
        action: 'import',
        actor: '省总管理员',
        userId: admin.id,
        recordId: null,
        adcodes: await adcodes(),
      }),
    ])
  })
})
