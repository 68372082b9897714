import { describe, it } from 'vitest'
import { PostgresStore } from '../../../server/db/postgres/postgres-store.ts'
import type { Store } from '../../../server/db/store.ts'
import { runStoreContract } from './store.contract.ts'
import { usePostgres } from './pg-cluster.ts'
import { pgUnavailable } from './pg-available.ts'

if (pgUnavailable !== null) {
  describe.skip(`Store contract: postgres (skipped: ${pgUnavailable})`, () => {
    it('runs when PostgreSQL + PostGIS are installed or WAYSTATION_TEST_DATABASE_URL is set')
  })
} else {
  const server = usePostgres()
  const urls = new WeakMap<Store, string>()
  const open = async (url: string) => {
    const store = await PostgresStore.open(url)
    urls.set(store, url)
    return store
  }
  runStoreContract(
    'postgres',
    async () => open(await server.createDatabase()),
    async (closed) => open(urls.get(closed)!),
  )
}
