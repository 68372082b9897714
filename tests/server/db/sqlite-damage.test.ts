import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { makeDataset } from '../../fixtures/dataset.ts'
import { writeWithCorruptCounties } from './corrupt-sqlite.ts'

let store: SqliteStore | undefined
afterEach(() => store?.close())

async function openDamaged(): Promise<SqliteStore> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-damage-')), 'db.sqlite')
  expect((await writeWithCorruptCounties(file, makeDataset())).length).toBeGreaterThan(0)
  store = await SqliteStore.open(file)
  return store
}

it('finds corrupt county pages that counting rows does not notice', async () => {
  const s = await openDamaged()
  // What /api/health used to rely on: the count comes from an intact index.
  expect((await s.counts()).counties).toBe(2)
  await expect(s.listCounties()).rejects.toThrow(/malformed/)
  const problems = await s.verify()
  expect(problems.length).toBeGreaterThan(0)
  expect(await s.fault()).not.toBeNull()
})

it('reports a fault met by a query, before any page scan has run', async () => {
  const s = await openDamaged()
  await expect(s.listCounties()).rejects.toThrow()
  expect(await s.fault()).toMatch(/malformed/)
})

it('reports a fault from a page scan, before any query has hit the damage', async () => {
  const s = await openDamaged()
  expect(await s.fault()).toMatch(/^integrity check failed: /)
})

it('takes a page check started before it opened as its own, not scanning again', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-damage-')), 'db.sqlite')
  await (await SqliteStore.open(file)).close()
  // A sound file: only the check handed in (main.ts starts it while modules load) can say this.
  const pageCheck = Promise.resolve(['Page 7 is never used'])
  store = await SqliteStore.open(file, { serving: true, pageCheck })
  expect(await store.fault()).toBe('integrity check failed: Page 7 is never used')
})
