import { afterAll, beforeAll, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { makeTestApp } from './test-app.ts'
import { CountyCollectionSchema } from '../../../server/domain/county.ts'

let t: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => {
  t = await makeTestApp(makeDataset())
})
afterAll(() => t.close())

it('reports health with counts, the engine and that the data is sample data', async () => {
  const { status, body } = await t.get('/api/health')
  expect(status).toBe(200)
  expect(body).toMatchObject({
    status: 'ok',
    stations: 300,
    classes: 80,
    counties: 2,
    store: 'sqlite',
    sampleData: true,
  })
})

it('serves county polygons with their facts', async () => {
  const fc = CountyCollectionSchema.parse((await t.get('/api/counties')).body)
  expect(fc.features.map((f) => f.properties.adcode)).toEqual(['330102', '330106'])
})

it('describes every route in OpenAPI 3.1, generated from the zod schemas', async () => {
  const { status, body } = await t.get('/api/openapi.json')
  expect(status).toBe(200)
  const doc = body as {
    openapi: string
    paths: Record<
      string,
      {
        get: {
          parameters?: { name: string }[]
          responses: Record<
            string,
            { content: Record<string, { schema: { required?: string[] } }> }
          >
        }
      }
    >
  }
  expect(doc.openapi).toBe('3.1.0')
  expect(Object.keys(doc.paths).sort()).toEqual(
    [
      '/api/audit',
      '/api/audit/{id}/undo',
      '/api/classes',
      '/api/classes/{id}',
      '/api/classes/{id}/history',
      '/api/classes/nearby',
      '/api/classes.csv',
      '/api/classes.geojson',
      '/api/classes.xlsx',
      '/api/counties',
      '/api/coverage',
      '/api/coverage.csv',
      '/api/coverage.geojson',
      '/api/coverage/{adcode}/gaps',
      '/api/coverage/{adcode}/scenario',
      '/api/coverage/{adcode}/suggestions',
      '/api/health',
      '/api/import',
      '/api/kiosk/config',
      '/api/parks',
      '/api/parks/{id}',
      '/api/reports',
      '/api/reports/{id}/dismiss',
      '/api/reports/{id}/resolve',
      '/api/tiles/{layer}/{z}/{x}/{y}',
      '/api/stations',
      '/api/stations/nearby',
      '/api/session',
      '/api/stations/{id}',
      '/api/stations/{id}/reports',
      '/api/stations/{id}/history',
      '/api/stations.csv',
      '/api/stations.geojson',
      '/api/stations.xlsx',
    ].sort(),
  )
  // Exports take the list's filters, without its paging.
  const exportParams = doc.paths['/api/stations.csv']!.get.parameters!.map((p) => p.name)
  expect(exportParams).toEqual(['bbox', 'adcode', 'q', 'amenities', 'kind'])
  const params = doc.paths['/api/stations/nearby']!.get.parameters!.map((p) => p.name)
  expect(params).toEqual([
    'lat',
    'lon',
    'radius',
    'limit',
    'amenities',
    'kind',
    'adcode',
    'q',
    'openNow',
    'at',
  ])
  // The page's count travels with it, documented.
  const ok = doc.paths['/api/stations/nearby']!.get.responses['200']!
  expect(ok.content['application/json']!.schema.required).toEqual(
    expect.arrayContaining(['total', 'limit']),
  )
})

it('serves an offline docs page and its assets', async () => {
  const page = await t.app.request('/api/docs')
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('/api/openapi.json')
  const js = await t.app.request('/api/docs/swagger-ui-bundle.js')
  expect(js.status).toBe(200)
  expect((await js.text()).length).toBeGreaterThan(100_000)
  expect((await t.app.request('/api/docs/..%2Fpackage.json')).status).toBe(404)
})

it('gzips JSON for clients that accept it', async () => {
  const plain = await t.app.request('/api/stations?limit=300')
  const zipped = await t.app.request('/api/stations?limit=300', {
    headers: { 'accept-encoding': 'gzip' },
  })
  expect(zipped.headers.get('content-encoding')).toBe('gzip')
  const body = new Uint8Array(await zipped.arrayBuffer())
  const { gunzipSync } = await import('node:zlib')
  expect(gunzipSync(body).toString('utf8')).toBe(await plain.text())
  expect(body.length).toBeLessThan(0.3 * Buffer.byteLength(gunzipSync(body)))
})

it('gzips answers made per request for clients that accept it, each encoding under its own tag', async () => {
  const { gunzipSync } = await import('node:zlib')
  const GZIP = { 'accept-encoding': 'gzip' }
  const at = 'at=2026-07-01T10:00:00%2B08:00'
  // Nearby stations are tagged by their handler, nearby classes by the validators middleware.
  for (const url of [
    `/api/stations/nearby?lat=30.25&lon=120.15&${at}`,
    '/api/classes/nearby?lat=30.25&lon=120.15&radius=20000&limit=50',
  ]) {
    const plain = await t.app.request(url)
    const zipped = await t.app.request(url, { headers: GZIP })
    expect(plain.headers.get('content-encoding'), url).toBeNull()
    expect(zipped.headers.get('content-encoding'), url).toBe('gzip')
    for (const res of [plain, zipped]) expect(res.headers.get('vary')).toBe('accept-encoding')
    const identity = Buffer.from(await plain.arrayBuffer())
    const body = Buffer.from(await zipped.arrayBuffer())
    expect(gunzipSync(body).equals(identity), url).toBe(true)
    expect(body.length).toBeLessThan(0.4 * identity.length)
    const tag = plain.headers.get('etag')!
    const zippedTag = zipped.headers.get('etag')!
    expect(zippedTag).toBe(`${tag.slice(0, -1)}-gzip"`)
    // Each tag revalidates its own encoding only.
    const revalidate = (headers: Record<string, string>) => t.app.request(url, { headers })
    expect((await revalidate({ ...GZIP, 'if-none-match': zippedTag })).status).toBe(304)
    expect((await revalidate({ 'if-none-match': tag })).status).toBe(304)
    expect((await revalidate({ ...GZIP, 'if-none-match': tag })).status).toBe(200)
    expect((await revalidate({ 'if-none-match': zippedTag })).status).toBe(200)
  }
  // Too small to gain: sent as it is.
  const empty = await t.app.request('/api/stations/nearby?lat=0.5&lon=0.5&radius=10', {
    headers: GZIP,
  })
  expect(empty.status).toBe(200)
  expect(empty.headers.get('content-encoding')).toBeNull()
  expect(await empty.json()).toMatchObject({ features: [], total: 0 })
})
