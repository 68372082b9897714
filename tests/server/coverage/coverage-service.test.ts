import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeDataset } from '../../fixtures/dataset.ts'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import {
  CoverageBusyError,
  CoverageService,
  type CoverageScope,
  type CoverageServiceOptions,
} from '../../../server/coverage/coverage-service.ts'

// The service over a real SQLite store, with grids in a temp dir. Its counters count work
// actually started (grid builds, reads from disk, computations), which is what these tests pin.

const data = makeDataset(120, 30)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-coverage-'))
const gridDir = path.join(dir, 'grids')
let store: SqliteStore
const services: CoverageService[] = []

beforeAll(async () => {
  store = await SqliteStore.open(path.join(dir, 'db.sqlite'))
  await store.replaceDataset(data)
})
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()))
  await store.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A fresh service, as after a restart; grids in `gridDir` unless told otherwise. */
function service(options: CoverageServiceOptions = {}) {
  const s = new CoverageService(store, { gridDir, threads: 1, ...options })
  services.push(s)
  return s
}

const scope = (radiusM: number, at: string | null = null): CoverageScope => ({
  radiusM,
  layer: 'stations',
  at,
})

describe('CoverageService', () => {
  it('computes once for concurrent identical requests, and builds each grid once', async () => {
    const s = service({ gridDir: undefined })
    const [a, b] = await Promise.all([s.report(scope(1000)), s.report(scope(1000))])
    expect(a).toBe(b)
    expect(s.counters).toMatchObject({ reports: 1, gridsBuilt: 2 })
    // 1200 m uses the same H3 resolution as 1000 m: a new report, no new grid.
    await Promise.all([s.report(scope(1200)), s.report(scope(1200))])
    expect(s.counters).toMatchObject({ reports: 2, gridsBuilt: 2 })
    expect(await s.report(scope(1000))).toBe(a)
    expect(s.counters.reports).toBe(2)
  })

  it('caches gaps and suggestions per count (swaps make each count its own set)', async () => {
    const s = service({ gridDir: undefined })
    const g1 = await s.gaps('330106', scope(1000), 0)
    const [g2, g3] = await Promise.all([
      s.gaps('330106', scope(1000), 0),
      s.gaps('330106', scope(1000), 0),
    ])
    expect(g2).toBe(g1)
    expect(g3).toBe(g1)
    expect(s.counters.gaps).toBe(1)
    await s.gaps('330106', scope(1000), 0.5)
    expect(s.counters.gaps).toBe(2)

    const five = await s.suggestions('330106', scope(1000), 5)
    expect(await s.suggestions('330106', scope(1000), 5)).toBe(five)
    expect(s.counters.suggestions).toBe(1)
    const three = await s.suggestions('330106', scope(1000), 3)
    expect(s.counters.suggestions).toBe(2)
    expect(five!.features).toHaveLength(5)
    expect(three!.features).toHaveLength(3)
    expect(s.counters.gridsBuilt).toBe(1) // only the one county's grid
    expect(await s.gaps('330999', scope(1000), 0)).toBeNull()
  })

  it('reads grids back from disk after a restart instead of rebuilding them', async () => {
    const first = service()
    const before = await first.report(scope(1000))
    expect(first.counters).toMatchObject({ gridsBuilt: 2, gridsLoaded: 0 })
    expect(fs.readdirSync(gridDir).filter((f) => f.endsWith('.grid'))).toHaveLength(2)

    const restarted = service()
    expect(await restarted.report(scope(1000))).toEqual(before)
    expect(restarted.counters).toMatchObject({ gridsBuilt: 0, gridsLoaded: 2 })
  })

  it('rebuilds a grid whose file is truncated or corrupt, and rewrites it', async () => {
    const reference = await service().report(scope(3000))
    const files = fs.readdirSync(gridDir).filter((f) => f.includes('-r7-'))
    expect(files).toHaveLength(2)
    const [truncated, corrupt] = files.map((f) => path.join(gridDir, f)) as [string, string]
    fs.truncateSync(truncated, fs.statSync(truncated).size - 100)
    const bytes = fs.readFileSync(corrupt)
    bytes[bytes.length >> 1]! ^= 0xff
    fs.writeFileSync(corrupt, bytes)

    const s = service()
    expect(await s.report(scope(3000))).toEqual(reference)
    expect(s.counters).toMatchObject({ gridsBuilt: 2, gridsLoaded: 0 })
    const again = service()
    await again.report(scope(3000))
    expect(again.counters).toMatchObject({ gridsBuilt: 0, gridsLoaded: 2 })
  })

  it('refuses new work beyond its queue limit, but lets requests join work under way', async () => {
    const s = service({ gridDir: undefined, maxPendingJobs: 1 })
    const first = s.report(scope(1500))
    const joined = s.report(scope(1500))
    const other = s.report(scope(1600))
    const [a, b, c] = await Promise.allSettled([first, joined, other])
    expect(a.status).toBe('fulfilled')
    expect(b.status).toBe('fulfilled')
    expect(c.status).toBe('rejected')
    const err = (c as PromiseRejectedResult).reason as CoverageBusyError
    expect(err).toBeInstanceOf(CoverageBusyError)
    expect(err.retryAfterS).toBeGreaterThan(0)
    // The refusal is not cached: once the queue drains, the same request is served.
    expect((await s.report(scope(1600))).radiusM).toBe(1600)
  })
})
