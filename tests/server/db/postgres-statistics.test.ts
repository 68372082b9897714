import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { PostgresStore } from '../../../server/db/postgres/postgres-store.ts'
import { makeDataset } from '../../fixtures/dataset.ts'
import { usePostgres } from './pg-cluster.ts'
import { pgUnavailable } from './pg-available.ts'

// After a bulk write the planner must know how big the tables are: with the statistics of
// empty tables it chose plans that made the map's station listing ~100× slower (the 150,000-
// station tile warm-up took over a minute) until autovacuum came round.

describe.skipIf(pgUnavailable !== null)(
  `PostgreSQL planner statistics${pgUnavailable ? ` (skipped: ${pgUnavailable})` : ''}`,
  () => {
    const server = usePostgres()

    it('are fresh as soon as a dataset is replaced', async () => {
      const url = await server.createDatabase()
      const store = await PostgresStore.open(url)
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const data = makeDataset(300, 40)
        await store.replaceDataset(data)
        // reltuples is what the planner believes a table holds (-1: never measured); ANALYZE
        // counts a table this small exactly.
        const { rows } = await client.query<{ relname: string; reltuples: number }>(
          `SELECT relname, reltuples FROM pg_class
           WHERE relname IN ('stations', 'station_amenities', 'childcare_classes')`,
        )
        const believed = Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]))
        expect(believed).toEqual({
          stations: data.stations.length,
          station_amenities: data.stations.reduce((n, s) => n + s.amenities.length, 0),
          childcare_classes: data.classes.length,
        })
      } finally {
        await client.end()
        await store.close()
      }
    })
  },
)
