import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { reportsApiOptions } from '../../../server/api/reports.ts'
import { trustOrder } from '../../../server/api/station-trust.ts'
import type { LonLat } from '../../../server/domain/geojson.ts'
import { ReportSchema, type Trust } from '../../../server/domain/report.ts'
import {
  NearbyStationCollectionSchema,
  StationFeatureSchema,
  StationPageSchema,
} from '../../../server/domain/station.ts'
import { ProblemSchema } from '../../../server/domain/problem.ts'
import { nearbyBruteForce } from '../../../server/geo/nearby-brute-force.ts'
import { createRandom } from '../../../data/scripts/sample/random.ts'
import { makeDataset, type FullDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'

// Reports through the HTTP API on a real SQLite store, with a fake clock shared by the rate
// limiter and the reports' dates. Each request comes from a client address, as the Node server
// would pass it (the socket's remote address).

// Two hours ago: the app evaluates trust at the real time (the request's minute), so reports
// dated by the fake clock must lie behind it for the two to agree.
const START = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3600_000
const NO_TRUST: Trust = { lastConfirmedAt: null, openReports: {}, latestReport: null }

let t: Awaited<ReturnType<typeof makeTestApp>>
let data: FullDataset
const clock = { ms: START }
const advance = (ms: number) => (clock.ms += ms)

async function setUp(trustedProxies: string[] = []) {
  clock.ms = START
  data = makeDataset(300, 20)
  t = await makeTestApp(data, {
    reports: reportsApiOptions({ now: () => new Date(clock.ms), trustedProxies }),
  })
}
beforeEach(() => setUp())
afterEach(() => t.close())

const active = () => data.stations.filter((s) => s.status === 'active')

function post(
  id: string,
  body: unknown,
  { from = '203.0.113.7', headers = {} as Record<string, string>, raw = false } = {},
) {
  return t.app.request(
    `/api/stations/${encodeURIComponent(id)}/reports`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw ? (body as string) : JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: from } } },
  )
}

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return ProblemSchema.parse(await res.json())
}

describe('POST /api/stations/{id}/reports', () => {
  it('stores a report and answers it with 201', async () => {
    const s = active()[0]!
    const res = await post(s.id, { type: 'amenity_missing', amenity: 'toilet', note: '厕所锁了' })
    expect(res.status).toBe(201)
    expect(ReportSchema.parse(await res.json())).toEqual({
      id: expect.stringMatching(/^rp-/),
      stationId: s.id,
      adcode: s.adcode,
      type: 'amenity_missing',
      amenity: 'toilet',
      note: '厕所锁了',
      createdAt: new Date(START).toISOString(),
      status: 'open',
    })
  })

  it.each([
    ['no type', {}, 'type'],
    ['an unknown type', { type: 'haunted' }, 'type'],
    ['amenity_missing without the amenity', { type: 'amenity_missing' }, 'amenity'],
    ['an amenity we do not have', { type: 'amenity_missing', amenity: 'sauna' }, 'amenity'],
    ['an amenity on another type', { type: 'locked', amenity: 'toilet' }, 'amenity'],
    ['a note over 200 characters', { type: 'other', note: '长'.repeat(201) }, 'note'],
    ['a note that is not text', { type: 'other', note: 42 }, 'note'],
    ['a control character in the note', { type: 'other', note: 'a\u0000b' }, 'note'],
    ['an unknown field', { type: 'locked', by: 'me' }, 'by'],
    ['an array', [{ type: 'locked' }], 'body'],
    ['null', null, 'body'],
  ])('answers 400 naming the field for %s', async (_, body, field) => {
    const res = await post(active()[0]!.id, body)
    expect(res.status).toBe(400)
    expect((await problem(res)).parameter).toBe(field)
  })

  it('answers 400 naming the body when it is not JSON, and 415 when it is not sent as JSON', async () => {
    const id = active()[0]!.id
    const broken = await post(id, '{"type": "locked"', { raw: true })
    expect(broken.status).toBe(400)
    expect(await problem(broken)).toMatchObject({
      parameter: 'body',
      detail: 'body: is not valid JSON',
    })
    const form = await post(id, 'type=locked', {
      raw: true,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
    expect((await problem(form)).parameter).toBe('content-type')
  })

  it('accepts a 200-character note and a note of markup, stored as written', async () => {
    const id = active()[0]!.id
    expect((await post(id, { type: 'other', note: '长'.repeat(200) })).status).toBe(201)
    const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    const res = await post(id, { type: 'other', note: markup })
    expect(((await res.json()) as { note: string }).note).toBe(markup)
  })

  it('answers 404 for a station that does not exist, and stores nothing', async () => {
    const res = await post('st-999999', { type: 'confirmed_open' })
    expect(res.status).toBe(404)
    expect((await problem(res)).detail).toContain('st-999999')
  })

  it('answers 413 for a body beyond 4 KB, before reading it as JSON', async () => {
    const id = active()[0]!.id
    const res = await post(id, { type: 'other', note: 'x'.repeat(5000) })
    expect(res.status).toBe(413)
    expect((await problem(res)).parameter).toBe('body')
    const [trust] = await t.store.trust([id], new Date(clock.ms))
    expect(trust).toEqual(NO_TRUST)
  })

  it('answers 429 with Retry-After after 5 a minute from one client, and recovers', async () => {
    const id = active()[0]!.id
    for (let i = 0; i < 5; i++) {
      expect((await post(id, { type: 'confirmed_open' })).status).toBe(201)
      advance(2000)
    }
    const refused = await post(id, { type: 'confirmed_open' })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('50')
    expect((await problem(refused)).status).toBe(429)
    // Another client is not held back, and a bad request still counts against its sender.
    expect((await post(id, { type: 'locked' }, { from: '198.51.100.2' })).status).toBe(201)
    advance(49_000)
    expect((await post(id, { type: 'confirmed_open' })).status).toBe(429)
    advance(1000)
    expect((await post(id, { type: 'confirmed_open' })).status).toBe(201)
  })

  it('answers 429 after 50 a day, for about the rest of the day', async () => {
    const id = active()[0]!.id
    for (let i = 0; i < 50; i++) {
      expect((await post(id, { type: 'confirmed_open' })).status).toBe(201)
      advance(15 * 60_000)
    }
    const refused = await post(id, { type: 'confirmed_open' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBe(86_400 - 49 * 15 * 60 - 15 * 60)
    advance(Number(refused.headers.get('retry-after')) * 1000)
    expect((await post(id, { type: 'confirmed_open' })).status).toBe(201)
  })

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const id = active()[0]!.id
    const spoofed = (i: number) => ({ headers: { 'x-forwarded-for': `10.9.9.${i}` } })
    for (let i = 0; i < 5; i++) await post(id, { type: 'confirmed_open' }, spoofed(i))
    expect((await post(id, { type: 'confirmed_open' }, spoofed(99))).status).toBe(429)
    // Behind a trusted proxy, the client is the address it forwards (the right-most untrusted).
    await t.close()
    await setUp(['127.0.0.1'])
    const via = (client: string) => ({
      from: '::ffff:127.0.0.1',
      headers: { 'x-forwarded-for': `6.6.6.6, ${client}` },
    })
    for (let i = 0; i < 5; i++)
      expect((await post(id, { type: 'confirmed_open' }, via('192.0.2.1'))).status).toBe(201)
    expect((await post(id, { type: 'confirmed_open' }, via('192.0.2.1'))).status).toBe(429)
    expect((await post(id, { type: 'confirmed_open' }, via('192.0.2.2'))).status).toBe(201)
  })

  it('keys IPv6 clients by their /64', async () => {
    const id = active()[0]!.id
    for (let i = 1; i <= 5; i++) {
      expect(
        (await post(id, { type: 'confirmed_open' }, { from: `2001:db8:0:7::${i}` })).status,
      ).toBe(201)
    }
    expect(
      (await post(id, { type: 'confirmed_open' }, { from: '2001:db8::7:0:0:0:99' })).status,
    ).toBe(429)
    expect((await post(id, { type: 'confirmed_open' }, { from: '2001:db8:0:8::1' })).status).toBe(
      201,
    )
  })
})

describe('the trust signal', () => {
  it(
    'shows on the station, in the list and nearby at once, and an edit-free check-in moves no cache',
    { timeout: 120_000 },
    async () => {
      const s = active()[0]!
      const origin = `lon=${s.lon}&lat=${s.lat}`
      const etag = async (url: string) => {
        const res = await t.app.request(url)
        expect(res.status).toBe(200)
        return res.headers.get('etag')
      }
      const health = async () =>
        ((await t.get('/api/health')).body as { dataVersion: number }).dataVersion
      const before = {
        version: await health(),
        tile: await etag('/api/tiles/stations/0/0/0.mvt'),
        coverage: await etag('/api/coverage?radius=1000'),
      }
      const nearbyBefore = NearbyStationCollectionSchema.parse(
        (await t.get(`/api/stations/nearby?${origin}&limit=5`)).body,
      )
      expect(nearbyBefore.features[0]!.properties).toMatchObject(NO_TRUST)

      await post(s.id, { type: 'locked' })
      advance(3600_000)
      await post(s.id, { type: 'confirmed_open' })
      advance(60_000)
      await post(s.id, { type: 'amenity_missing', amenity: 'microwave' })
      advance(60_000)

      const expected = {
        lastConfirmedAt: new Date(START + 3600_000).toISOString(),
        openReports: { amenity_missing: 1 },
        latestReport: {
          type: 'amenity_missing',
          createdAt: new Date(START + 3660_000).toISOString(),
        },
      }
      const one = StationFeatureSchema.parse((await t.get(`/api/stations/${s.id}`)).body)
      expect(one.properties).toMatchObject(expected)
      const near = NearbyStationCollectionSchema.parse(
        (await t.get(`/api/stations/nearby?${origin}&limit=5`)).body,
      )
      expect(near.features.find((f) => f.id === s.id)!.properties).toMatchObject(expected)
      const page = StationPageSchema.parse(
        (await t.get(`/api/stations?adcode=${s.adcode}&limit=1000`)).body,
      )
      expect(page.features.find((f) => f.id === s.id)!.properties).toMatchObject(expected)
      expect(page.features.filter((f) => f.properties.openReports.amenity_missing).length).toBe(1)

      expect(await health()).toBe(before.version)
      expect(await etag('/api/tiles/stations/0/0/0.mvt')).toBe(before.tile)
      expect(await etag('/api/coverage?radius=1000')).toBe(before.coverage)
    },
  )

  it('gives a nearby answer a new tag when a report changes it, though the data version stays', async () => {
    const s = active()[0]!
    const url = `/api/stations/nearby?lon=${s.lon}&lat=${s.lat}&limit=5`
    const revalidate = (tag: string) => t.app.request(url, { headers: { 'if-none-match': tag } })
    const tag = (await t.app.request(url)).headers.get('etag')!
    expect((await revalidate(tag)).status).toBe(304)
    expect((await post(s.id, { type: 'locked' })).status).toBe(201)
    const after = await revalidate(tag)
    expect(after.status).toBe(200)
    const near = NearbyStationCollectionSchema.parse(await after.json())
    expect(near.features.find((f) => f.id === s.id)!.properties.openReports).toEqual({ locked: 1 })
    expect((await revalidate(after.headers.get('etag')!)).status).toBe(304)
  })

  it('shows a report in the station list at once, though the list is kept per data version and minute', async () => {
    const s = active()[0]!
    const url = `/api/stations?adcode=${s.adcode}&limit=1000`
    const revalidate = (tag: string) => t.app.request(url, { headers: { 'if-none-match': tag } })
    const first = await t.app.request(url)
    const tag = first.headers.get('etag')!
    expect((await revalidate(tag)).status).toBe(304)
    expect((await post(s.id, { type: 'locked' })).status).toBe(201)
    const after = await revalidate(tag)
    expect(after.status).toBe(200)
    const reported = (res: Response) =>
      res.json().then((body) => {
        const page = StationPageSchema.parse(body)
        return page.features.find((f) => f.id === s.id)!.properties.openReports
      })
    expect(await reported(after)).toEqual({ locked: 1 })
    // The kept answer, asked afresh, shows it too; and the new tag revalidates.
    expect(await reported(await t.app.request(url))).toEqual({ locked: 1 })
    expect((await revalidate(after.headers.get('etag')!)).status).toBe(304)
  })

  it('sorts a station reported locked, not found or closed below the others of its 100 m band, as brute force does', async () => {
    const rnd = createRandom(11)
    // A dense cluster as well, so that 100 m bands hold several stations and a page's last band
    // is often cut by its limit (the case that needs the band's other stations fetched).
    const CENTRE: LonLat = [120.1, 30.25]
    const cluster = Array.from({ length: 60 }, (_, i) => ({
      ...data.stations[0]!,
      id: `st-c${String(i).padStart(3, '0')}`,
      status: 'active' as const,
      lon: CENTRE[0] + rnd.uniform(-0.004, 0.004),
      lat: CENTRE[1] + rnd.uniform(-0.004, 0.004),
    }))
    data = { ...data, stations: [...data.stations, ...cluster] }
    await t.store.replaceDataset(data)
    const ids = active().map((s) => s.id)
    // A third of the stations get a problem; some of those a later confirmation that settles it.
    const types = ['locked', 'not_found', 'closed', 'amenity_missing', 'other'] as const
    const reported = new Set<string>()
    for (const id of ids) {
      if (!rnd.chance(0.35)) continue
      const type = rnd.pick(types)
      await t.store.addReport(
        id,
        { type, ...(type === 'amenity_missing' ? { amenity: 'toilet' } : {}) },
        new Date(clock.ms),
      )
      if (rnd.chance(0.3))
        await t.store.addReport(id, { type: 'confirmed_open' }, new Date(clock.ms + 1000))
      else if (type === 'locked' || type === 'not_found' || type === 'closed') reported.add(id)
    }
    advance(60_000)
    expect(reported.size).toBeGreaterThan(30)
    const trustById = new Map(
      (await t.store.trust(ids, new Date(clock.ms))).map((trust, i) => [ids[i]!, trust]),
    )
    for (let q = 0; q < 40; q++) {
      const origin: LonLat =
        q % 2 === 0
          ? [CENTRE[0] + rnd.uniform(-0.003, 0.003), CENTRE[1] + rnd.uniform(-0.003, 0.003)]
          : [rnd.uniform(120.05, 120.25), rnd.uniform(30.2, 30.3)]
      const radiusM = rnd.pick([300, 800, 2000, 5000])
      const limit = rnd.pick([1, 3, 10, 30])
      const res = await t.get(
        `/api/stations/nearby?lon=${origin[0]}&lat=${origin[1]}&radius=${radiusM}&limit=${limit}`,
      )
      const got = NearbyStationCollectionSchema.parse(res.body)
      const all = nearbyBruteForce(
        active(),
        (s) => [s.lon, s.lat],
        origin,
        { radiusM, limit: Infinity },
        (s) => s.id,
      )
      const want = trustOrder(all.map((h) => ({ ...h, trust: trustById.get(h.item.id)! }))).slice(
        0,
        limit,
      )
      expect(got.features.map((f) => f.id)).toEqual(want.map((h) => h.item.id))
      expect(got.total).toBe(all.length)
    }
  })
})
