import { sql, type Kysely, type Migration } from 'kysely'

// The PostgreSQL schema: the same tables and columns as SQLite's migrations 0001–0006 (see
// server/db/schema.ts), in PostgreSQL's types (double precision where SQLite has real, serial
// ids), plus a PostGIS geography point on stations, classes and parks, generated from lon/lat so
// no writer can let it drift, with a GiST index for KNN (`<->`) and ST_DWithin.

/** A geography point kept equal to the row's lon/lat, and its GiST index. */
async function addPoint(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN geog geography(Point, 4326)
    GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography) STORED`.execute(db)
  await sql`CREATE INDEX ${sql.id(`${table}_geog`)} ON ${sql.table(table)} USING gist (geog)`.execute(
    db,
  )
}

/** Where an imported row came from: source, its own id there, the batch that wrote it. */
const provenance = ['source', 'source_ref', 'import_batch'] as const

export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db)
    await db.schema
      .createTable('counties')
      .addColumn('adcode', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('city_adcode', 'text', (c) => c.notNull())
      .addColumn('population', 'integer')
      .addColumn('urban_population', 'integer')
      .addColumn('children', 'integer')
      .addColumn('area_km2', 'double precision', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('geometry', 'text', (c) => c.notNull())
      .execute()

    let stations = db.schema
      .createTable('stations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull().references('counties.adcode'))
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('opening_hours', 'text')
      .addColumn('phone', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('verified_on', 'text')
      .addColumn('sample', 'integer', (c) => c.notNull())
      .addColumn('host_name', 'text')
      .addColumn('hours_text', 'text')
      .addColumn('access', 'text')
      .addColumn('access_note', 'text')
    for (const column of provenance) stations = stations.addColumn(column, 'text')
    await stations.execute()
    await db.schema.createIndex('stations_adcode').on('stations').column('adcode').execute()

    await db.schema
      .createTable('station_amenities')
      .addColumn('station_id', 'text', (c) =>
        c.notNull().references('stations.id').onDelete('cascade'),
      )
      .addColumn('amenity', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('station_amenities_pk', ['station_id', 'amenity'])
      .execute()
    await db.schema
      .createIndex('station_amenities_amenity')
      .on('station_amenities')
      .columns(['amenity', 'station_id'])
      .execute()

    let classes = db.schema
      .createTable('childcare_classes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull().references('counties.adcode'))
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('age_min', 'integer', (c) => c.notNull())
      .addColumn('age_max', 'integer', (c) => c.notNull())
      .addColumn('term_start', 'text', (c) => c.notNull())
      .addColumn('term_end', 'text', (c) => c.notNull())
      .addColumn('schedule', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('enrolled', 'integer', (c) => c.notNull())
      .addColumn('fee_cny', 'double precision', (c) => c.notNull())
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('sample', 'integer', (c) => c.notNull())
    for (const column of provenance) classes = classes.addColumn(column, 'text')
    await classes.execute()

    let parks = db.schema
      .createTable('parks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull().references('counties.adcode'))
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('facing_deg', 'integer', (c) => c.notNull())
      .addColumn('sample', 'integer', (c) => c.notNull())
    for (const column of provenance) parks = parks.addColumn(column, 'text')
    await parks.execute()
    await db.schema.createIndex('parks_adcode').on('parks').column('adcode').execute()

    for (const table of ['stations', 'childcare_classes', 'parks']) {
      await addPoint(db, table)
      await db.schema
        .createIndex(`${table}_import_batch`)
        .on(table)
        .column('import_batch')
        .execute()
    }
    for (const table of ['stations', 'childcare_classes']) {
      await db.schema
        .createIndex(`${table}_source_ref`)
        .on(table)
        .columns(['source', 'source_ref'])
        .execute()
    }

    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('import_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Order of commitment: only the newest live batch of a layer may be rolled back.
      .addColumn('seq', 'integer', (c) => c.notNull().unique())
      .addColumn('layer', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('files', 'text', (c) => c.notNull())
      .addColumn('counts', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('rolled_back_at', 'text')
      .execute()
    await db.schema
      .createTable('import_batch_records')
      .addColumn('batch_id', 'text', (c) =>
        c.notNull().references('import_batches.id').onDelete('cascade'),
      )
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addPrimaryKeyConstraint('import_batch_records_pk', ['batch_id', 'record_id'])
      .execute()

    await db.schema
      .createTable('users')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('counties', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute()
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) =>
        c.notNull().references('users.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('user_id', 'integer')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('layer', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('adcodes', 'text', (c) => c.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('undoes', 'integer')
      .execute()
    await db.schema
      .createIndex('audit_log_record')
      .on('audit_log')
      .columns(['layer', 'record_id'])
      .execute()
    await db.schema.createIndex('audit_log_user').on('audit_log').column('user_id').execute()

    await db.schema
      .createTable('station_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('amenity', 'text')
      .addColumn('note', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) =>
        c
          .notNull()
          .defaultTo('open')
          .check(sql`status IN ('open', 'resolved', 'dismissed')`),
      )
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('resolution', 'text')
      .execute()
    await db.schema
      .createIndex('station_reports_inbox')
      .on('station_reports')
      .columns(['adcode', 'status', 'created_at'])
      .execute()
    await db.schema
      .createIndex('station_reports_station')
      .on('station_reports')
      .columns(['station_id', 'created_at'])
      .execute()
  },
}
