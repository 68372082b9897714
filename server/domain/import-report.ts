import { z } from 'zod'
import { ROW_REASON_CODES, type RowReasonCode } from './import-reasons.ts'
import { IMPORT_LAYERS, IMPORT_MODES, REGISTER_FORMATS, WARNING_KINDS } from '../import/register.ts'

/**
 * What an import did or would do, in one shape for the CLI (`npm run import`), the API
 * (`POST /api/import`) and the admin page. Counts are always exact; the lists may be cut at
 * `listLimit` entries each (`truncated` says which were).
 */

export const ImportCountsSchema = z.object({
  /** Data rows in all files. */
  read: z.number().int().nonnegative(),
  add: z.number().int().nonnegative(),
  update: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  /** Stored records the mode removes (replace-county, replace-all). */
  remove: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
})
export type ImportCounts = z.infer<typeof ImportCountsSchema>

export const ImportFileSchema = z.object({
  name: z.string(),
  sha256: z.string(),
  rows: z.number().int().nonnegative(),
})

/** A committed import: what `--list` shows and `--rollback` undoes. */
export const ImportBatchSchema = z.object({
  id: z.string(),
  layer: z.enum(IMPORT_LAYERS),
  source: z.string(),
  mode: z.enum(IMPORT_MODES),
  files: z.array(ImportFileSchema),
  counts: ImportCountsSchema,
  /** ISO 8601, UTC. */
  createdAt: z.string(),
  rolledBackAt: z.string().nullable(),
})
export type ImportBatch = z.infer<typeof ImportBatchSchema>

/** A row of a file, or a stored record (file and row null). */
export const RecordRefSchema = z.object({
  file: z.string().nullable(),
  row: z.number().int().nullable(),
  /** Our id: the stored record's, or the one the row carries or would get. */
  id: z.string().nullable(),
  name: z.string(),
})
export type RecordRef = z.infer<typeof RecordRefSchema>

export const DUPLICATE_REASONS = [
  'same_id', // the file gives our id twice; the later row is rejected
  'same_source_ref', // the file gives its own id (编号) twice; the later row is rejected
  'near_similar_name', // within 50 m, with a similar name (see plan.ts similarNames)
] as const

export type DuplicateReason = (typeof DUPLICATE_REASONS)[number]

export const DuplicateSchema = z.object({
  reason: z.enum(DUPLICATE_REASONS),
  first: RecordRefSchema,
  second: RecordRefSchema,
  /** Geodesic metres between the two; null when the reason is not nearness. */
  distanceM: z.number().nullable(),
})
export type Duplicate = z.infer<typeof DuplicateSchema>

const RowProblemSchema = z.object({
  file: z.string(),
  row: z.number().int(),
  /** The file's own header; null for the row as a whole. */
  column: z.string().nullable(),
  /** The English sentence of `code` with `params`. */
  reason: z.string(),
  /** Stable: what went wrong, for a client to word in its own language (import-reasons.ts). */
  code: z.enum(ROW_REASON_CODES as [RowReasonCode, ...RowReasonCode[]]),
  /** The cells, numbers and field names the sentence names. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
})

export const ImportReportSchema = z.object({
  layer: z.enum(IMPORT_LAYERS),
  mode: z.enum(IMPORT_MODES),
  source: z.string(),
  dryRun: z.boolean(),
  files: z.array(
    ImportFileSchema.extend({
      format: z.enum(REGISTER_FORMATS),
      encoding: z.string().nullable(),
      sheet: z.string().nullable(),
    }),
  ),
  counts: ImportCountsSchema,
  unknownColumns: z.array(z.object({ file: z.string(), header: z.string() })),
  add: z.array(RecordRefSchema),
  update: z.array(RecordRefSchema),
  remove: z.array(RecordRefSchema),
  rejected: z.array(RowProblemSchema),
  duplicates: z.array(DuplicateSchema),
  warnings: z.array(RowProblemSchema.extend({ kind: z.enum(WARNING_KINDS) })),
  /** Most entries any list above holds. */
  listLimit: z.number().int().positive(),
  /** The lists that were cut at listLimit. */
  truncated: z.array(z.string()),
  /** The committed batch; null on a dry run or when refused. */
  batchId: z.string().nullable(),
  /** Why nothing was written (no row could be taken, the data moved meanwhile); else null. */
  refused: z.string().nullable(),
})
export type ImportReport = z.infer<typeof ImportReportSchema>
