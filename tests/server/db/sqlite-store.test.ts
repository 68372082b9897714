import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import type { Store } from '../../../server/db/store.ts'
import { runStoreContract } from './store.contract.ts'

const files = new WeakMap<Store, string>()

runStoreContract(
  'sqlite',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-store-'))
    const file = path.join(dir, 'test.sqlite')
    const store = await SqliteStore.open(file)
    files.set(store, file)
    return store
  },
  async (closed) => {
    const file = files.get(closed)!
    const store = await SqliteStore.open(file)
    files.set(store, file)
    return store
  },
)
