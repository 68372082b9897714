import { z } from 'zod'
import { AMENITIES, REPORT_TYPES } from './vocabularies.ts'

/**
 * Worker check-ins and reports about a station (`POST /api/stations/{id}/reports`), and the
 * trust signal the station answers carry. Shared by the API and the web app.
 */

export const REPORT_NOTE_MAX = 200

// C0, DEL and C1 except tab and line breaks: a note is one short paragraph of text.
const CONTROL_CHARACTER = /[^\P{Cc}\t\n\r]/u

/** What a worker sends. */
export const ReportInputSchema = z
  .object({
    type: z.enum(REPORT_TYPES),
    /** Which amenity is missing: required for `amenity_missing`, refused otherwise. */
    amenity: z.enum(AMENITIES).optional(),
    /** A short note, shown as plain text. */
    note: z
      .string()
      .max(REPORT_NOTE_MAX)
      .refine((s) => !CONTROL_CHARACTER.test(s), 'must not contain control characters')
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.type === 'amenity_missing' && r.amenity === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amenity'],
        message: 'is required for amenity_missing',
      })
    }
    if (r.type !== 'amenity_missing' && r.amenity !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['amenity'], message: 'is only for amenity_missing' })
    }
  })
export type ReportInput = z.infer<typeof ReportInputSchema>

/**
 * open: counts in the trust signal (until it ages out); resolved (an editor acted on it) and
 * dismissed (not true, or spam) do not: set in the editors' inbox (server/api/report-inbox.ts).
 */
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** A report as stored and answered. */
export const ReportSchema = z.object({
  id: z.string(),
  stationId: z.string(),
  /** The station's county when the report was made: the inbox lists reports by county. */
  adcode: z.string(),
  type: z.enum(REPORT_TYPES),
  amenity: z.enum(AMENITIES).nullable(),
  note: z.string().nullable(),
  createdAt: z.iso.datetime(),
  status: z.enum(REPORT_STATUSES),
})
export type Report = z.infer<typeof ReportSchema>

/** What each station answer carries about its reports (see server/domain/trust.ts). */
export const TrustShape = {
  /** The newest open confirmed_open no open problem report came after; null when none. */
  lastConfirmedAt: z.iso.datetime().nullable(),
  /** Unresolved reports by type, e.g. {"locked": 2}; {} when there are none. */
  openReports: z.partialRecord(z.enum(REPORT_TYPES), z.number().int().positive()),
  /** The newest unresolved report other than a check-in, for "reported locked yesterday". */
  latestReport: z.object({ type: z.enum(REPORT_TYPES), createdAt: z.iso.datetime() }).nullable(),
}
export const TrustSchema = z.object(TrustShape)
export type Trust = z.infer<typeof TrustSchema>
