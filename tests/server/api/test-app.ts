import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createApp, type AppOptions } from '../../../server/app.ts'
import { openStore, type StoreLocation } from '../../../server/db/open-store.ts'
import type { Dataset, Store } from '../../../server/db/store.ts'
import { ResponseCache } from '../../../server/api/middleware/response-cache.ts'
import { usePostgres } from '../db/pg-cluster.ts'

/**
 * The store the API suites run on: SQLite, or PostgreSQL in the `api-postgres` project
 * (vite.config.ts), which runs the data suites again with WAYSTATION_TEST_STORE=postgres, as
 * kysely's tests loop over DIALECTS. There, this file's importer gets a test cluster.
 */
const postgres = process.env.WAYSTATION_TEST_STORE === 'postgres' ? usePostgres() : null

/** A new, empty store of the suite's engine, and where it is (for an Importer). */
export async function openTestStore(): Promise<{ store: Store; location: StoreLocation }> {
  const location = postgres
    ? await postgres.createDatabase()
    : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-api-')), 'api.sqlite')
  return { store: await openStore(location), location }
}

/** A real app over a real store (a SQLite file in a temp dir, or a PostgreSQL database), holding `dataset`. */
export async function makeTestApp(dataset: Dataset, options: AppOptions = {}) {
  const { store } = await openTestStore()
  await store.replaceDataset(dataset)
  const cache = new ResponseCache(16 * 1024 * 1024)
  const app = createApp(store, { cache, ...options })
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
  return { app, store, cache, get, close: () => store.close() }
}

/**
 * The same counties with `perEdge` extra vertices on every edge: the same land, but shapes
 * big enough (a few kB) that answers carrying them are worth compressing.
 */
export function withDetailedCounties(dataset: Dataset, perEdge = 40): Dataset {
  const densify = (ring: number[][]) =>
    ring.flatMap((p, i) => {
      const q = ring[i + 1]
      if (!q) return [p]
      return Array.from({ length: perEdge + 1 }, (_, k) => [
        p[0]! + ((q[0]! - p[0]!) * k) / (perEdge + 1),
        p[1]! + ((q[1]! - p[1]!) * k) / (perEdge + 1),
      ])
    })
  return {
    ...dataset,
    counties: dataset.counties.map((c) =>
      c.geometry.type === 'Polygon'
        ? { ...c, geometry: { ...c.geometry, coordinates: c.geometry.coordinates.map(densify) } }
        : c,
    ),
  }
}
