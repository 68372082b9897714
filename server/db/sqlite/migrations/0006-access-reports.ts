import { sql, type Kysely, type Migration } from 'kysely'

// Schema v6: how to get into a station, and what workers report about it. Reports are not
// edits: they never touch the stations table or the data version. They keep the station's
// county as it was when made, and no foreign key, so an editors' inbox lists a county's reports
// with one index and a report outlives an import that removed its station (the evidence stays).
// `status` moves from open to resolved or dismissed in that inbox; `closed_at`, `closed_by`
// and `resolution` (e.g. the audit entry of the edit it led to) say when, who and how.
export const accessReports: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('stations').addColumn('access', 'text').execute()
    await db.schema.alterTable('stations').addColumn('access_note', 'text').execute()
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
    // The inbox: a county's reports, by status, newest first.
    await db.schema
      .createIndex('station_reports_inbox')
      .on('station_reports')
      .columns(['adcode', 'status', 'created_at'])
      .execute()
    // The trust signal: open reports by station and time (loaded at start-up, recent ones only).
    await db.schema
      .createIndex('station_reports_station')
      .on('station_reports')
      .columns(['station_id', 'created_at'])
      .execute()
  },
}
