import type { Kysely, Migration } from 'kysely'

// Schema v4: logistics parks where kiosks hang, with the compass direction their screen faces.
export const parks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('parks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull().references('counties.adcode'))
      .addColumn('lon', 'real', (c) => c.notNull())
      .addColumn('lat', 'real', (c) => c.notNull())
      .addColumn('facing_deg', 'integer', (c) => c.notNull())
      .addColumn('sample', 'integer', (c) => c.notNull())
      .addColumn('source', 'text')
      .addColumn('source_ref', 'text')
      .addColumn('import_batch', 'text')
      .execute()
    await db.schema.createIndex('parks_adcode').on('parks').column('adcode').execute()
    await db.schema.createIndex('parks_import_batch').on('parks').column('import_batch').execute()
  },
}
