import type { Kysely, Selectable } from 'kysely'
import {
  ImportRefusedError,
  type AuditActor,
  type ImportChange,
  type LayerSnapshot,
} from '../store.ts'
import type { ImportBatch } from '../../domain/import-report.ts'
import type { ImportLayer, RecordOf } from '../../import/register.ts'
import type { Database, ImportBatchRecordTable, ImportBatchTable } from '../schema.ts'
import { classFromRow, parkFromRow, stationFromRow } from '../rows.ts'
import { insertAudit } from './audit.ts'
import { bumpDataVersion, readDataVersion } from './data-version.ts'
import { groupAmenities } from './records.ts'
import type { RecordWriter } from './record-writer.ts'

// Import batches with their before-images, and their rollback: the same steps on every engine,
// each inside a transaction the store holds, with the rows written by the store's RecordWriter.

/** Every record of a layer and the data version, read inside one snapshot transaction. */
export async function layerSnapshot<L extends ImportLayer>(
  trx: Kysely<Database>,
  layer: L,
): Promise<LayerSnapshot<L>> {
  const dataVersion = await readDataVersion(trx)
  if (layer === 'classes') {
    const rows = await trx.selectFrom('childcare_classes').selectAll().orderBy('id').execute()
    return { dataVersion, records: rows.map(classFromRow) as RecordOf<L>[] }
  }
  if (layer === 'parks') {
    const rows = await trx.selectFrom('parks').selectAll().orderBy('id').execute()
    return { dataVersion, records: rows.map(parkFromRow) as RecordOf<L>[] }
  }
  const [rows, amenityRows] = await Promise.all([
    trx.selectFrom('stations').selectAll().orderBy('id').execute(),
    trx.selectFrom('station_amenities').selectAll().execute(),
  ])
  const amenities = groupAmenities(amenityRows)
  const records = rows.map((r) => stationFromRow(r, amenities.get(r.id) ?? []))
  return { dataVersion, records: records as RecordOf<L>[] }
}

/** Inside a transaction: see Store.applyImport. */
export async function applyImport<L extends ImportLayer>(
  trx: Kysely<Database>,
  writer: RecordWriter,
  change: ImportChange<L>,
  actor: AuditActor,
): Promise<ImportBatch> {
  const { batch } = change
  const layer: ImportLayer = batch.layer
  const version = await readDataVersion(trx)
  if (version !== change.basedOn) {
    throw new ImportRefusedError(
      `the data changed while the import was being planned (version ${change.basedOn}, ` +
        `now ${version}); nothing was written, run it again`,
    )
  }
  await writer.deleteRecords(layer, [
    ...change.update.map((u) => u.before.id),
    ...change.remove.map((r) => r.id),
  ])
  const written = [...change.add, ...change.update.map((u) => u.after)]
  await writer.insertRecords(layer, written, batch.id)
  const last = await trx
    .selectFrom('import_batches')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  await trx
    .insertInto('import_batches')
    .values({
      id: batch.id,
      seq: (last?.seq ?? 0) + 1,
      layer,
      source: batch.source,
      mode: batch.mode,
      files: JSON.stringify(batch.files),
      counts: JSON.stringify(batch.counts),
      created_at: batch.createdAt,
      rolled_back_at: null,
    })
    .execute()
  // Before-images of what the batch replaced. What it added needs none: every record it
  // wrote carries its id, and a rollback deletes those.
  const touched = (action: ImportBatchRecordTable['action'], r: RecordOf<L>) => ({
    batch_id: batch.id,
    record_id: r.id,
    action,
    before: JSON.stringify(r),
  })
  await writer.insertBatchRecords([
    ...change.update.map((u) => touched('updated', u.before)),
    ...change.remove.map((r) => touched('removed', r)),
  ])
  const adcodes = [
    ...change.add,
    ...change.update.flatMap((u) => [u.before, u.after]),
    ...change.remove,
  ].map((r) => r.adcode)
  await insertAudit(trx, {
    at: batch.createdAt,
    actor,
    action: 'import',
    layer,
    record_id: null,
    batch_id: batch.id,
    adcodes,
    before: null,
    after: { ...batch, rolledBackAt: null },
  })
  await bumpDataVersion(trx)
  return { ...batch, rolledBackAt: null }
}

/** Inside a transaction: see Store.rollbackImport. */
export async function rollbackImport(
  trx: Kysely<Database>,
  writer: RecordWriter,
  batchId: string,
  actor: AuditActor,
): Promise<ImportBatch> {
  const rolledBackAt = new Date().toISOString()
  const row = await trx
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst()
  if (!row) throw new ImportRefusedError(`there is no import batch ${batchId}`)
  if (row.rolled_back_at !== null) {
    throw new ImportRefusedError(`import batch ${batchId} was rolled back at ${row.rolled_back_at}`)
  }
  const newer = await trx
    .selectFrom('import_batches')
    .select('id')
    .where('layer', '=', row.layer)
    .where('rolled_back_at', 'is', null)
    .where('seq', '>', row.seq)
    .orderBy('seq', 'desc')
    .executeTakeFirst()
  if (newer) {
    throw new ImportRefusedError(
      `import batch ${newer.id} came after ${batchId} in ${row.layer}; roll it back first`,
    )
  }
  const layer = row.layer as ImportLayer
  const touched = await trx
    .selectFrom('import_batch_records')
    .selectAll()
    .where('batch_id', '=', batchId)
    .execute()
  // What the batch wrote: every record still marked with it, and (batches written before
  // additions went unlisted) the records it lists as added or updated.
  await writer.deleteBatch(layer, batchId)
  await writer.deleteRecords(
    layer,
    touched.filter((t) => t.action !== 'removed').map((t) => t.record_id),
  )
  await writer.insertRecords(
    layer,
    touched.flatMap((t) =>
      t.before === null ? [] : [JSON.parse(t.before) as RecordOf<typeof layer>],
    ),
  )
  await trx
    .updateTable('import_batches')
    .set({ rolled_back_at: rolledBackAt })
    .where('id', '=', batchId)
    .execute()
  const imported = await trx
    .selectFrom('audit_log')
    .select('adcodes')
    .where('batch_id', '=', batchId)
    .where('action', '=', 'import')
    .executeTakeFirst()
  const batch = batchFromRow(row)
  await insertAudit(trx, {
    at: rolledBackAt,
    actor,
    action: 'rollback',
    layer,
    record_id: null,
    batch_id: batchId,
    adcodes: imported ? (JSON.parse(imported.adcodes) as string[]) : [],
    before: batch,
    after: { ...batch, rolledBackAt },
  })
  await bumpDataVersion(trx)
  return { ...batch, rolledBackAt }
}

/** Every batch, newest first. */
export async function listImportBatches(db: Kysely<Database>): Promise<ImportBatch[]> {
  const rows = await db.selectFrom('import_batches').selectAll().orderBy('seq', 'desc').execute()
  return rows.map(batchFromRow)
}

function batchFromRow(r: Selectable<ImportBatchTable>): ImportBatch {
  return {
    id: r.id,
    layer: r.layer as ImportBatch['layer'],
    source: r.source,
    mode: r.mode as ImportBatch['mode'],
    files: JSON.parse(r.files) as ImportBatch['files'],
    counts: JSON.parse(r.counts) as ImportBatch['counts'],
    createdAt: r.created_at,
    rolledBackAt: r.rolled_back_at,
  }
}
