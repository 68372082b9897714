import type { Kysely, Migration } from 'kysely'

// Schema v1: counties, stations (+ amenities as rows), childcare classes, and a meta table
// holding the data version. Coordinates are WGS-84 degrees.
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('counties')
      .addColumn('adcode', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('city_adcode', 'text', (c) => c.notNull())
      .addColumn('population', 'integer')
      .addColumn('urban_population', 'integer')
      .addColumn('children', 'integer')
      .addColumn('area_km2', 'real', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('geometry', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('stations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('tier', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull().references('counties.adcode'))
      .addColumn('lon', 'real', (c) => c.notNull())
      .addColumn('lat', 'real', (c) => c.notNull())
      .addColumn('opening_hours', 'text')
      .addColumn('phone', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('verified_on', 'text')
      .addColumn('sample', 'integer', (c) => c.notNull())
      .execute()
    await db.schema.createIndex('stations_adcode').on('stations').column('adcode').execute()
    await db.schema.createIndex('stations_lat_lon').on('stations').columns(['lat', 'lon']).execute()

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

    await db.schema
      .createTable('childcare_classes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('adcode', 'text', (c) => c.notNull().references('counties.adcode'))
      .addColumn('lon', 'real', (c) => c.notNull())
      .addColumn('lat', 'real', (c) => c.notNull())
      .addColumn('age_min', 'integer', (c) => c.notNull())
      .addColumn('age_max', 'integer', (c) => c.notNull())
      .addColumn('term_start', 'text', (c) => c.notNull())
      .addColumn('term_end', 'text', (c) => c.notNull())
      .addColumn('schedule', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('enrolled', 'integer', (c) => c.notNull())
      .addColumn('fee_cny', 'real', (c) => c.notNull())
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('sample', 'integer', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute()
  },
}
