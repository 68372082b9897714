import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SqliteStore } from '../../../server/db/sqlite/sqlite-store.ts'
import { runStoreContract } from './store.contract.ts'

runStoreContract('sqlite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'waystation-store-'))
  return SqliteStore.open(path.join(dir, 'test.sqlite'))
})
