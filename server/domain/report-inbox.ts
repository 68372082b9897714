import { z } from 'zod'
import { AdcodeSchema } from './station.ts'
import { decimalParam, textParam } from './params.ts'
import { REPORT_STATUSES, ReportSchema } from './report.ts'
import { REPORT_TYPES } from './vocabularies.ts'

/**
 * The editors' inbox of worker reports (`GET /api/reports`, `POST /api/reports/{id}/resolve`
 * and `/dismiss`). Shared by the API and the web admin.
 */

/** A report as the inbox lists it: with its station's name and how it was closed. */
export const InboxReportSchema = ReportSchema.extend({
  /** The station's name now; null once the station is gone. */
  stationName: z.string().nullable(),
  /** ISO 8601, UTC; null while open. */
  closedAt: z.string().nullable(),
  /** Who resolved or dismissed it; null while open. */
  closedBy: z.string().nullable(),
  /** For a resolved report: the audit entry of the edit it led to, if one was named. */
  auditEntryId: z.number().int().positive().nullable(),
})
export type InboxReport = z.infer<typeof InboxReportSchema>

export const ReportPageSchema = z.object({
  reports: z.array(InboxReportSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
})
export type ReportPage = z.infer<typeof ReportPageSchema>

export const REPORTS_MAX_LIMIT = 200

/** `GET /api/reports`: newest first. */
export const ReportQuerySchema = z.object({
  adcode: AdcodeSchema.optional().describe(
    'Only this county, or (a code ending in 00) the counties of this city',
  ),
  status: z.enum(REPORT_STATUSES).optional().describe('Only reports in this state'),
  type: z.enum(REPORT_TYPES).optional().describe('Only reports of this type'),
  before: textParam(300)
    .optional()
    .describe("Reports older than this point in the list (the previous page's nextBefore)"),
  limit: decimalParam(z.number().int().min(1).max(REPORTS_MAX_LIMIT))
    .default(50)
    .describe('Most reports in the page'),
})
export type ReportQuery = z.infer<typeof ReportQuerySchema>

/** `POST /api/reports/{id}/resolve`: optionally, the edit the report led to. */
export const ResolveInputSchema = z
  .object({
    /** The audit entry of that edit: it must exist and be about the report's station. */
    auditEntryId: z.number().int().positive().optional(),
  })
  .strict()
export type ResolveInput = z.infer<typeof ResolveInputSchema>

/** What a report can be closed as. */
export const CLOSED_STATUSES = ['resolved', 'dismissed'] as const satisfies readonly string[]
export type ClosedStatus = (typeof CLOSED_STATUSES)[number]
