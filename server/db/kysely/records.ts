import type { Kysely } from 'kysely'
import { RecordChangedError, type RecordWrite } from '../store.ts'
import type { Station } from '../../domain/station.ts'
import type { AuditEntry } from '../../domain/audit.ts'
import type { ImportLayer, RecordOf } from '../../import/register.ts'
import type { Database } from '../schema.ts'
import { classFromRow, parkFromRow, stationFromRow } from '../rows.ts'
import { insertAudit } from './audit.ts'
import { bumpDataVersion } from './data-version.ts'
import type { RecordWriter } from './record-writer.ts'

/** One record of a layer as stored, read on `db` (a transaction's, inside one). */
export async function readRecord<L extends ImportLayer>(
  db: Kysely<Database>,
  layer: L,
  id: string,
): Promise<RecordOf<L> | null> {
  if (layer === 'classes') {
    const row = await db
      .selectFrom('childcare_classes')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? (classFromRow(row) as RecordOf<L>) : null
  }
  if (layer === 'parks') {
    const row = await db.selectFrom('parks').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? (parkFromRow(row) as RecordOf<L>) : null
  }
  const [station] = await stationsByIds(db, [id])
  return (station as RecordOf<L> | undefined) ?? null
}

/** Full stations for these ids, in no particular order (unknown ids are skipped). */
export async function stationsByIds(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Station[]> {
  if (ids.length === 0) return []
  const [rows, amenityRows] = await Promise.all([
    db.selectFrom('stations').selectAll().where('id', 'in', ids).execute(),
    db.selectFrom('station_amenities').selectAll().where('station_id', 'in', ids).execute(),
  ])
  const amenities = groupAmenities(amenityRows)
  return rows.map((r) => stationFromRow(r, amenities.get(r.id) ?? []))
}

export function groupAmenities(rows: readonly { station_id: string; amenity: string }[]) {
  const amenities = new Map<string, string[]>()
  for (const a of rows) {
    const list = amenities.get(a.station_id)
    if (list) list.push(a.amenity)
    else amenities.set(a.station_id, [a.amenity])
  }
  return amenities
}

/**
 * Inside a transaction: writes one record and its audit entry and bumps the data version, or
 * refuses (RecordChangedError) when the stored record is no longer what the writer saw.
 */
export async function writeRecord<L extends ImportLayer>(
  trx: Kysely<Database>,
  writer: RecordWriter,
  write: RecordWrite<L>,
): Promise<AuditEntry> {
  const layer: ImportLayer = write.layer
  const { id, expected, next } = write
  const current = await readRecord(trx, layer, id)
  if (!sameRecord(current, expected)) {
    throw new RecordChangedError(`${id} changed since it was read; nothing was written`)
  }
  if (next === null) await writer.deleteRecords(layer, [id])
  else if (current === null) await writer.insertRecords(layer, [next])
  else await writer.updateRecord(layer, next)
  const entry = await insertAudit(trx, {
    at: write.at,
    actor: write.actor,
    action: write.action,
    layer,
    record_id: id,
    batch_id: null,
    adcodes: [current, next].flatMap((r) => (r ? [r.adcode] : [])),
    before: current,
    after: next,
    undoes: write.undoes ?? null,
  })
  await bumpDataVersion(trx)
  return entry
}

/** Field by field, whatever order the fields were built in. */
function sameRecord(a: object | null, b: object | null): boolean {
  const canonical = (r: object | null) =>
    r === null ? 'null' : JSON.stringify(r, Object.keys(r).sort())
  return canonical(a) === canonical(b)
}
