import { sql, type Insertable, type Kysely } from 'kysely'
import type { StationInput } from '../../domain/station.ts'
import type { ChildcareClassInput } from '../../domain/childcare-class.ts'
import type { ParkInput } from '../../domain/park.ts'
import type { Database } from '../schema.ts'
import { classToRow, countyToRow, parkToRow, stationToRow } from '../rows.ts'
import { LAYER_TABLES, type RecordWriter } from '../kysely/record-writer.ts'

/** PostgreSQL binds at most 65,535 parameters a statement: rows go in chunks under that. */
const MAX_PARAMETERS = 60_000

type Table =
  | 'counties'
  | 'stations'
  | 'station_amenities'
  | 'childcare_classes'
  | 'parks'
  | 'import_batch_records'

/**
 * The RecordWriter on a PostgreSQL transaction: multi-row INSERTs (one round trip per few
 * thousand rows, where one a row would cost a round trip each), ids as one array parameter.
 */
export function postgresWriter(trx: Kysely<Database>): RecordWriter {
  const insertRows = async <T extends Table>(
    table: T,
    rows: readonly Insertable<Database[T]>[],
  ) => {
    if (rows.length === 0) return
    const size = Math.floor(MAX_PARAMETERS / Object.keys(rows[0]!).length)
    for (let i = 0; i < rows.length; i += size) {
      await trx
        .insertInto(table)
        .values(rows.slice(i, i + size) as never)
        .execute()
    }
  }
  const amenityRows = (stations: readonly StationInput[]) =>
    stations.flatMap((s) => s.amenities.map((amenity) => ({ station_id: s.id, amenity })))
  return {
    insertCounties: (counties) => insertRows('counties', counties.map(countyToRow)),
    async insertRecords(layer, records, importBatch) {
      const stamped = <R extends { import_batch: string | null }>(row: R): R =>
        importBatch === undefined ? row : { ...row, import_batch: importBatch }
      if (layer === 'classes') {
        await insertRows(
          'childcare_classes',
          (records as ChildcareClassInput[]).map((c) => stamped(classToRow(c))),
        )
      } else if (layer === 'parks') {
        await insertRows(
          'parks',
          (records as ParkInput[]).map((p) => stamped(parkToRow(p))),
        )
      } else {
        const stations = records as StationInput[]
        await insertRows(
          'stations',
          stations.map((s) => stamped(stationToRow(s))),
        )
        await insertRows('station_amenities', amenityRows(stations))
      }
    },
    async updateRecord(layer, record) {
      const { id, ...row } =
        layer === 'classes'
          ? classToRow(record as ChildcareClassInput)
          : layer === 'parks'
            ? parkToRow(record as ParkInput)
            : stationToRow(record as StationInput)
      await trx
        .updateTable(LAYER_TABLES[layer])
        .set(row as never)
        .where('id', '=', id)
        .execute()
      if (layer === 'stations') {
        await trx.deleteFrom('station_amenities').where('station_id', '=', id).execute()
        await insertRows('station_amenities', amenityRows([record as StationInput]))
      }
    },
    async deleteRecords(layer, ids) {
      if (ids.length === 0) return
      await trx
        .deleteFrom(LAYER_TABLES[layer])
        .where(sql<boolean>`id = ANY(${[...ids]}::text[])`)
        .execute()
    },
    async deleteBatch(layer, batchId) {
      await trx.deleteFrom(LAYER_TABLES[layer]).where('import_batch', '=', batchId).execute()
    },
    insertBatchRecords: (rows) => insertRows('import_batch_records', rows),
  }
}
