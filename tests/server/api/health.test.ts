import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { makeDataset } from '../../fixtures/dataset.ts'
import { writeWithCorruptCounties } from '../db/corrupt-sqlite.ts'

// The field case: county pages corrupt, /api/counties failing on every request, and
// /api/health still answering "ok" because counting rows reads only an intact index.

let store: SqliteStore | undefined
afterEach(() => store?.close())

async function damagedApp() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-health-')), 'db.sqlite')
  await writeWithCorruptCounties(file, makeDataset())
  store = await SqliteStore.open(file)
  return createApp(store)
}

async function expectUnavailable(res: Response, detail: RegExp) {
  expect(res.status).toBe(503)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = (await res.json()) as { status: number; title: string; detail: string }
  expect(body).toMatchObject({ status: 503, title: 'Service unavailable' })
  expect(body.detail).toMatch(detail)
}

it('answers 503 problem+json on a damaged store before any request has hit the damage', async () => {
  const app = await damagedApp()
  await expectUnavailable(await app.request('/api/health'), /^store failing: integrity check/)
})

it('answers 503 once a request has met the damage, naming the error', async () => {
  const app = await damagedApp()
  expect((await app.request('/api/counties')).status).toBe(500)
  await expectUnavailable(await app.request('/api/health'), /malformed/)
  // and keeps saying so: damage does not heal
  await expectUnavailable(await app.request('/api/health'), /malformed/)
})
