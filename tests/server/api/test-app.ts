import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApp } from '../../../server/app.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import type { Dataset } from '../../../server/db/store.ts'

/** A real app over a real SQLite file in a temp dir, holding `dataset`. */
export async function makeTestApp(dataset: Dataset) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-api-'))
  const store = await SqliteStore.open(path.join(dir, 'api.sqlite'))
  await store.replaceDataset(dataset)
  const app = createApp(store)
  const get = async (url: string) => {
    const res = await app.request(url)
    const type = res.headers.get('content-type') ?? ''
    const body: unknown = type.includes('json') ? await res.json() : await res.text()
    return {
      status: res.status,
      type,
      body: body as Record<string, unknown> & { features?: unknown[] },
    }
  }
  return { app, store, get, close: () => store.close() }
}
