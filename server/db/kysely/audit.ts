import type { Kysely, RawBuilder, Selectable } from 'kysely'
import type { AuditActor, AuditListQuery, AuditPage } from '../store.ts'
import type { AuditEntry, AuditLayer } from '../../domain/audit.ts'
import type { AuditLogTable, Database } from '../schema.ts'

/** How an engine reads JSON held in a text column (SQLite's json functions, PostgreSQL's jsonb). */
export interface JsonText {
  /** The elements of an array as rows of one column, `value` (a table function). */
  arrayElements(column: string): RawBuilder<{ value: string }>
  /** One top-level field of an object, as text. */
  field(column: string, key: string): RawBuilder<string>
}

export interface AuditRowInput {
  at: string
  actor: AuditActor
  action: AuditEntry['action']
  layer: AuditLayer
  record_id: string | null
  batch_id: string | null
  adcodes: readonly string[]
  before: unknown
  after: unknown
  undoes?: number | null
}

export async function insertAudit(trx: Kysely<Database>, e: AuditRowInput): Promise<AuditEntry> {
  const row = await trx
    .insertInto('audit_log')
    .values({
      at: e.at,
      user_id: e.actor.userId,
      actor: e.actor.name,
      action: e.action,
      layer: e.layer,
      record_id: e.record_id,
      batch_id: e.batch_id,
      adcodes: JSON.stringify([...new Set(e.adcodes)].sort()),
      before: e.before === null ? null : JSON.stringify(e.before),
      after: e.after === null ? null : JSON.stringify(e.after),
      undoes: e.undoes ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return auditFromRow(row)
}

export async function listAudit(
  db: Kysely<Database>,
  query: AuditListQuery,
  json: JsonText,
): Promise<AuditPage> {
  let q = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
  if (query.layer !== undefined) q = q.where('layer', '=', query.layer)
  if (query.recordId !== undefined) q = q.where('record_id', '=', query.recordId)
  const { stationId } = query
  if (stationId !== undefined) {
    // From the entry itself: a report's row goes with a replaced dataset, its entry stays.
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('layer', '=', 'stations'), eb('record_id', '=', stationId)]),
        eb.and([
          eb('layer', '=', 'reports'),
          eb(json.field('audit_log.before', 'stationId'), '=', stationId),
        ]),
      ]),
    )
  }
  if (query.userId !== undefined) q = q.where('user_id', '=', query.userId)
  if (query.beforeId !== undefined) q = q.where('id', '<', query.beforeId)
  if (query.adcodes !== undefined) {
    const wanted = [...query.adcodes]
    if (wanted.length === 0) return { entries: [], nextBefore: null }
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom(json.arrayElements('audit_log.adcodes').as('a'))
          .select('a.value')
          .where('a.value', 'in', wanted),
      ),
    )
  }
  const rows = await q.execute()
  const more = rows.length > query.limit
  const entries = (more ? rows.slice(0, query.limit) : rows).map(auditFromRow)
  return { entries, nextBefore: more ? (entries.at(-1)?.id ?? null) : null }
}

export async function getAuditEntry(db: Kysely<Database>, id: number): Promise<AuditEntry | null> {
  const row = await db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? auditFromRow(row) : null
}

function auditFromRow(r: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    action: r.action as AuditEntry['action'],
    layer: r.layer as AuditEntry['layer'],
    recordId: r.record_id,
    batchId: r.batch_id,
    adcodes: JSON.parse(r.adcodes) as string[],
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    undoes: r.undoes,
  }
}
