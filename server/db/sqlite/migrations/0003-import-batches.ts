import type { Kysely, Migration } from 'kysely'

// Schema v3: import batches. Each committed import is a batch (what was read, how, the counts);
// each record it added, updated or removed has a row with its image from before the batch, so
// a rollback restores exactly what was there.
export const importBatches: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('import_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Order of commitment: only the newest live batch of a layer may be rolled back.
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('layer', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('files', 'text', (c) => c.notNull()) // JSON [{name, sha256, rows}]
      .addColumn('counts', 'text', (c) => c.notNull()) // JSON ImportCounts
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('rolled_back_at', 'text')
      .execute()
    await db.schema
      .createTable('import_batch_records')
      .addColumn('batch_id', 'text', (c) =>
        c.notNull().references('import_batches.id').onDelete('cascade'),
      )
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull()) // added | updated | removed
      .addColumn('before', 'text') // the record as JSON; null when added
      .addPrimaryKeyConstraint('import_batch_records_pk', ['batch_id', 'record_id'])
      .execute()
  },
}
