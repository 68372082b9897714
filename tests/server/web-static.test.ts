import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp } from '../../server/app.ts'
import { SqliteStore } from '../../server/db/sqlite/sqlite-store.ts'
import { serveWebApp } from '../../server/web-static.ts'
import { makeDataset } from '../fixtures/dataset.ts'

let store: SqliteStore
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-web-'))
  const webDir = path.join(dir, 'web')
  fs.mkdirSync(path.join(webDir, 'assets'), { recursive: true })
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>app</title>')
  fs.writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1)')
  store = await SqliteStore.open(path.join(dir, 'db.sqlite'))
  await store.replaceDataset(makeDataset(10, 2))
  app = createApp(store)
  serveWebApp(app, webDir)
})
afterAll(() => store.close())

it('serves the page for client-side routes and the built files as they are', async () => {
  for (const route of ['/', '/planner', '/planner?radius=3000']) {
    const res = await app.request(route)
    expect(res.status, route).toBe(200)
    expect(await res.text()).toContain('<title>app</title>')
  }
  const js = await app.request('/assets/app.js')
  expect(js.status).toBe(200)
  expect(await js.text()).toBe('console.log(1)')
})

it('never answers an unknown API path or a missing file with the page', async () => {
  for (const url of ['/api/nope', '/api/stations/nearby/extra', '/assets/missing.js']) {
    const res = await app.request(url)
    expect(res.status, url).toBe(404)
    expect(res.headers.get('content-type'), url).toContain('application/problem+json')
  }
  expect((await app.request('/api/health')).status).toBe(200)
})
