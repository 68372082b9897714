import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { addAccount, bearer } from './accounts.ts'
import { AuditPageSchema } from '../../../server/domain/audit.ts'

// Reading the audit log: all of it for admins, a record's history for its county's editors.

const data = makeDataset(60, 15)
const west = data.stations.filter((s) => s.adcode === '330106')
const east = data.stations.find((s) => s.adcode === '330102')!
let t: Awaited<ReturnType<typeof makeTestApp>>
let admin: { id: number; token: string }
let westEditor: { id: number; token: string }
let eastEditor: { id: number; token: string }

async function edit(token: string, id: string, phone: string) {
  const url = `/api/stations/${id}`
  const etag = (await t.app.request(url)).headers.get('etag')!
  const res = await t.app.request(url, {
    method: 'PATCH',
    headers: { ...bearer(token), 'if-match': etag, 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  })
  expect(res.status).toBe(200)
}
const page = async (url: string, token: string) => {
  const res = await t.app.request(url, { headers: bearer(token) })
  expect(res.status, url).toBe(200)
  return AuditPageSchema.parse(await res.json())
}

beforeAll(async () => {
  t = await makeTestApp(data)
  admin = await addAccount(t.store, '管理员', 'admin')
  westEditor = await addAccount(t.store, '西湖', 'editor', ['330106'])
  eastEditor = await addAccount(t.store, '上城', 'editor', ['330102'])
  for (let i = 0; i < 5; i++) await edit(westEditor.token, west[i % 2]!.id, `w${i}`)
  await edit(eastEditor.token, east.id, 'e0')
  await edit(admin.token, west[0]!.id, 'a0')
})
afterAll(() => t.close())

describe('GET /api/audit', () => {
  it('pages through every entry, newest first, for admins', async () => {
    const first = await page('/api/audit?limit=4', admin.token)
    expect(first.entries.map((e) => e.after)).toMatchObject([
      { phone: 'a0' },
      { phone: 'e0' },
      { phone: 'w4' },
      { phone: 'w3' },
    ])
    expect(first.entries[0]).toMatchObject({ actor: '管理员', userId: admin.id, action: 'update' })
    const rest = await page(`/api/audit?limit=4&before=${first.nextBefore}`, admin.token)
    expect(rest.entries.map((e) => (e.after as { phone: string }).phone)).toEqual([
      'w2',
      'w1',
      'w0',
    ])
    expect(rest.nextBefore).toBeNull()
  })

  it('filters by record and by user', async () => {
    const record = await page(`/api/audit?record=${west[0]!.id}`, admin.token)
    expect(record.entries.map((e) => (e.after as { phone: string }).phone)).toEqual([
      'a0',
      'w4',
      'w2',
      'w0',
    ])
    // Each entry's before is the previous one's after: the chain is complete.
    record.entries
      .slice(0, -1)
      .forEach((e, i) => expect(e.before).toEqual(record.entries[i + 1]!.after))
    const byUser = await page(`/api/audit?user=${eastEditor.id}`, admin.token)
    expect(byUser.entries).toHaveLength(1)
    expect(byUser.entries[0]).toMatchObject({ recordId: east.id, adcodes: ['330102'] })
  })

  it('is for admins only', async () => {
    expect((await t.app.request('/api/audit')).status).toBe(401)
    const res = await t.app.request('/api/audit', { headers: bearer(westEditor.token) })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })
})

describe('GET /api/stations/{id}/history', () => {
  it("is the record's own entries, for its county's editors and admins", async () => {
    const url = `/api/stations/${west[1]!.id}/history`
    const mine = await page(url, westEditor.token)
    expect(mine.entries.map((e) => (e.after as { phone: string }).phone)).toEqual(['w3', 'w1'])
    expect(await page(url, admin.token)).toEqual(mine)
    expect((await t.app.request(url, { headers: bearer(eastEditor.token) })).status).toBe(403)
    expect((await t.app.request(url)).status).toBe(401)
  })

  it('answers an empty history for a record never edited, 404 for no record at all', async () => {
    expect((await page(`/api/stations/${west[3]!.id}/history`, westEditor.token)).entries).toEqual(
      [],
    )
    const none = await t.app.request('/api/classes/cl-none/history', {
      headers: bearer(admin.token),
    })
    expect(none.status).toBe(404)
  })

  it("holds the moderation of its reports beside its edits, newest first, and no other station's", async () => {
    const [s, other] = [west[4]!, west[5]!]
    const at = Date.now() - 3600_000
    const [r1, r2, r3] = [
      (await t.store.addReport(s.id, { type: 'locked' }, new Date(at)))!,
      (await t.store.addReport(s.id, { type: 'not_found' }, new Date(at + 1000)))!,
      (await t.store.addReport(other.id, { type: 'locked' }, new Date(at + 2000)))!,
    ]
    await edit(westEditor.token, s.id, 'm0')
    const moderate = async (id: string, action: 'resolve' | 'dismiss') => {
      const res = await t.app.request(`/api/reports/${id}/${action}`, {
        method: 'POST',
        headers: bearer(westEditor.token),
      })
      expect(res.status).toBe(200)
    }
    await moderate(r1.id, 'resolve')
    await moderate(r2.id, 'dismiss')
    await moderate(r3.id, 'dismiss')
    const url = `/api/stations/${s.id}/history`
    const history = await page(url, westEditor.token)
    expect(history.entries.map((e) => [e.layer, e.action, e.recordId])).toEqual([
      ['reports', 'dismiss', r2.id],
      ['reports', 'resolve', r1.id],
      ['stations', 'update', s.id],
    ])
    const first = await page(`${url}?limit=2`, westEditor.token)
    const rest = await page(`${url}?limit=2&before=${first.nextBefore}`, westEditor.token)
    expect([...first.entries, ...rest.entries]).toEqual(history.entries)
    expect(
      (await page(`/api/stations/${other.id}/history`, westEditor.token)).entries.map((e) => [
        e.action,
        e.recordId,
      ]),
    ).toEqual([['dismiss', r3.id]])
    expect((await t.app.request(url, { headers: bearer(eastEditor.token) })).status).toBe(403)
  })
})
