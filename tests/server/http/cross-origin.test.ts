import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { readSettings } from '../../../server/settings.ts'
import { makeDataset } from '../../fixtures/dataset.ts'

// Reads are public; writes from browser pages only from our own origin or configured ones; every
// write's body is capped; and all of these answers carry the security headers.

const PARTNER = 'https://partner.example.org'
const EVIL = 'https://evil.example.com'
const HOST = 'waystation.example.cn'
const SCENARIO = '/api/coverage/330102/scenario'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-cors-'))
let store: SqliteStore
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  store = await SqliteStore.open(path.join(dir, 'cors.sqlite'))
  await store.replaceDataset(makeDataset(50, 10))
  app = createApp(store, { allowedOrigins: [PARTNER] })
})
afterAll(async () => {
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const request = (url: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  app.request(`http://${HOST}${url}`, { ...init, headers: { host: HOST, ...init.headers } })
const post = (origin: string | undefined, body = '{not json') =>
  request(SCENARIO, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
  })
const preflight = (origin: string, method: string) =>
  request(SCENARIO, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'content-type, authorization',
    },
  })

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
}

describe('CORS', () => {
  it('lets any origin read, without credentials', async () => {
    const res = await request('/api/health', { headers: { origin: EVIL } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    const pre = await preflight(EVIL, 'GET')
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('refuses writes and their preflights from other origins, before the route runs', async () => {
    for (const res of [await post(EVIL), await preflight(EVIL, 'POST'), await post('null')]) {
      expect(res.status).toBe(403)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect(await res.json()).toMatchObject({ status: 403, parameter: 'Origin' })
      expectSecurityHeaders(res)
    }
    // The import route too, before its token is even looked at.
    const imported = await request('/api/import', { method: 'POST', headers: { origin: EVIL } })
    expect(imported.status).toBe(403)
    expect(((await imported.json()) as { parameter: string }).parameter).toBe('Origin')
  })

  it('lets our own origin, configured origins and non-browser clients write', async () => {
    for (const origin of [`http://${HOST}`, `https://${HOST}`, PARTNER, undefined]) {
      const res = await post(origin)
      // The route ran: it read the body and found it is not JSON.
      expect(res.status, origin).toBe(400)
      expect(((await res.json()) as { parameter: string }).parameter).toBe('body')
      expect(res.headers.get('access-control-allow-origin')).toBe(origin ?? null)
    }
    const pre = await preflight(PARTNER, 'POST')
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe(PARTNER)
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST')
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type, authorization')
    expect(pre.headers.get('vary')).toContain('Origin')
  })

  it('reads WAYSTATION_ALLOWED_ORIGINS as exact origins, and refuses anything else', () => {
    expect(readSettings({}).allowedOrigins).toEqual([])
    expect(
      readSettings({ WAYSTATION_ALLOWED_ORIGINS: `${PARTNER}, http://localhost:5173` })
        .allowedOrigins,
    ).toEqual([PARTNER, 'http://localhost:5173'])
    for (const bad of [
      `${PARTNER}/`,
      `${PARTNER}/app`,
      'partner.example.org',
      'ftp://x.org',
      '*',
    ]) {
      expect(() => readSettings({ WAYSTATION_ALLOWED_ORIGINS: bad }), bad).toThrow(
        /WAYSTATION_ALLOWED_ORIGINS must be comma-separated origins/,
      )
    }
  })
})

describe('body limits', () => {
  it('answer 413 problem+json for a write body over 1 MiB, announced or streamed', async () => {
    const big = 'x'.repeat(2 ** 20 + 1)
    const announced = await post(undefined, big)
    const streamed = await request(SCENARIO, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit & { headers: Record<string, string> })
    for (const res of [announced, streamed]) {
      expect(res.status).toBe(413)
      expect(await res.json()).toMatchObject({ status: 413, parameter: 'body' })
      expectSecurityHeaders(res)
    }
  })
})
