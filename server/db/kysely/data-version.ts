import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.ts'

/** The committed data version, read on `db` (a transaction's, inside one); 0 before any write. */
export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', 'data_version')
    .executeTakeFirst()
  return row ? Number(row.value) : 0
}

/** Moves the data version on by one, inside the write's transaction. */
export async function bumpDataVersion(trx: Kysely<Database>): Promise<void> {
  await trx
    .insertInto('meta')
    .values({ key: 'data_version', value: '1' })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: sql<string>`CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)` }),
    )
    .execute()
}
