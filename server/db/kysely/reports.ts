import { randomUUID } from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import {
  ReportClosedError,
  type ReportClose,
  type ReportListPage,
  type ReportListQuery,
} from '../store.ts'
import type { AuditEntry } from '../../domain/audit.ts'
import type { InboxReport } from '../../domain/report-inbox.ts'
import type { Report, ReportInput } from '../../domain/report.ts'
import { REPORT_MAX_AGE_MS } from '../../domain/trust.ts'
import type { Database, StationReportTable } from '../schema.ts'
import type { OpenReports } from '../open-reports.ts'
import { insertAudit } from './audit.ts'

// Workers' reports and the editors' inbox: plain Kysely, the same on every engine. The caller
// keeps its OpenReports (the trust signal) in step with what these write.

/**
 * The open reports young enough to count, into memory: one query, at start-up; with
 * `stationIds`, only those stations' (a store that cannot keep them all in step reads these).
 */
export async function loadOpenReports(
  db: Kysely<Database>,
  now: Date,
  openReports: OpenReports,
  stationIds?: readonly string[],
): Promise<void> {
  if (stationIds?.length === 0) return
  let query = db
    .selectFrom('station_reports')
    .select(['id', 'station_id', 'type', 'created_at'])
    .where('status', '=', 'open')
    .where('created_at', '>', new Date(now.getTime() - REPORT_MAX_AGE_MS).toISOString())
  if (stationIds !== undefined) query = query.where('station_id', 'in', stationIds)
  for (const r of await query.execute()) {
    openReports.add(r.station_id, {
      id: r.id,
      type: r.type as Report['type'],
      createdAt: r.created_at,
    })
  }
}

/** Stores a report on a station; null when there is no such station. */
export async function insertReport(
  db: Kysely<Database>,
  stationId: string,
  input: ReportInput,
  at: Date,
): Promise<Report | null> {
  const station = await db
    .selectFrom('stations')
    .select('adcode')
    .where('id', '=', stationId)
    .executeTakeFirst()
  if (!station) return null
  const report: Report = {
    id: `rp-${randomUUID()}`,
    stationId,
    adcode: station.adcode,
    type: input.type,
    amenity: input.amenity ?? null,
    note: input.note ?? null,
    createdAt: at.toISOString(),
    status: 'open',
  }
  await db
    .insertInto('station_reports')
    .values({
      id: report.id,
      station_id: stationId,
      adcode: report.adcode,
      type: report.type,
      amenity: report.amenity,
      note: report.note,
      created_at: report.createdAt,
      closed_at: null,
      closed_by: null,
      resolution: null,
    })
    .execute()
  return report
}

export async function listReports(
  db: Kysely<Database>,
  query: ReportListQuery,
): Promise<ReportListPage> {
  let q = reportRows(db)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit + 1)
  if (query.counties !== undefined) {
    if (query.counties.length === 0) return { reports: [], next: null }
    q = q.where('r.adcode', 'in', [...query.counties])
  }
  const { area, before } = query
  if (area !== undefined) {
    q = area.endsWith('00')
      ? q.where('r.adcode', 'like', `${area.slice(0, 4)}%`)
      : q.where('r.adcode', '=', area)
  }
  if (query.status !== undefined) q = q.where('r.status', '=', query.status)
  if (query.type !== undefined) q = q.where('r.type', '=', query.type)
  if (before !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('r.created_at', '<', before.createdAt),
        eb.and([eb('r.created_at', '=', before.createdAt), eb('r.id', '<', before.id)]),
      ]),
    )
  }
  const rows = await q.execute()
  const more = rows.length > query.limit
  const reports = (more ? rows.slice(0, query.limit) : rows).map(inboxReportFromRow)
  const last = reports.at(-1)
  return { reports, next: more && last ? { createdAt: last.createdAt, id: last.id } : null }
}

export async function getReport(db: Kysely<Database>, id: string): Promise<InboxReport | null> {
  const row = await reportRows(db).where('r.id', '=', id).executeTakeFirst()
  return row ? inboxReportFromRow(row) : null
}

/** Inside a transaction: closes an open report with its audit entry. */
export async function closeReport(
  trx: Kysely<Database>,
  close: ReportClose,
): Promise<{ report: InboxReport; entry: AuditEntry }> {
  const row = await reportRows(trx).where('r.id', '=', close.id).executeTakeFirst()
  if (!row || row.status !== 'open') {
    throw new ReportClosedError(`report ${close.id} is not open; nothing was written`)
  }
  const before = inboxReportFromRow(row)
  await trx
    .updateTable('station_reports')
    .set({
      status: close.status,
      closed_at: close.at,
      closed_by: close.actor.name,
      resolution: close.auditEntryId === null ? null : String(close.auditEntryId),
    })
    .where('id', '=', close.id)
    .execute()
  const report: InboxReport = {
    ...before,
    status: close.status,
    closedAt: close.at,
    closedBy: close.actor.name,
    auditEntryId: close.auditEntryId,
  }
  const entry = await insertAudit(trx, {
    at: close.at,
    actor: close.actor,
    action: close.status === 'resolved' ? 'resolve' : 'dismiss',
    layer: 'reports',
    record_id: close.id,
    batch_id: null,
    adcodes: [report.adcode],
    before,
    after: report,
  })
  return { report, entry }
}

/** Reports with their station's name (left join: a report outlives its station). */
function reportRows(db: Kysely<Database>) {
  return db
    .selectFrom('station_reports as r')
    .leftJoin('stations as s', 's.id', 'r.station_id')
    .selectAll('r')
    .select('s.name as station_name')
}

function inboxReportFromRow(
  r: Selectable<StationReportTable> & { station_name: string | null },
): InboxReport {
  return {
    id: r.id,
    stationId: r.station_id,
    adcode: r.adcode,
    type: r.type as InboxReport['type'],
    amenity: r.amenity as InboxReport['amenity'],
    note: r.note,
    createdAt: r.created_at,
    status: r.status as InboxReport['status'],
    stationName: r.station_name,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    auditEntryId: r.resolution === null ? null : Number(r.resolution),
  }
}
