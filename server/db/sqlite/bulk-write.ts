import type BetterSqlite from 'better-sqlite3'
import type { Selectable } from 'kysely'
import type { StationInput } from '../../domain/station.ts'
import type { ChildcareClassInput } from '../../domain/childcare-class.ts'
import type { ParkInput } from '../../domain/park.ts'
import type { ImportLayer } from '../../import/register.ts'
import type { Database } from '../schema.ts'
import { classToRow, countyToRow, parkToRow, stationToRow } from '../rows.ts'
import { LAYER_TABLES, type LayerInput, type RecordWriter } from '../kysely/record-writer.ts'

/**
 * Many rows written fast, by prepared better-sqlite3 statements on the connection under Kysely,
 * inside the transaction the caller holds open on it: an import of 150,000 stations writes
 * about a million rows, and what each costs adds up.
 */

type InsertableTable =
  'counties' | 'stations' | 'childcare_classes' | 'import_batch_records' | 'parks'

/** The shared write paths' RecordWriter, on the connection under the open transaction. */
export function sqliteWriter(sqlite: BetterSqlite.Database): RecordWriter {
  return {
    insertCounties: async (counties) => insertRows(sqlite, 'counties', counties.map(countyToRow)),
    insertRecords: async (layer, records, importBatch) =>
      insertRecords(sqlite, layer, records, importBatch),
    updateRecord: async (layer, record) => updateRecord(sqlite, layer, record),
    deleteRecords: async (layer, ids) => deleteRecords(sqlite, layer, ids),
    deleteBatch: async (layer, batchId) => {
      sqlite.prepare(`DELETE FROM ${LAYER_TABLES[layer]} WHERE import_batch = ?`).run(batchId)
    },
    insertBatchRecords: async (rows) => insertRows(sqlite, 'import_batch_records', rows),
  }
}

/**
 * Inserts whole records of a layer (stations with their amenity rows), in id order: appended
 * at the right of the primary-key b-trees rather than scattered through them, they dirty
 * far fewer pages. `importBatch`, when given, is written as every record's batch.
 */
function insertRecords(
  sqlite: BetterSqlite.Database,
  layer: ImportLayer,
  records: readonly LayerInput[],
  importBatch?: string,
): void {
  const sorted = [...records].sort(byId)
  const stamped = <R extends { import_batch: string | null }>(row: R): R => {
    if (importBatch !== undefined) row.import_batch = importBatch
    return row
  }
  if (layer === 'classes') {
    const classes = sorted as ChildcareClassInput[]
    insertRows(
      sqlite,
      'childcare_classes',
      classes.map((c) => stamped(classToRow(c))),
    )
  } else if (layer === 'parks') {
    const parks = sorted as ParkInput[]
    insertRows(
      sqlite,
      'parks',
      parks.map((p) => stamped(parkToRow(p))),
    )
  } else {
    const stations = sorted as StationInput[]
    insertRows(
      sqlite,
      'stations',
      stations.map((s) => stamped(stationToRow(s))),
    )
    insertAmenities(sqlite, stations)
  }
}

/** Stations' amenity rows: most rows of an import are these (four or five a station), so no object for each. */
function insertAmenities(sqlite: BetterSqlite.Database, stations: readonly StationInput[]): void {
  const amenity = sqlite.prepare(
    'INSERT INTO station_amenities (station_id, amenity) VALUES (?, ?)',
  )
  for (const s of stations) for (const a of s.amenities) amenity.run(s.id, a)
}

/**
 * Rewrites a stored record in place (an UPDATE, not delete and insert, so rows that refer to
 * it keep their reference); a station's amenity rows are replaced.
 */
function updateRecord(sqlite: BetterSqlite.Database, layer: ImportLayer, record: LayerInput): void {
  const row: Record<string, unknown> =
    layer === 'classes'
      ? classToRow(record as ChildcareClassInput)
      : layer === 'parks'
        ? parkToRow(record as ParkInput)
        : stationToRow(record as StationInput)
  const columns = Object.keys(row).filter((c) => c !== 'id')
  sqlite
    .prepare(
      `UPDATE ${LAYER_TABLES[layer]} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
    )
    .run(row)
  if (layer === 'stations') {
    sqlite.prepare('DELETE FROM station_amenities WHERE station_id = ?').run(record.id)
    insertAmenities(sqlite, [record as StationInput])
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Deletes records of a layer by id; a station's amenity rows go with it (ON DELETE CASCADE). */
function deleteRecords(
  sqlite: BetterSqlite.Database,
  layer: ImportLayer,
  ids: readonly string[],
): void {
  const remove = sqlite.prepare(`DELETE FROM ${LAYER_TABLES[layer]} WHERE id = ?`)
  for (const id of [...ids].sort()) remove.run(id)
}

/**
 * Rows of one table (each with the same keys) through one prepared statement. (Multi-row
 * INSERTs measured no faster: the time is SQLite's, in the b-trees.)
 */
function insertRows<T extends InsertableTable>(
  sqlite: BetterSqlite.Database,
  table: T,
  rows: readonly Selectable<Database[T]>[],
): void {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0]!)
  const insert = sqlite.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  )
  // Rows made by one function have their keys in one order: the values bind positionally.
  for (const row of rows) insert.run(Object.values(row))
}
