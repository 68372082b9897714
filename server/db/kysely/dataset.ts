import type { Kysely } from 'kysely'
import type { Dataset } from '../store.ts'
import type { Database } from '../schema.ts'
import { bumpDataVersion } from './data-version.ts'
import type { RecordWriter } from './record-writer.ts'

/** Inside a transaction: everything replaced (reports too), and the data version moved. */
export async function replaceDataset(
  trx: Kysely<Database>,
  writer: RecordWriter,
  { counties, stations, classes, parks = [] }: Dataset,
): Promise<void> {
  await trx.deleteFrom('station_reports').execute()
  await trx.deleteFrom('station_amenities').execute()
  await trx.deleteFrom('stations').execute()
  await trx.deleteFrom('childcare_classes').execute()
  await trx.deleteFrom('parks').execute()
  await trx.deleteFrom('counties').execute()
  await writer.insertCounties(counties)
  await writer.insertRecords('stations', stations)
  await writer.insertRecords('classes', classes)
  await writer.insertRecords('parks', parks)
  await bumpDataVersion(trx)
}
