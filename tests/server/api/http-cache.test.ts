import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp, withDetailedCounties } from './test-app.ts'
import { hoursSummary } from '../../../server/domain/opening-hours.ts'

// Validators and the compress-once cache (server/api/middleware/http-cache.ts), through the
// real app over a real SQLite store; writes go through the store's own write path.

const data = withDetailedCounties(makeDataset(300, 40))
let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(data)
})
afterAll(() => t.close())

const GZIP = { 'accept-encoding': 'gzip' }
const get = (url: string, headers: Record<string, string> = {}) => t.app.request(url, { headers })

describe('ETag and 304', () => {
  it('answers a matching If-None-Match with a bodiless 304 carrying the same validators', async () => {
    const first = await get('/api/coverage?radius=1000')
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"v\d+-[\w-]+"$/)
    expect(first.headers.get('cache-control')).toBe('no-cache')
    const again = await get('/api/coverage?radius=1000', { 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    expect(again.headers.get('etag')).toBe(etag)
    expect(again.headers.get('cache-control')).toBe('no-cache')
    // A list of tags, weak or strong, matches too; another tag does not.
    const listed = await get('/api/coverage?radius=1000', { 'if-none-match': `"x", W/${etag}` })
    expect(listed.status).toBe(304)
    const other = await get('/api/coverage?radius=1000', { 'if-none-match': '"v0-nothing"' })
    expect(other.status).toBe(200)
  })

  it('tags each encoding apart, and each one revalidates', async () => {
    const plain = await get('/api/counties')
    const zipped = await get('/api/counties', GZIP)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('vary')).toBe('accept-encoding')
    expect(zipped.headers.get('etag')).not.toBe(plain.headers.get('etag'))
    const tag = zipped.headers.get('etag')!
    expect((await get('/api/counties', { ...GZIP, 'if-none-match': tag })).status).toBe(304)
    // The gzip tag names other bytes than the plain answer a client without gzip gets.
    expect((await get('/api/counties', { 'if-none-match': tag })).status).toBe(200)
    const refused = await get('/api/counties', { 'accept-encoding': 'gzip;q=0, identity' })
    expect(refused.headers.get('content-encoding')).toBeNull()
  })

  it('gives the same tag whatever the order of the query parameters', async () => {
    const a = await get('/api/coverage?radius=3000&layer=classes')
    const b = await get('/api/coverage?layer=classes&radius=3000')
    expect(a.headers.get('etag')).toBe(b.headers.get('etag'))
    const c = await get('/api/coverage?layer=stations&radius=3000')
    expect(c.headers.get('etag')).not.toBe(a.headers.get('etag'))
  })

  it('changes the tag after a write, so an old copy is never confirmed', async () => {
    const before = await get('/api/coverage?radius=1000')
    const oldTag = before.headers.get('etag')!
    const oldVersion = ((await before.json()) as { dataVersion: number }).dataVersion
    await t.store.replaceDataset({ ...data, stations: data.stations.slice(0, 50) })
    try {
      const after = await get('/api/coverage?radius=1000', { 'if-none-match': oldTag })
      expect(after.status).toBe(200)
      const newTag = after.headers.get('etag')!
      expect(newTag).not.toBe(oldTag)
      expect(((await after.json()) as { dataVersion: number }).dataVersion).toBe(oldVersion + 1)
      expect((await get('/api/coverage?radius=1000', { 'if-none-match': newTag })).status).toBe(304)
    } finally {
      await t.store.replaceDataset(data)
    }
  })

  it('never tags or keeps an error', async () => {
    const bad = await get('/api/coverage?radius=5', GZIP)
    expect(bad.status).toBe(400)
    expect(bad.headers.get('etag')).toBeNull()
    expect(bad.headers.get('content-type')).toContain('application/problem+json')
    const missing = await get('/api/coverage/330999/gaps')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('etag')).toBeNull()
  })

  it('tags nearby answers by data version and request, gzipped per request, new after a write', async () => {
    const query = 'lat=30.25&lon=120.15&at=2026-07-01T10:00:00%2B08:00'
    const url = `/api/stations/nearby?${query}`
    const first = await get(url, GZIP)
    expect(first.headers.get('content-encoding')).toBe('gzip')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"v\d+-[\w-]+-gzip"$/)
    const revalidate = (u: string) => get(u, { ...GZIP, 'if-none-match': etag })
    expect((await revalidate(url)).status).toBe(304)
    // The same request in another order is the same answer; another point is not.
    const reordered = `/api/stations/nearby?${query.split('&').reverse().join('&')}`
    expect((await revalidate(reordered)).status).toBe(304)
    const elsewhere = await revalidate(url.replace('lat=30.25', 'lat=30.26'))
    expect(elsewhere.status).toBe(200)
    await t.store.replaceDataset({ ...data, stations: data.stations.slice(0, 50) })
    try {
      const after = await revalidate(url)
      expect(after.status).toBe(200)
      expect(after.headers.get('etag')).not.toBe(etag)
    } finally {
      await t.store.replaceDataset(data)
    }
  })

  it('tags one station by content', async () => {
    const station = await get('/api/stations/st-000001')
    const tag = station.headers.get('etag')!
    expect((await get('/api/stations/st-000001', { 'if-none-match': tag })).status).toBe(304)
    expect((await get('/api/stations/st-000002', { 'if-none-match': tag })).status).toBe(200)
  })
})

describe('compress once', () => {
  it('gzips an answer once and sends the kept bytes to every later request', async () => {
    const url = '/api/coverage.geojson?radius=2000'
    const runs = t.cache.gzipRuns
    // Concurrent first requests share one handler run and one compression.
    const bodies = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const res = await get(url, GZIP)
        expect(res.headers.get('content-encoding')).toBe('gzip')
        return Buffer.from(await res.arrayBuffer())
      }),
    )
    for (let i = 0; i < 4; i++) bodies.push(Buffer.from(await (await get(url, GZIP)).arrayBuffer()))
    expect(t.cache.gzipRuns).toBe(runs + 1)
    for (const b of bodies) expect(b.equals(bodies[0]!)).toBe(true)
    const plain = await (await get(url)).text()
    expect(gunzipSync(bodies[0]!).toString('utf8')).toBe(plain)
  })

  it('compresses again after a write, since the answer changed', async () => {
    const url = '/api/coverage.geojson?radius=1500'
    const before = await (await get(url, GZIP)).arrayBuffer()
    const runs = t.cache.gzipRuns
    await get(url, GZIP)
    expect(t.cache.gzipRuns).toBe(runs)
    await t.store.replaceDataset({ ...data, stations: data.stations.slice(0, 50) })
    try {
      const after = await (await get(url, GZIP)).arrayBuffer()
      expect(t.cache.gzipRuns).toBe(runs + 1)
      expect(gunzipSync(after).toString('utf8')).not.toBe(gunzipSync(before).toString('utf8'))
    } finally {
      await t.store.replaceDataset(data)
    }
  })
})

describe('basemap', () => {
  it('tags the county shapes by content, so a write that leaves counties alone keeps the tag', async () => {
    const url = '/api/basemap/counties.geojson'
    const first = await get(url, GZIP)
    expect(first.headers.get('content-encoding')).toBe('gzip')
    expect(first.headers.get('cache-control')).toBe('no-cache')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+-gzip"$/)
    await t.store.replaceDataset({ ...data, stations: data.stations.slice(0, 50) })
    try {
      expect((await get(url, { ...GZIP, 'if-none-match': etag })).status).toBe(304)
      // Moving a county changes the shapes, so the tag.
      const [first, ...rest] = data.counties
      const moved = {
        ...first!,
        properties: { ...first!.properties, cityAdcode: '330200', city: '宁波市' },
      }
      await t.store.replaceDataset({ ...data, counties: [moved, ...rest] })
      const changed = await get(url, { ...GZIP, 'if-none-match': etag })
      expect(changed.status).toBe(200)
      expect(changed.headers.get('etag')).not.toBe(etag)
    } finally {
      await t.store.replaceDataset(data)
    }
  })

  it('tags the style too', async () => {
    const style = await get('/basemap/style.json')
    const etag = style.headers.get('etag')!
    expect(etag).toBeTruthy()
    expect((await get('/basemap/style.json', { 'if-none-match': etag })).status).toBe(304)
  })
})

it('gives HEAD the same validators as GET', async () => {
  const res = await t.app.request('/api/counties', { method: 'HEAD' })
  expect(res.status).toBe(200)
  const etag = res.headers.get('etag')!
  expect(etag).toBe((await get('/api/counties')).headers.get('etag'))
  const again = await t.app.request('/api/counties', {
    method: 'HEAD',
    headers: { 'if-none-match': etag },
  })
  expect(again.status).toBe(304)
})

describe('answers that depend on the time', () => {
  it('keeps a station page for its minute only, so open-now is never served stale', async () => {
    type Page = { features: { id: string; properties: { hours: { openNow: boolean } } }[] }
    const url = '/api/stations?limit=200'
    // A Wednesday: 'Mo-Fr 08:00-18:00' opens at 08:00 Shanghai time.
    const before = new Date('2026-12-02T07:59:30+08:00')
    const after = new Date('2026-12-02T08:00:30+08:00')
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(before)
      const first = await get(url)
      const again = await get(url, { 'if-none-match': first.headers.get('etag')! })
      expect(again.status).toBe(304)
      vi.setSystemTime(after)
      const later = await get(url)
      expect(later.headers.get('etag')).not.toBe(first.headers.get('etag'))
      const hoursById = new Map(data.stations.map((s) => [s.id, s.openingHours]))
      const openAt = (page: Page) =>
        page.features.map((f) => [f.id, f.properties.hours.openNow] as const)
      const expected = (page: Page, at: Date) =>
        page.features.map((f) => [f.id, hoursSummary(hoursById.get(f.id)!, at).openNow] as const)
      const a = (await first.json()) as Page
      const b = (await later.json()) as Page
      expect(openAt(a)).toEqual(expected(a, before))
      expect(openAt(b)).toEqual(expected(b, after))
      // The case has signal: some station on the page opened in between.
      expect(openAt(b)).not.toEqual(openAt(a))
    } finally {
      vi.useRealTimers()
    }
  })
})
