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
  // Each source of nearby stations passes the whole contract: the in-memory index waited for,
  // KNN in the database alone, and the two as served (the index when current, else KNN).
  for (const nearby of ['auto', 'index', 'database'] as const) {
    const urls = new WeakMap<Store, string>()
    const open = async (url: string) => {
      const store = await PostgresStore.open(url, { nearby })
      urls.set(store, url)
      return store
    }
    runStoreContract(
      `postgres (nearby: ${nearby})`,
      async () => open(await server.createDatabase()),
      async (closed) => open(urls.get(closed)!),
    )
  }
}
