import type { Kysely, Migration } from 'kysely'

// Schema v2: real registers. Records say where they came from (source, its own id, the import
// batch that wrote them); stations also keep the host's name and hours that could not be read
// as `opening_hours`. Existing rows are sample rows: all null.
export const provenance: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['stations', 'childcare_classes']) {
      for (const column of ['source', 'source_ref', 'import_batch']) {
        await db.schema.alterTable(table).addColumn(column, 'text').execute()
      }
      await db.schema
        .createIndex(`${table}_source_ref`)
        .on(table)
        .columns(['source', 'source_ref'])
        .execute()
      await db.schema
        .createIndex(`${table}_import_batch`)
        .on(table)
        .column('import_batch')
        .execute()
    }
    await db.schema.alterTable('stations').addColumn('host_name', 'text').execute()
    await db.schema.alterTable('stations').addColumn('hours_text', 'text').execute()
  },
}
