import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeDataset, type FullDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { addAccount, bearer, storeState } from './accounts.ts'
import { SessionSchema } from '../../../server/domain/account.ts'
import { AuditEntrySchema } from '../../../server/domain/audit.ts'
import { InboxReportSchema, ReportPageSchema } from '../../../server/domain/report-inbox.ts'
import { NearbyStationCollectionSchema } from '../../../server/domain/station.ts'
import type { ReportInput } from '../../../server/domain/report.ts'
import type { StationInput } from '../../../server/domain/station.ts'

// The editors' inbox through the real app over a real SQLite file: who reads and moderates
// which reports, that a refused moderation changes nothing, and that closing a report changes
// the station's trust signal at once.

const ADMIN_TOKEN = 'bootstrap-admin-token-0123456789abcdef'
const WEST = '330106' // the fixture's two counties
const EAST = '330102'

let t: Awaited<ReturnType<typeof makeTestApp>>
let data: FullDataset
let westEditor: string
let eastEditor: string
let revoked: string
/** Report times: a minute apart, in the past (the app evaluates trust at the real time). */
let clock: number

beforeEach(async () => {
  data = makeDataset(120, 10)
  t = await makeTestApp(data, { adminToken: ADMIN_TOKEN })
  westEditor = (await addAccount(t.store, '西湖区编辑', 'editor', [WEST])).token
  eastEditor = (await addAccount(t.store, '上城区编辑', 'editor', [EAST])).token
  const gone = await addAccount(t.store, '离职编辑', 'editor', [WEST])
  revoked = gone.token
  await t.store.revokeAccount(gone.id, new Date().toISOString())
  clock = Date.now() - 3600_000
})
afterEach(() => t.close())

const stationIn = (adcode: string, n = 0): StationInput =>
  data.stations.filter((s) => s.adcode === adcode && s.status === 'active')[n]!

async function report(station: StationInput, input: ReportInput = { type: 'locked' }) {
  clock += 60_000
  return (await t.store.addReport(station.id, input, new Date(clock)))!
}

function send(method: string, url: string, headers: Record<string, string> = {}, body?: unknown) {
  return t.app.request(url, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}
const list = async (query: string, token = westEditor) => {
  const res = await send('GET', `/api/reports${query}`, bearer(token))
  expect(res.status, await res.clone().text()).toBe(200)
  return ReportPageSchema.parse(await res.json())
}
const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toContain('application/problem+json')
  return (await res.json()) as { status: number; detail: string; parameter?: string }
}
/** Everything moderation could change: records, audit log, data version, reports, trust. */
async function state() {
  const ids = data.stations.map((s) => s.id)
  return {
    ...(await storeState(t.store)),
    reports: await t.store.listReports({ limit: 1000 }),
    trust: await t.store.trust(ids, new Date()),
  }
}

describe('GET /api/reports', () => {
  it("lists an editor's counties only, newest first, filtered by type and status; admins see all", async () => {
    const w = [
      await report(stationIn(WEST, 0)),
      await report(stationIn(WEST, 1), { type: 'other', note: '<b>x</b>' }),
    ]
    const e = await report(stationIn(EAST, 0), { type: 'not_found' })
    const west = await list('')
    expect(west.reports.map((r) => r.id)).toEqual([w[1]!.id, w[0]!.id])
    expect(west.reports[0]).toEqual(
      InboxReportSchema.parse({
        ...w[1],
        stationName: stationIn(WEST, 1).name,
        closedAt: null,
        closedBy: null,
        auditEntryId: null,
      }),
    )
    expect((await list('?type=locked')).reports.map((r) => r.id)).toEqual([w[0]!.id])
    expect((await list('?status=dismissed')).reports).toEqual([])
    expect((await list(`?adcode=${WEST}`)).reports).toHaveLength(2)
    expect((await list('', eastEditor)).reports.map((r) => r.id)).toEqual([e.id])
    const all = await list('', ADMIN_TOKEN)
    expect(all.reports.map((r) => r.id)).toEqual([e.id, w[1]!.id, w[0]!.id])
    // A city's code covers both of its counties.
    expect((await list('?adcode=330100', ADMIN_TOKEN)).reports).toHaveLength(3)
  })

  it('pages newest first by nextBefore, reports made in the same millisecond included', async () => {
    const at = new Date(clock)
    const made: string[] = []
    for (let i = 0; i < 7; i++) {
      made.push((await t.store.addReport(stationIn(WEST, i).id, { type: 'locked' }, at))!.id)
    }
    made.push((await report(stationIn(WEST, 7))).id)
    const seen: string[] = []
    let before = ''
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(`?limit=3${before}`)
      seen.push(...page.reports.map((r) => r.id))
      if (page.nextBefore === null) break
      before = `&before=${encodeURIComponent(page.nextBefore)}`
    }
    expect(seen).toHaveLength(8)
    expect(seen[0]).toBe(made[7])
    expect(new Set(seen)).toEqual(new Set(made))
  })

  it('refuses without an account (401), another county and bad parameters (403, 400)', async () => {
    expect((await send('GET', '/api/reports')).status).toBe(401)
    expect((await send('GET', '/api/reports', bearer(revoked))).status).toBe(401)
    expect((await send('GET', '/api/reports', bearer('forged'))).status).toBe(401)
    expect((await send('GET', `/api/reports?adcode=${EAST}`, bearer(westEditor))).status).toBe(403)
    for (const [query, parameter] of [
      ['status=closed', 'status'],
      ['type=haunted', 'type'],
      ['before=not-a-cursor', 'before'],
      ['limit=0', 'limit'],
      ['adcode=33', 'adcode'],
    ]) {
      const res = await send('GET', `/api/reports?${query}`, bearer(westEditor))
      expect(res.status, query).toBe(400)
      expect((await problemOf(res)).parameter).toBe(parameter)
    }
  })
})

describe('POST /api/reports/{id}/resolve and /dismiss', () => {
  it('dismisses once with an audit entry; a second time, or a resolve after it, is a 409', async () => {
    const r = await report(stationIn(WEST))
    const version = await t.store.dataVersion()
    const res = await send('POST', `/api/reports/${r.id}/dismiss`, bearer(westEditor))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { report: unknown; entry: unknown }
    const closed = InboxReportSchema.parse(body.report)
    expect(closed).toMatchObject({ id: r.id, status: 'dismissed', closedBy: '西湖区编辑' })
    expect(AuditEntrySchema.parse(body.entry)).toMatchObject({
      action: 'dismiss',
      layer: 'reports',
      recordId: r.id,
      actor: '西湖区编辑',
      adcodes: [WEST],
      before: { status: 'open' },
      after: { status: 'dismissed' },
    })
    expect(await t.store.dataVersion()).toBe(version)
    const before = await state()
    for (const action of ['dismiss', 'resolve']) {
      const again = await send('POST', `/api/reports/${r.id}/${action}`, bearer(westEditor))
      expect(again.status).toBe(409)
      await problemOf(again)
    }
    expect(await state()).toEqual(before)
    expect((await list('?status=open')).reports).toEqual([])
    expect((await list('?status=dismissed')).reports).toEqual([closed])
  })

  it('resolves naming the edit it led to, which must be an edit of the same station', async () => {
    const s = stationIn(WEST)
    const r = await report(s)
    const edit = await send(
      'PATCH',
      `/api/stations/${s.id}`,
      {
        ...bearer(westEditor),
        'if-match': (await t.app.request(`/api/stations/${s.id}`)).headers.get('etag')!,
      },
      { accessNote: '按门铃' },
    )
    expect(edit.status).toBe(200)
    const [editEntry] = (await t.store.listAudit({ recordId: s.id, limit: 1 })).entries
    const other = await send(
      'PATCH',
      `/api/stations/${stationIn(WEST, 1).id}`,
      {
        ...bearer(westEditor),
        'if-match': (await t.app.request(`/api/stations/${stationIn(WEST, 1).id}`)).headers.get(
          'etag',
        )!,
      },
      { accessNote: '刷卡' },
    )
    expect(other.status).toBe(200)
    const [otherEntry] = (await t.store.listAudit({ recordId: stationIn(WEST, 1).id, limit: 1 }))
      .entries
    const before = await state()
    for (const [body, parameter] of [
      [{ auditEntryId: otherEntry!.id }, 'auditEntryId'],
      [{ auditEntryId: 99_999 }, 'auditEntryId'],
      [{ auditEntryId: 'one' }, 'auditEntryId'],
      [{ entry: 1 }, 'entry'],
    ] as const) {
      const res = await send('POST', `/api/reports/${r.id}/resolve`, bearer(westEditor), body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect((await problemOf(res)).parameter).toBe(parameter)
    }
    expect(await state()).toEqual(before)
    const res = await send('POST', `/api/reports/${r.id}/resolve`, bearer(westEditor), {
      auditEntryId: editEntry!.id,
    })
    expect(res.status).toBe(200)
    const { report: resolved, entry } = (await res.json()) as {
      report: { status: string; auditEntryId: number }
      entry: { action: string }
    }
    expect(resolved).toMatchObject({ status: 'resolved', auditEntryId: editEntry!.id })
    expect(entry.action).toBe('resolve')
    // Without a body, too; and a moderation entry is not undone like an edit.
    const r2 = await report(s, { type: 'other' })
    expect((await send('POST', `/api/reports/${r2.id}/resolve`, bearer(westEditor))).status).toBe(
      200,
    )
    const undo = await send(
      'POST',
      `/api/audit/${(await t.store.listAudit({ limit: 1 })).entries[0]!.id}/undo`,
      bearer(ADMIN_TOKEN),
    )
    expect(undo.status).toBe(409)
  })

  it('refuses 401 without valid credentials, 403 in another county or by cookie without CSRF, 404 unknown: nothing changes', async () => {
    const r = await report(stationIn(WEST))
    const signIn = await send('POST', '/api/session', {}, { token: westEditor })
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!
    const { csrfToken } = SessionSchema.parse(await signIn.json())
    const before = await state()
    const refusals: [string, Record<string, string>, number][] = [
      [r.id, {}, 401],
      [r.id, bearer('forged'), 401],
      [r.id, bearer(revoked), 401],
      [r.id, bearer(eastEditor), 403],
      [r.id, { cookie }, 403],
      [r.id, { cookie, 'x-csrf-token': 'wrong' }, 403],
      ['rp-missing', bearer(westEditor), 404],
      ['rp-missing', bearer(ADMIN_TOKEN), 404],
    ]
    for (const [id, headers, status] of refusals) {
      for (const action of ['resolve', 'dismiss']) {
        const res = await send('POST', `/api/reports/${id}/${action}`, headers)
        expect(res.status, `${action} ${id} ${JSON.stringify(headers)}`).toBe(status)
        await problemOf(res)
      }
    }
    expect(await state()).toEqual(before)
    const ok = await send('POST', `/api/reports/${r.id}/dismiss`, {
      cookie,
      'x-csrf-token': csrfToken!,
    })
    expect(ok.status).toBe(200)
  })

  it('lets the station sort among its neighbours again as soon as its locked report is dismissed', async () => {
    // Two stations a few metres apart, the nearer one reported locked.
    const [a, b] = [stationIn(WEST, 0), stationIn(WEST, 1)]
    const origin = [120.1, 30.25] as const
    const moved = {
      ...data,
      stations: data.stations.map((s) =>
        s.id === a.id
          ? { ...s, lon: origin[0] + 0.0001, lat: origin[1] }
          : s.id === b.id
            ? { ...s, lon: origin[0] + 0.0002, lat: origin[1] }
            : s,
      ),
    }
    await t.store.replaceDataset(moved)
    const nearest = async () => {
      const res = await t.app.request(
        `/api/stations/nearby?lon=${origin[0]}&lat=${origin[1]}&radius=100&limit=2`,
      )
      return NearbyStationCollectionSchema.parse(await res.json()).features.map((f) => f.id)
    }
    expect(await nearest()).toEqual([a.id, b.id])
    const r = await report(a)
    expect(await nearest()).toEqual([b.id, a.id])
    expect((await send('POST', `/api/reports/${r.id}/dismiss`, bearer(westEditor))).status).toBe(
      200,
    )
    expect(await nearest()).toEqual([a.id, b.id])
  })
})
