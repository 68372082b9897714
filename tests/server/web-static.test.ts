import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { serveWebApp } from '../../server/web-static.ts'
import { securityHeaders } from '../../server/http/security-headers.ts'
import { precompress } from '../../tools/vite-precompress.ts'
import { makeDataset } from '../fixtures/dataset.ts'

// The built web app as server/web-static.ts serves it, over a real store; the .br/.gz
// variants are written by the same Vite plugin the build uses.

const INDEX =
  '<!doctype html><title>app</title><script type="module" src="/assets/app.js"></script>'
const JS = Buffer.from(
  Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i * 7} // a line\n`).join(''),
)

let dir: string
let store: SqliteStore
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-web-'))
  const webDir = path.join(dir, 'web')
  fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(webDir, 'index.html'), INDEX)
  fs.writeFileSync(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), JS)
  fs.writeFileSync(path.join(webDir, 'assets', 'small.css'), 'a{}')
  fs.writeFileSync(path.join(webDir, 'assets', '.secret'), 'hidden')
  const writeBundle = precompress().writeBundle as (
    output: { dir: string },
    bundle: Record<string, unknown>,
  ) => Promise<void>
  await writeBundle({ dir: webDir }, { 'assets/app.js': {}, 'assets/small.css': {} })
  store = await SqliteStore.open(path.join(dir, 'db.sqlite'))
  await store.replaceDataset(makeDataset(10, 2))
  app = createApp(store)
  serveWebApp(app, webDir)
})
afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.request(url, { method, headers })
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer())

describe('pages', () => {
  it('serves the page for the app routes, revalidated by content ETag', async () => {
    for (const route of ['/', '/planner', '/planner/', '/planner?radius=3000']) {
      const res = await get(route)
      expect(res.status, route).toBe(200)
      expect(await res.text()).toBe(INDEX)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/)
      expect(res.headers.get('last-modified')).toBe(
        fs.statSync(path.join(dir, 'web/index.html')).mtime.toUTCString(),
      )
    }
    const first = await get('/')
    const etag = first.headers.get('etag')!
    for (const validator of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await get('/planner', { 'if-none-match': validator })
      expect(again.status, validator).toBe(304)
      expect(await again.text()).toBe('')
      expect(again.headers.get('etag')).toBe(etag)
    }
    expect((await get('/', { 'if-none-match': '"stale"' })).status).toBe(200)
    const head = await get('/planner', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(INDEX.length))
    expect(await head.text()).toBe('')
    const since = first.headers.get('last-modified')!
    expect((await get('/', { 'if-modified-since': since })).status).toBe(304)
    const before = new Date(Date.parse(since) - 1000).toUTCString()
    expect((await get('/', { 'if-modified-since': before })).status).toBe(200)
  })

  it('answers unknown paths with 404: the app page for a browser, problem+json otherwise', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }
    for (const url of ['/etc/passwd', '/wp-admin', '/planner/extra', '/finder']) {
      const page = await get(url, browser)
      expect(page.status, url).toBe(404)
      expect(await page.text(), url).toBe(INDEX)
      const api = await get(url)
      expect(api.status, url).toBe(404)
      expect(api.headers.get('content-type'), url).toContain('application/problem+json')
    }
    for (const url of [
      '/.git/config',
      '/.env',
      '/index.html',
      '/api/nope',
      '/api/stations/nearby/extra',
      '/assets/missing.js',
      '/assets/.secret',
      '/assets/..%2Findex.html',
      '/assets/%2e%2e/index.html',
      '/assets/..%5Cindex.html',
      '/assets/%00app.js',
      '/assets/%E0%A4%A.js',
      '/assets/',
      '/assets//app.js',
    ]) {
      const res = await get(url, browser)
      expect(res.status, url).toBe(404)
      expect(res.headers.get('content-type'), url).toContain('application/problem+json')
    }
  })

  it('answers other methods on GET routes with 405 and Allow', async () => {
    // (Not /api/stations/nearby: a station's PATCH and DELETE route on /api/stations/{id}.)
    for (const url of ['/', '/planner', '/assets/app.js', '/api/health', '/api/counties']) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const res = await get(url, {}, method)
        expect(res.status, `${method} ${url}`).toBe(405)
        expect(res.headers.get('allow'), `${method} ${url}`).toBe('GET, HEAD')
        expect(res.headers.get('content-type')).toContain('application/problem+json')
        expect(((await res.json()) as { status: number }).status).toBe(405)
      }
    }
    expect((await get('/wp-admin', {}, 'POST')).status).toBe(404)
  })

  it('has a favicon, and sends /favicon.ico to it', async () => {
    const svg = await get('/favicon.svg')
    expect(svg.status).toBe(200)
    expect(svg.headers.get('content-type')).toBe('image/svg+xml')
    const ico = await get('/favicon.ico')
    expect(ico.status).toBe(301)
    expect(ico.headers.get('location')).toBe('/favicon.svg')
  })

  it('serves the kiosk service worker as JavaScript revalidated on every visit, once built', async () => {
    expect((await get('/kiosk-sw.js')).status).toBe(404)
    const file = path.join(dir, 'web', 'kiosk-sw.js')
    fs.writeFileSync(file, 'self.skipWaiting()')
    try {
      const res = await get('/kiosk-sw.js')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toBe('self.skipWaiting()')
    } finally {
      fs.rmSync(file)
    }
  })
})

describe('assets', () => {
  const cases: [string | undefined, string | null][] = [
    [undefined, null],
    ['br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['BR;Q=0.9, GZIP;Q=0.8', 'br'],
    ['gzip;q=0.9, identity', null],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0.5, br;q=0.1', 'gzip'],
    ['identity', null],
    ['deflate', null],
    ['br;q=nonsense, gzip;q=0.2', 'gzip'],
  ]
  it.each(cases)('Accept-Encoding %s → %s, the same bytes once decoded', async (accept, coding) => {
    const res = await get(
      '/assets/app.js',
      accept === undefined ? {} : { 'accept-encoding': accept },
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe(coding)
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('vary')).toBe('accept-encoding')
    const body = await bytes(res)
    expect(res.headers.get('content-length')).toBe(String(body.length))
    const decoded =
      coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body
    expect(decoded.equals(JS)).toBe(true)
    if (coding) expect(body.length).toBeLessThan(JS.length / 3)
  })

  it('sends a small file as it is: no variant is worth writing', async () => {
    expect(fs.existsSync(path.join(dir, 'web/assets/small.css.br'))).toBe(false)
    const res = await get('/assets/small.css', { 'accept-encoding': 'br, gzip' })
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await res.text()).toBe('a{}')
  })

  it('answers a matching If-None-Match with 304, per encoding', async () => {
    const br = await get('/assets/app.js', { 'accept-encoding': 'br' })
    const plain = await get('/assets/app.js')
    const [brTag, plainTag] = [br.headers.get('etag')!, plain.headers.get('etag')!]
    expect(brTag).not.toBe(plainTag)
    const again = await get('/assets/app.js', { 'accept-encoding': 'br', 'if-none-match': brTag })
    expect(again.status).toBe(304)
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await again.text()).toBe('')
    const changed = await get('/assets/app.js', { 'if-none-match': brTag })
    expect(changed.status).toBe(200)
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await get('/assets/app.js', { 'accept-encoding': 'gzip' }, 'HEAD')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0)
    expect((await bytes(res)).length).toBe(0)
  })

  const size = JS.length
  const ranges: [string, number, [number, number] | null][] = [
    ['bytes=0-4', 206, [0, 4]],
    ['bytes=10-', 206, [10, size - 1]],
    ['bytes=-5', 206, [size - 5, size - 1]],
    [`bytes=-${size + 100}`, 206, [0, size - 1]],
    [`bytes=5-${size + 100}`, 206, [5, size - 1]],
    [`bytes=${size - 1}-${size - 1}`, 206, [size - 1, size - 1]],
    ['BYTES=3-3', 206, [3, 3]],
    ['bytes=10-5', 200, null],
    ['bytes=0-1,3-4', 200, null],
    ['items=0-5', 200, null],
    ['bytes=abc', 200, null],
    ['bytes=-', 200, null],
    ['bytes=1.5-2', 200, null],
    ['bytes= 0-4', 200, null],
    [`bytes=${size}-`, 416, null],
    ['bytes=99999999-', 416, null],
    [`bytes=${'9'.repeat(400)}-`, 416, null],
    ['bytes=-0', 416, null],
  ]
  it.each(ranges)('Range: %s → %i', async (range, status, span) => {
    // A range is served from the plain file even when the client accepts compression.
    const res = await get('/assets/app.js', { range, 'accept-encoding': 'br' })
    expect(res.status).toBe(status)
    expect(res.headers.get('content-encoding')).toBeNull()
    const body = await bytes(res)
    if (status === 416) {
      expect(res.headers.get('content-range')).toBe(`bytes */${size}`)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    } else if (span) {
      const [start, end] = span
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`)
      expect(res.headers.get('content-length')).toBe(String(end - start + 1))
      expect(body.equals(JS.subarray(start, end + 1))).toBe(true)
    } else {
      expect(res.headers.get('content-range')).toBeNull()
      expect(body.equals(JS)).toBe(true)
    }
  })

  it('honours a range only while If-Range still names the file', async () => {
    const { headers } = await get('/assets/app.js')
    const current = await get('/assets/app.js', {
      range: 'bytes=0-1',
      'if-range': headers.get('etag')!,
    })
    expect(current.status).toBe(206)
    const byDate = await get('/assets/app.js', {
      range: 'bytes=0-1',
      'if-range': headers.get('last-modified')!,
    })
    expect(byDate.status).toBe(206)
    for (const stale of ['"old"', `W/${headers.get('etag')}`, 'Thu, 01 Jan 2015 00:00:00 GMT']) {
      const res = await get('/assets/app.js', { range: 'bytes=0-1', 'if-range': stale })
      expect(res.status, stale).toBe(200)
      expect((await bytes(res)).equals(JS)).toBe(true)
    }
  })
})

describe('security headers', () => {
  it('go with every answer, API and web, errors included', async () => {
    for (const [url, method] of [
      ['/', 'GET'],
      ['/assets/app.js', 'GET'],
      ['/api/health', 'GET'],
      ['/api/nope', 'GET'],
      ['/api/health', 'POST'],
      ['/api/stations/nearby?lat=x', 'GET'],
      ['/wp-admin', 'GET'],
    ] as const) {
      const res = await get(url, {}, method)
      const h = (name: string) => res.headers.get(name)
      const csp = h('content-security-policy') ?? ''
      expect(csp, url).toContain("default-src 'self'")
      expect(csp, url).toContain("script-src 'self';")
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/)
      expect(csp, url).toContain("frame-ancestors 'none'")
      expect(csp, url).toContain("worker-src 'self' blob:")
      expect(h('x-content-type-options'), url).toBe('nosniff')
      expect(h('x-frame-options'), url).toBe('DENY')
      expect(h('referrer-policy'), url).toBe('strict-origin-when-cross-origin')
      expect(h('permissions-policy'), url).toContain('geolocation=(self)')
      expect(h('permissions-policy'), url).toContain('camera=()')
      expect(h('strict-transport-security'), url).toBeNull()
    }
  })

  it('let the map reach an online basemap style’s origin, and only that one', async () => {
    const csp = async (styleUrl?: string) => {
      const probe = new Hono().use(securityHeaders({ styleUrl })).get('/', (c) => c.text('ok'))
      const policy = (await probe.request('/')).headers.get('content-security-policy')!
      return Object.fromEntries(
        policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
      )
    }
    const online = await csp('https://tiles.example.org:8443/styles/street.json?key=abc')
    expect(online['connect-src']).toBe("'self' https://tiles.example.org:8443")
    expect(online['img-src']).toBe("'self' data: blob: https://tiles.example.org:8443")
    expect(online['script-src']).toBe("'self'")
    for (const local of [
      undefined,
      '',
      '/basemap/other.json',
      'not a url',
      'javascript:alert(1)',
    ]) {
      expect((await csp(local))['connect-src'], String(local)).toBe("'self'")
    }
  })
})
